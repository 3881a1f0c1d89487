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
import { Ec2TransitGateway } from "@cdktf/provider-aws/lib/ec2-transit-gateway";
import { Ec2TransitGatewayRoute } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route";
import { Ec2TransitGatewayRouteTableAssociation } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association";
import { Ec2TransitGatewayVpcAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment";
import { findIsolationViolations } from "../../src/peering/isolation";

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

    // management: 2 AZs -> 2 private + 2 persistence tables and, for its VPN server, the public
    // table, routed to each of 2 spokes = 10; production: 3 AZs -> 3 + 3 = 6; development: 2 AZs
    // -> 2 + 2 = 4. The spokes' public tables are not routed.
    it("routes every private and persistence table of management, and its public one for the VPN, to both spokes: 10 routes", () => {
      const routes = routesOf(synth, "management");
      expect(routes).toHaveLength(10);
      expect(routes.filter((r) => r.destination_cidr_block === "10.130.0.0/16")).toHaveLength(5);
      expect(routes.filter((r) => r.destination_cidr_block === "10.110.0.0/16")).toHaveLength(5);
      expect(routes.filter((r) => r.route_table_id === remote("management", "aws_route_table_network_public-route-table_id"))).toHaveLength(2);
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
      // management's public table too: its VPN server forwards client traffic from there.
      expect(routesOf(synth, "management")).toHaveLength(2 * (tables("management") + 1));
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
      expect(stack.routes).toHaveLength(20);
    });

    it("proves management's VPN clients reach exactly what management's public subnet reaches", () => {
      const reach = stack.vpnReach.get("management")!;
      expect(reach.clientsReach).toEqual(["management", "production", "development"]);
      expect(reach.clientsReach).toEqual(reach.hubReaches);
    });
  });

  describe("with connectivity transitGateway", () => {
    it("proves management's VPN clients reach exactly what management's public subnet reaches, through the gateway", () => {
      const { stack } = synthPeering(loadChanged((f) => (f.connectivity = "transitGateway")));
      const reach = stack.vpnReach.get("management")!;
      expect(reach.clientsReach).toEqual(["management", "production", "development"]);
      expect(reach.clientsReach).toEqual(reach.hubReaches);
    });
  });

  describe("when management's VPN pushes a route to a network management does not reach", () => {
    it("refuses to synthesize, naming the route", () => {
      // 10.140.0.0/16 is staging's, which peers with nothing; the model rejects such a route, so
      // the org is built with the rule bypassed to show the stack's own proof catches it.
      const org = loadChanged((f) => {
        f.environments.staging = { accountId: "444444444444", cidr: "10.140.0.0/16", azs: ["us-east-1a", "us-east-1b"] };
      });
      const management = org.environments.find((e) => e.name === "management")!;
      const bad = { ...org, environments: org.environments.map((e) => (e === management ? { ...e, vpn: { ...e.vpn!, routes: ["10.140.0.0/16"] } } : e)) };
      expect(() => synthPeering(bad)).toThrow(/the VPN of management pushes 10\.140\.0\.0\/16 to its clients, which reaches staging/);
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

  describe("with a Transit Gateway, when a gateway route would reach an environment its owner is not peered with", () => {
    // The same hand-made model in transitGateway mode: legacy overlaps management, so the gateway's
    // route from production's table to management reaches legacy too.
    const org = loadChanged((f) => (f.connectivity = "transitGateway"));
    const development = org.environments.find((e) => e.name === "development")!;
    const legacy = { ...development, name: "legacy", cidr: "10.120.0.0/17", peers: [], inboundPeers: [] };
    const bad: Org = { ...org, environments: [...org.environments, legacy] };
    const network = (name: string): PeeringNetwork => ({
      vpcId: `vpc-${name}`,
      privateRouteTables: [{ azSuffix: "a", routeTableId: `rtb-${name}-private` }],
      persistenceRouteTables: [{ azSuffix: "a", routeTableId: `rtb-${name}-persistence` }],
      publicRouteTableId: `rtb-${name}-public`,
      internalZoneId: `Z${name}`,
      transitGatewaySubnetIds: [`subnet-${name}-tgw-a`],
    });
    const networks = new Map(org.environments.map((e) => [e.name, network(e.name)]));

    it("fails synthesis naming the gateway's route as well as the VPC routes", () => {
      expect(() => new PeeringStack(Testing.app(), "peering", { org: bad, networks })).toThrow(
        /production routes 10\.120\.0\.0\/16 to legacy, which it is not peered with \(peering\/transit-gateway\/route-production-to-management\)/,
      );
    });

    it("refuses a network without attachment subnets", () => {
      const without = new Map([...networks].map(([name, n]) => [name, { ...n, transitGatewaySubnetIds: [] }]));
      expect(() => new PeeringStack(Testing.app(), "peering", { org, networks: without })).toThrow(/management's network has no transit-gateway attachment subnets/);
    });
  });

  describe("when a peered environment's network is missing", () => {
    it("fails naming the environment", () => {
      expect(() => new PeeringStack(Testing.app(), "peering", { org: loadOrgFile(), networks: new Map() })).toThrow(
        /no network attributes for management/,
      );
    });
  });

  describe("with connectivity: transitGateway", () => {
    const peeringOrg = loadOrgFile();
    const org = loadChanged((f) => (f.connectivity = "transitGateway"));
    const { stack, synth } = synthPeering(org);
    const { synth: peeringSynth } = synthPeering(peeringOrg);

    /**
     * Who reaches whom, read from the synthesized routes alone: a VPC route says its provider's
     * environment reaches the environment owning the destination CIDR; a gateway route says the
     * environment whose attachment is associated with the route's table does.
     */
    function reachability(json: string, o: Org): string[] {
      const byCidr = new Map(o.environments.map((e) => [e.cidr, e.name]));
      const pairs = new Set<string>();
      for (const r of Object.values(resourcesOf(json, Route))) pairs.add(`vpc ${String(r.provider).replace("aws.", "")} -> ${byCidr.get(r.destination_cidr_block)}`);
      const tableOwner = new Map<string, string>();
      for (const a of Object.values(resourcesOf(json, Ec2TransitGatewayRouteTableAssociation))) {
        const attachment = /attachment-(?:accepter-)?([a-z]+)\./.exec(a.transit_gateway_attachment_id)![1];
        tableOwner.set(a.transit_gateway_route_table_id, attachment);
      }
      for (const r of Object.values(resourcesOf(json, Ec2TransitGatewayRoute))) {
        pairs.add(`gateway ${tableOwner.get(r.transit_gateway_route_table_id)} -> ${byCidr.get(r.destination_cidr_block)}`);
      }
      return [...pairs].sort();
    }

    it("builds one Transit Gateway in management's account and attaches every environment of the graph", () => {
      expect(synth).toHaveResourceWithProperties(Ec2TransitGateway, { provider: "aws.management", auto_accept_shared_attachments: "disable" });
      expect(Object.values(resourcesOf(synth, Ec2TransitGatewayVpcAttachment)).map((a) => a.provider).sort()).toEqual([
        "aws.development",
        "aws.management",
        "aws.production",
      ]);
      expect(resourcesOf(synth, Ec2TransitGatewayVpcAttachment)["transit-gateway_attachment-production"].subnet_ids).toEqual(
        ["a", "b", "c"].map((az) => remote("production", `aws_subnet_network_transit-gateway-subnet-${az}_id`)),
      );
    });

    it("creates no peering connection", () => {
      expect(Object.keys(resourcesOf(synth, VpcPeeringConnection))).toEqual([]);
      expect(stack.peerings.size).toBe(0);
    });

    it("has the same reachability as peering, proven from the generated routes: management both ways with each spoke, production and development never", () => {
      const vpc = (pairs: string[]) => pairs.filter((p) => p.startsWith("vpc "));
      expect(vpc(reachability(synth, org))).toEqual(vpc(reachability(peeringSynth, peeringOrg)));
      expect(reachability(synth, org)).toEqual([
        "gateway development -> management",
        "gateway management -> development",
        "gateway management -> production",
        "gateway production -> management",
        "vpc development -> management",
        "vpc management -> development",
        "vpc management -> production",
        "vpc production -> management",
      ]);
    });

    it("routes every VPC through the gateway, at the addresses and in the tables the peering routes had, so switching updates them in place", () => {
      const tgwRoutes = resourcesOf(synth, Route);
      const peeringRoutes = resourcesOf(peeringSynth, Route);
      expect(Object.keys(tgwRoutes).sort()).toEqual(Object.keys(peeringRoutes).sort());
      for (const [id, route] of Object.entries(tgwRoutes)) {
        expect(route).toMatchObject({
          route_table_id: peeringRoutes[id].route_table_id,
          destination_cidr_block: peeringRoutes[id].destination_cidr_block,
          provider: peeringRoutes[id].provider,
          transit_gateway_id: "${aws_ec2_transit_gateway.transit-gateway_gateway.id}",
        });
        expect(route.vpc_peering_connection_id).toBeUndefined();
      }
    });

    it("keeps the one-release moves from position-keyed route ids that peering has", () => {
      const moved = (json: string) => (parseStack(json) as any).moved;
      expect(moved(synth)).toBeDefined();
      expect(moved(synth)).toEqual(moved(peeringSynth));
    });

    it("keeps the private-zone associations exactly as with peering", () => {
      expect(resourcesOf(synth, Route53ZoneAssociation)).toEqual(resourcesOf(peeringSynth, Route53ZoneAssociation));
      expect(resourcesOf(synth, Route53VpcAssociationAuthorization)).toEqual(resourcesOf(peeringSynth, Route53VpcAssociationAuthorization));
    });

    it("runs the isolation proof over the gateway's routes too", () => {
      expect(stack.routes.filter((r) => r.path?.includes("/transit-gateway/")).map((r) => r.path)).toEqual([
        "peering/transit-gateway/route-management-to-production",
        "peering/transit-gateway/route-production-to-management",
        "peering/transit-gateway/route-management-to-development",
        "peering/transit-gateway/route-development-to-management",
      ]);
      // Without the management-development edge, the gateway's routes between them are violations.
      const graph = { environments: org.environments, peerings: org.peerings.filter((e) => e.id !== "management-development") };
      expect(findIsolationViolations(graph, stack.routes).map((v) => v.path)).toEqual(
        expect.arrayContaining(["peering/transit-gateway/route-management-to-development", "peering/transit-gateway/route-development-to-management"]),
      );
    });
  });
});
