import { Route } from "@cdktf/provider-aws/lib/route";
import { Route53VpcAssociationAuthorization } from "@cdktf/provider-aws/lib/route53-vpc-association-authorization";
import { Route53ZoneAssociation } from "@cdktf/provider-aws/lib/route53-zone-association";
import { Testing, TerraformResource } from "cdktf";
import "cdktf/lib/testing/adapters/jest"; // types of the matchers jest.setup.js registers
import { Construct } from "constructs";
import type { PeeringNetwork } from "../../src/peering/peering-network";
import { addAwsProvider } from "../../src/stacks/aws-provider";
import { LandingZoneStack } from "../../src/stacks/landing-zone-stack";
import { countResources, resourcesOf } from "../../src/testing";
import { TransitGatewayPeering, type TransitGatewayPeeringSide } from "../../src/transit-gateway/transit-gateway-peering";

/** Plain-string network attributes: one private and one persistence table per AZ, one public table. */
function network(name: string, azs: number): PeeringNetwork {
  const perAz = (tier: string) => "abcdef".slice(0, azs).split("").map((azSuffix) => ({ azSuffix, routeTableId: `rtb-${name}-${tier}-${azSuffix}` }));
  return {
    vpcId: `vpc-${name}`,
    privateRouteTables: perAz("private"),
    persistenceRouteTables: perAz("persistence"),
    publicRouteTableId: `rtb-${name}-public`,
    internalZoneId: `Z${name.toUpperCase()}`,
  };
}

/** A stand-in for what the hub construct hands out: something a route can depend on. */
class Ready extends TerraformResource {
  constructor(scope: Construct, id: string) {
    super(scope, id, { terraformResourceType: "terraform_data" });
  }
}

function build(options: { productionAccount?: string; routePublicTables?: boolean } = {}) {
  const stack = new LandingZoneStack(Testing.app(), "test");
  const side = (name: string, cidrBlock: string, accountId: string, azs: number, routePublicTables = false): TransitGatewayPeeringSide => ({
    name,
    cidrBlock,
    accountId,
    region: "us-east-1",
    provider: addAwsProvider(stack, `aws-${name}`, { alias: name, region: "us-east-1", accountId, tags: {} }),
    network: network(name, azs),
    routePublicTables,
    attachmentReady: [new Ready(stack, `ready-${name}`)],
  });
  const peering = new TransitGatewayPeering(stack, "management-production", {
    transitGatewayId: "tgw-0123",
    requester: side("management", "10.120.0.0/16", "111111111111", 2),
    accepter: side("production", "10.130.0.0/16", options.productionAccount ?? "222222222222", 3, options.routePublicTables),
  });
  return { peering, synth: Testing.synth(stack) };
}

describe("TransitGatewayPeering", () => {
  describe("across accounts", () => {
    const { peering, synth } = build();

    it("routes every private and persistence table of both sides to the other side's CIDR through the gateway", () => {
      const routes = Object.values(resourcesOf(synth, Route));
      expect(routes).toHaveLength(2 * 2 + 2 * 3);
      expect(routes.every((r) => r.transit_gateway_id === "tgw-0123" && r.vpc_peering_connection_id === undefined)).toBe(true);
      expect(routes.filter((r) => r.provider === "aws.production").every((r) => r.destination_cidr_block === "10.120.0.0/16")).toBe(true);
      expect(routes.filter((r) => r.provider === "aws.management").every((r) => r.destination_cidr_block === "10.130.0.0/16")).toBe(true);
    });

    it("keys the routes as VpcPeering does, by side, tier and AZ letter, so a switch of mode updates them in place", () => {
      expect(Object.keys(resourcesOf(synth, Route)).sort()).toEqual([
        "management-production_route-accepter-persistence-a",
        "management-production_route-accepter-persistence-b",
        "management-production_route-accepter-persistence-c",
        "management-production_route-accepter-private-a",
        "management-production_route-accepter-private-b",
        "management-production_route-accepter-private-c",
        "management-production_route-requester-persistence-a",
        "management-production_route-requester-persistence-b",
        "management-production_route-requester-private-a",
        "management-production_route-requester-private-b",
      ]);
    });

    it("makes each route wait for both sides' attachments", () => {
      const route = resourcesOf(synth, Route)["management-production_route-requester-private-a"];
      expect(route.depends_on).toEqual(["terraform_data.ready-management", "terraform_data.ready-production"]);
    });

    it("authorizes the spoke's private zone for the hub VPC in the spoke's account and associates it from the hub's", () => {
      expect(synth).toHaveResourceWithProperties(Route53VpcAssociationAuthorization, { provider: "aws.production", zone_id: "ZPRODUCTION", vpc_id: "vpc-management" });
      expect(synth).toHaveResourceWithProperties(Route53ZoneAssociation, { provider: "aws.management", zone_id: "ZPRODUCTION", vpc_id: "vpc-management" });
    });

    it("lists its routes for the isolation check", () => {
      expect(peering.routes).toHaveLength(10);
      expect(new Set(peering.routes.map((r) => `${r.from}>${r.destinationCidr}`))).toEqual(new Set(["management>10.130.0.0/16", "production>10.120.0.0/16"]));
    });
  });

  describe("in one account, with public routes on the spoke", () => {
    const { synth } = build({ productionAccount: "111111111111", routePublicTables: true });

    it("needs no zone authorization", () => {
      expect(countResources(synth, Route53VpcAssociationAuthorization)).toBe(0);
      expect(countResources(synth, Route53ZoneAssociation)).toBe(1);
    });

    it("routes the spoke's public table too", () => {
      expect(resourcesOf(synth, Route)["management-production_route-accepter-public"]).toMatchObject({ route_table_id: "rtb-production-public", transit_gateway_id: "tgw-0123" });
    });
  });
});
