import { Route } from "@cdktf/provider-aws/lib/route";
import { Route53VpcAssociationAuthorization } from "@cdktf/provider-aws/lib/route53-vpc-association-authorization";
import { Route53ZoneAssociation } from "@cdktf/provider-aws/lib/route53-zone-association";
import { Testing } from "cdktf";
import { Construct } from "constructs";
import { addEdgeRoutes, associateAccepterZone } from "../../src/peering/edge";
import type { PeeringNetwork } from "../../src/peering/peering-network";
import type { PeeringSide } from "../../src/peering/vpc-peering";
import { addAwsProvider } from "../../src/stacks/aws-provider";
import { LandingZoneStack } from "../../src/stacks/landing-zone-stack";
import { resourcesOf } from "../../src/testing";

/** Plain-string network attributes: one private and one persistence table per AZ letter, one public table. */
function network(name: string, letters: string): PeeringNetwork {
  const perAz = (tier: string) => letters.split("").map((azSuffix) => ({ azSuffix, routeTableId: `rtb-${name}-${tier}-${azSuffix}` }));
  return {
    vpcId: `vpc-${name}`,
    privateRouteTables: perAz("private"),
    persistenceRouteTables: perAz("persistence"),
    publicRouteTableId: `rtb-${name}-public`,
    internalZoneId: `Z${name.toUpperCase()}`,
  };
}

/** An edge construct between a hub and a spoke, with the given accounts and AZ letters. */
function edge(o: { hubAccount?: string; spokeAccount?: string; spokeLetters?: string; hubPublic?: boolean } = {}) {
  const stack = new LandingZoneStack(Testing.app(), "test");
  const side = (name: string, cidrBlock: string, accountId: string, letters: string, routePublicTables?: boolean): PeeringSide => ({
    name,
    cidrBlock,
    accountId,
    region: "us-east-1",
    provider: addAwsProvider(stack, `aws-${name}`, { alias: name, region: "us-east-1", accountId, tags: {} }),
    network: network(name, letters),
    routePublicTables,
  });
  const hub = side("management", "10.120.0.0/16", o.hubAccount ?? "111111111111", "ab", o.hubPublic);
  const spoke = side("production", "10.130.0.0/16", o.spokeAccount ?? "222222222222", o.spokeLetters ?? "abc");
  const scope = new Construct(stack, "management-production");
  const routes = addEdgeRoutes(scope, hub, spoke, (from, to) => ({ vpcPeeringConnectionId: `pcx-${from.name}-${to.name}` }));
  associateAccepterZone(scope, hub, spoke);
  return { routes, synth: Testing.synth(stack, true) };
}

describe("addEdgeRoutes", () => {
  it("routes every private and persistence table of each side to the other side's CIDR, keyed by side, tier and AZ letter", () => {
    const { routes, synth } = edge();
    const byId = resourcesOf(synth, Route.tfResourceType);
    expect(Object.keys(byId).sort()).toEqual(
      [
        "accepter-persistence-a", "accepter-persistence-b", "accepter-persistence-c", "accepter-private-a", "accepter-private-b", "accepter-private-c",
        "requester-persistence-a", "requester-persistence-b", "requester-private-a", "requester-private-b",
      ].map((key) => `management-production_route-${key}`),
    );
    expect(byId["management-production_route-requester-private-b"]).toMatchObject({
      route_table_id: "rtb-management-private-b",
      destination_cidr_block: "10.130.0.0/16",
      vpc_peering_connection_id: "pcx-management-production",
    });
    expect(byId["management-production_route-accepter-persistence-c"]).toMatchObject({
      route_table_id: "rtb-production-persistence-c",
      destination_cidr_block: "10.120.0.0/16",
      vpc_peering_connection_id: "pcx-production-management",
    });
    expect(routes).toHaveLength(10);
    expect(routes.filter((r) => r.from === "management").every((r) => r.destinationCidr === "10.130.0.0/16")).toBe(true);
  });

  it("renames no other route when a side loses an AZ", () => {
    const all = Object.keys(resourcesOf(edge().synth, Route.tfResourceType));
    const fewer = Object.keys(resourcesOf(edge({ spokeLetters: "ac" }).synth, Route.tfResourceType));
    expect(all.filter((id) => !fewer.includes(id))).toEqual(["management-production_route-accepter-persistence-b", "management-production_route-accepter-private-b"]);
    expect(fewer.filter((id) => !all.includes(id))).toEqual([]);
  });

  it("routes a side's public table only when that side asks", () => {
    expect(Object.keys(resourcesOf(edge().synth, Route.tfResourceType))).not.toContain("management-production_route-requester-public");
    expect(resourcesOf(edge({ hubPublic: true }).synth, Route.tfResourceType)["management-production_route-requester-public"]).toMatchObject({
      route_table_id: "rtb-management-public",
    });
  });
});

describe("associateAccepterZone", () => {
  it("has the spoke authorize its zone for the hub's VPC first when they are in different accounts", () => {
    const { synth } = edge();
    expect(resourcesOf(synth, Route53VpcAssociationAuthorization.tfResourceType)["management-production_zone-authorization"]).toMatchObject({
      zone_id: "ZPRODUCTION",
      vpc_id: "vpc-management",
      provider: "aws.production",
    });
    expect(resourcesOf(synth, Route53ZoneAssociation.tfResourceType)["management-production_zone-association"]).toMatchObject({
      zone_id: "ZPRODUCTION",
      vpc_id: "vpc-management",
      provider: "aws.management",
      depends_on: ["aws_route53_vpc_association_authorization.management-production_zone-authorization"],
    });
  });

  it("associates directly in one account", () => {
    const { synth } = edge({ spokeAccount: "111111111111" });
    expect(resourcesOf(synth, Route53VpcAssociationAuthorization.tfResourceType)).toEqual({});
    expect(resourcesOf(synth, Route53ZoneAssociation.tfResourceType)["management-production_zone-association"].depends_on).toBeUndefined();
  });
});
