import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route } from "@cdktf/provider-aws/lib/route";
import { Route53VpcAssociationAuthorization } from "@cdktf/provider-aws/lib/route53-vpc-association-authorization";
import { Route53ZoneAssociation } from "@cdktf/provider-aws/lib/route53-zone-association";
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { VpcPeeringConnectionAccepterA } from "@cdktf/provider-aws/lib/vpc-peering-connection-accepter";
import { VpcPeeringConnectionOptions } from "@cdktf/provider-aws/lib/vpc-peering-connection-options";
import { Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest"; // types of the matchers jest.setup.js registers
import { buildApp } from "../../src/app";
import { loadOrgFile } from "../../src/model/load";
import type { Org } from "../../src/model/org";
import type { PeeringNetwork } from "../../src/peering/peering-network";
import { PeeringStack } from "../../src/stacks/peering-stack";
import { parseStack, resourcesOf } from "../../src/testing";
import { loadChanged } from "../../test-helpers/model-fixtures";

/** Builds the whole organization and synthesizes its peering stack with cross-stack references resolved. */
function synthPeering(org: Org) {
  const landingZone = buildApp(Testing.app(), org);
  const stack = landingZone.peering!;
  // app.synth() prepares every stack; a single-stack synth must do it to turn network tokens into remote state.
  stack.prepareStack();
  return { landingZone, stack, synth: Testing.synth(stack, true) };
}

/** Routes of the synthesized stack whose provider is the given environment's. */
function routesOf(synth: string, env: string): any[] {
  return Object.values(resourcesOf(synth, Route)).filter((r) => r.provider === `aws.${env}`);
}

const remote = (env: string, output: string) =>
  `\${data.terraform_remote_state.cross-stack-reference-input-${env}.outputs.cross-stack-output-${output}}`;

describe("PeeringStack", () => {
  describe("for the default organization", () => {
    const org = loadOrgFile();
    const { landingZone, stack, synth } = synthPeering(org);

    it("keeps its state in the S3 backend under peering/peering.tfstate", () => {
      expect(parseStack(synth)).toMatchObject({
        terraform: { backend: { s3: { bucket: "acme-terraform-state", key: "peering/peering.tfstate", encrypt: true } } },
      });
    });

    it("has one aws provider per environment, aliased by name, in its account through its deploy role", () => {
      expect(synth).toHaveProviderWithProperties(AwsProvider, {
        alias: "production",
        region: "us-east-1",
        allowed_account_ids: ["222222222222"],
        assume_role: [expect.objectContaining({ role_arn: "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole" })],
        default_tags: [{ tags: expect.objectContaining({ environment: "production" }) }],
      });
      expect([...stack.providers.keys()]).toEqual(["management", "production", "development"]);
      expect((parseStack(synth) as any).provider.aws.map((p: any) => p.alias)).toEqual(["management", "production", "development"]);
    });

    it("requests one connection per spoke from management, named after the pair", () => {
      expect(Object.keys(resourcesOf(synth, VpcPeeringConnection)).sort()).toEqual([
        "management-development_connection",
        "management-production_connection",
      ]);
      expect(synth).toHaveResourceWithProperties(VpcPeeringConnection, {
        provider: "aws.management",
        vpc_id: remote("management", "aws_vpc_network_vpc_id"),
        peer_vpc_id: remote("production", "aws_vpc_network_vpc_id"),
        peer_owner_id: "222222222222",
        tags: { Name: "acme-management-production" },
      });
    });

    it("reads the VPCs, route tables and zones from the environment stacks' remote state in S3", () => {
      const remoteStates = (parseStack(synth) as any).data.terraform_remote_state;
      expect(Object.keys(remoteStates).sort()).toEqual([
        "cross-stack-reference-input-development",
        "cross-stack-reference-input-management",
        "cross-stack-reference-input-production",
      ]);
      expect(remoteStates["cross-stack-reference-input-production"]).toMatchObject({
        backend: "s3",
        config: { bucket: "acme-terraform-state", key: "production/network-cluster.tfstate" },
      });
    });

    it("accepts each cross-account connection in the spoke's account", () => {
      expect(Object.keys(resourcesOf(synth, VpcPeeringConnectionAccepterA)).sort()).toEqual([
        "management-development_accepter",
        "management-production_accepter",
      ]);
      expect(synth).toHaveResourceWithProperties(VpcPeeringConnectionAccepterA, { provider: "aws.development", auto_accept: true });
    });

    it("sets remote DNS resolution on both sides of both connections", () => {
      const options = Object.values(resourcesOf(synth, VpcPeeringConnectionOptions));
      expect(options.map((o) => `${o.provider}:${o.requester ? "requester" : "accepter"}`).sort()).toEqual([
        "aws.development:accepter",
        "aws.management:requester",
        "aws.management:requester",
        "aws.production:accepter",
      ]);
    });

    it("associates each spoke's private zone with the management VPC after the spoke authorized it", () => {
      expect(synth).toHaveResourceWithProperties(Route53VpcAssociationAuthorization, {
        provider: "aws.production",
        zone_id: remote("production", "aws_route53_zone_network_internal-zone_zone_zone_id"),
        vpc_id: remote("management", "aws_vpc_network_vpc_id"),
      });
      expect(synth).toHaveResourceWithProperties(Route53ZoneAssociation, {
        provider: "aws.management",
        zone_id: remote("development", "aws_route53_zone_network_internal-zone_zone_zone_id"),
        depends_on: ["aws_route53_vpc_association_authorization.management-development_zone-authorization"],
      });
      expect(Object.keys(resourcesOf(synth, Route53ZoneAssociation))).toHaveLength(2);
    });

    // management: 2 AZs -> 2 private + 2 persistence tables, routed to each of 2 spokes = 8;
    // production: 3 AZs -> 3 + 3 = 6; development: 2 AZs -> 2 + 2 = 4. Public tables are not routed.
    it("routes every private and persistence table of management to both spokes: 8 routes", () => {
      const routes = routesOf(synth, "management");
      expect(routes).toHaveLength(8);
      expect(routes.filter((r) => r.destination_cidr_block === "10.130.0.0/16")).toHaveLength(4);
      expect(routes.filter((r) => r.destination_cidr_block === "10.110.0.0/16")).toHaveLength(4);
    });

    it("routes every private and persistence table of production to management: 6 routes", () => {
      const routes = routesOf(synth, "production");
      expect(routes).toHaveLength(6);
      expect(new Set(routes.map((r) => r.destination_cidr_block))).toEqual(new Set(["10.120.0.0/16"]));
    });

    it("routes every private and persistence table of development to management: 4 routes", () => {
      const routes = routesOf(synth, "development");
      expect(routes).toHaveLength(4);
      expect(new Set(routes.map((r) => r.destination_cidr_block))).toEqual(new Set(["10.120.0.0/16"]));
    });

    it("matches the route tables the environment networks expose", () => {
      const tables = (env: string) => {
        const network = landingZone.environments.get(env)!.network;
        return network.privateRouteTables.length + network.persistenceRouteTables.length;
      };
      expect(routesOf(synth, "management")).toHaveLength(2 * tables("management"));
      expect(routesOf(synth, "production")).toHaveLength(tables("production"));
      expect(routesOf(synth, "development")).toHaveLength(tables("development"));
    });

    it("gives each route a stable id from its side, tier and AZ", () => {
      expect(synth).toHaveResourceWithProperties(Route, {
        provider: "aws.production",
        route_table_id: remote("production", "aws_route_table_network_private-route-table-c_id"),
        destination_cidr_block: "10.120.0.0/16",
      });
      expect(Object.keys(resourcesOf(synth, Route))).toContain("management-production_route-accepter-private-c");
    });

    it("keeps production and development isolated: neither routes to the other", () => {
      expect(routesOf(synth, "production").filter((r) => r.destination_cidr_block === "10.110.0.0/16")).toEqual([]);
      expect(routesOf(synth, "development").filter((r) => r.destination_cidr_block === "10.130.0.0/16")).toEqual([]);
      expect(stack.routes).toHaveLength(18);
    });
  });

  describe("when a spoke shares management's account", () => {
    const { synth } = synthPeering(loadChanged((f) => (f.environments.development.accountId = "111111111111")));

    it("auto-accepts that connection and skips its accepter and zone authorization", () => {
      expect(synth).toHaveResourceWithProperties(VpcPeeringConnection, {
        tags: { Name: "acme-management-development" },
        auto_accept: true,
      });
      expect(Object.keys(resourcesOf(synth, VpcPeeringConnectionAccepterA))).toEqual(["management-production_accepter"]);
      expect(Object.keys(resourcesOf(synth, Route53VpcAssociationAuthorization))).toEqual([
        "management-production_zone-authorization",
      ]);
    });
  });

  describe("when a spoke sits in another region", () => {
    const org = loadChanged((f) => {
      f.environments.development.region = "us-west-2";
      f.environments.development.azs = ["us-west-2a", "us-west-2b"];
    });
    const { synth } = synthPeering(org);

    it("gives the spoke's provider its own region", () => {
      expect(synth).toHaveProviderWithProperties(AwsProvider, { alias: "development", region: "us-west-2" });
    });

    it("requests the connection with the peer's region and accepts it in that region", () => {
      expect(synth).toHaveResourceWithProperties(VpcPeeringConnection, {
        tags: { Name: "acme-management-development" },
        peer_region: "us-west-2",
        peer_owner_id: "333333333333",
      });
      expect(synth).toHaveResourceWithProperties(VpcPeeringConnectionAccepterA, { provider: "aws.development" });
      expect(org.peerings.find((e) => e.accepter === "development")).toMatchObject({ crossRegion: true });
    });

    it("associates the zone with the hub VPC in the hub's region", () => {
      expect(synth).toHaveResourceWithProperties(Route53ZoneAssociation, {
        zone_id: remote("development", "aws_route53_zone_network_internal-zone_zone_zone_id"),
        vpc_region: "us-east-1",
      });
    });
  });

  describe("when a planned route would reach an environment its owner is not peered with", () => {
    // The loader rejects such a file; a hand-made model shows the stack checks isolation itself.
    const org = loadOrgFile();
    const development = org.environments.find((e) => e.name === "development")!;
    const legacy = { ...development, name: "legacy", cidr: "10.120.0.0/17", peers: [], inboundPeers: [] };
    const bad: Org = { ...org, environments: [...org.environments, legacy] };
    const network = (name: string): PeeringNetwork => ({
      vpcId: `vpc-${name}`,
      privateRouteTables: [{ azSuffix: "a", routeTableId: `rtb-${name}-private` }],
      persistenceRouteTables: [{ azSuffix: "a", routeTableId: `rtb-${name}-persistence` }],
      publicRouteTableId: `rtb-${name}-public`,
      internalZoneId: `Z${name}`,
    });
    const networks = new Map(org.environments.map((e) => [e.name, network(e.name)]));

    it("fails synthesis naming both environments and the CIDR", () => {
      expect(() => new PeeringStack(Testing.app(), "peering", { org: bad, networks })).toThrow(
        /production routes 10\.120\.0\.0\/16 to legacy, which it is not peered with \(peering\/management-production\/route-accepter-private-a\)/,
      );
    });
  });

  describe("when a peered environment's network is missing", () => {
    it("fails naming the environment", () => {
      expect(() => new PeeringStack(Testing.app(), "peering", { org: loadOrgFile(), networks: new Map() })).toThrow(
        /no network attributes for management/,
      );
    });
  });
});
