import { Route } from "@cdktf/provider-aws/lib/route";
import { Route53VpcAssociationAuthorization } from "@cdktf/provider-aws/lib/route53-vpc-association-authorization";
import { Route53ZoneAssociation } from "@cdktf/provider-aws/lib/route53-zone-association";
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { VpcPeeringConnectionAccepterA } from "@cdktf/provider-aws/lib/vpc-peering-connection-accepter";
import { VpcPeeringConnectionOptions } from "@cdktf/provider-aws/lib/vpc-peering-connection-options";
import { Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest"; // types of the matchers jest.setup.js registers
import type { PeeringNetwork } from "../../src/peering/peering-network";
import { VpcPeering, type PeeringSide } from "../../src/peering/vpc-peering";
import { addAwsProvider } from "../../src/stacks/aws-provider";
import { LandingZoneStack } from "../../src/stacks/landing-zone-stack";
import { resourcesOf } from "../../src/testing";

/** Plain-string network attributes: one private and one persistence table per AZ, one public table. */
function network(name: string, azs: number): PeeringNetwork {
  const perAz = (tier: string) =>
    "abcdef".slice(0, azs).split("").map((azSuffix) => ({ azSuffix, routeTableId: `rtb-${name}-${tier}-${azSuffix}` }));
  return {
    vpcId: `vpc-${name}`,
    privateRouteTables: perAz("private"),
    persistenceRouteTables: perAz("persistence"),
    publicRouteTableId: `rtb-${name}-public`,
    internalZoneId: `Z${name.toUpperCase()}`,
  };
}

interface SideOptions {
  readonly accountId?: string;
  readonly region?: string;
  readonly azs?: number;
  readonly routePublicTables?: boolean;
  readonly network?: PeeringNetwork;
}

/** A hub (management, 10.120.0.0/16, 2 AZs) peered with a spoke (production, 10.130.0.0/16, 3 AZs) in a test stack. */
function build(accepter: SideOptions = {}, requester: SideOptions = {}) {
  const stack = new LandingZoneStack(Testing.app(), "test");
  const side = (name: string, cidrBlock: string, o: SideOptions, defaults: { accountId: string; azs: number }): PeeringSide => {
    const region = o.region ?? "us-east-1";
    const accountId = o.accountId ?? defaults.accountId;
    return {
      name,
      cidrBlock,
      accountId,
      region,
      provider: addAwsProvider(stack, `aws-${name}`, { alias: name, region, accountId, tags: {} }),
      network: o.network ?? network(name, o.azs ?? defaults.azs),
      routePublicTables: o.routePublicTables,
    };
  };
  const peering = new VpcPeering(stack, "management-production", {
    connectionName: "acme-management-production",
    requester: side("management", "10.120.0.0/16", requester, { accountId: "111111111111", azs: 2 }),
    accepter: side("production", "10.130.0.0/16", accepter, { accountId: "222222222222", azs: 3 }),
  });
  return { peering, synth: Testing.synth(stack, true) };
}

const ACCEPTED = "aws_vpc_peering_connection_accepter.management-production_accepter";

describe("VpcPeering", () => {
  describe("across accounts in one region", () => {
    const { synth, peering } = build();

    it("requests the connection from the hub's provider with the spoke's account as peer owner", () => {
      expect(synth).toHaveResourceWithProperties(VpcPeeringConnection, {
        provider: "aws.management",
        vpc_id: "vpc-management",
        peer_vpc_id: "vpc-production",
        peer_owner_id: "222222222222",
        tags: { Name: "acme-management-production" },
      });
    });

    it("neither auto-accepts nor sets a peer region on the request", () => {
      const connection = Object.values(resourcesOf(synth, VpcPeeringConnection))[0];
      expect(connection.auto_accept).toBeUndefined();
      expect(connection.peer_region).toBeUndefined();
      expect(peering.autoAccepted).toBe(false);
    });

    it("accepts it through the spoke's provider", () => {
      expect(synth).toHaveResourceWithProperties(VpcPeeringConnectionAccepterA, {
        provider: "aws.production",
        vpc_peering_connection_id: "${aws_vpc_peering_connection.management-production_connection.id}",
        auto_accept: true,
        tags: { Name: "acme-management-production" },
      });
    });

    it("turns on remote DNS resolution for the requester side with the hub's provider, after acceptance", () => {
      expect(synth).toHaveResourceWithProperties(VpcPeeringConnectionOptions, {
        provider: "aws.management",
        requester: { allow_remote_vpc_dns_resolution: true },
        depends_on: [ACCEPTED],
      });
    });

    it("turns on remote DNS resolution for the accepter side with the spoke's provider, after acceptance", () => {
      expect(synth).toHaveResourceWithProperties(VpcPeeringConnectionOptions, {
        provider: "aws.production",
        accepter: { allow_remote_vpc_dns_resolution: true },
        depends_on: [ACCEPTED],
      });
    });

    it("sets each side's options in a resource of its own", () => {
      const options = Object.values(resourcesOf(synth, VpcPeeringConnectionOptions));
      expect(options).toHaveLength(2);
      expect(options.filter((o) => o.requester && o.accepter)).toHaveLength(0);
    });

    it("authorizes the hub VPC on the spoke's private zone in the spoke's account", () => {
      expect(synth).toHaveResourceWithProperties(Route53VpcAssociationAuthorization, {
        provider: "aws.production",
        zone_id: "ZPRODUCTION",
        vpc_id: "vpc-management",
        vpc_region: "us-east-1",
      });
    });

    it("associates the hub VPC with the spoke's private zone from the hub's account after the authorization", () => {
      expect(synth).toHaveResourceWithProperties(Route53ZoneAssociation, {
        provider: "aws.management",
        zone_id: "ZPRODUCTION",
        vpc_id: "vpc-management",
        vpc_region: "us-east-1",
        depends_on: ["aws_route53_vpc_association_authorization.management-production_zone-authorization"],
      });
    });

    it("routes the spoke's CIDR from every private and persistence table of the hub", () => {
      const routes = Object.entries(resourcesOf(synth, Route)).filter(([, r]) => r.provider === "aws.management");
      expect(routes.map(([id]) => id).sort()).toEqual([
        "management-production_route-requester-persistence-a",
        "management-production_route-requester-persistence-b",
        "management-production_route-requester-private-a",
        "management-production_route-requester-private-b",
      ]);
      for (const [, route] of routes) expect(route.destination_cidr_block).toBe("10.130.0.0/16");
    });

    it("routes the hub's CIDR from every private and persistence table of the spoke", () => {
      const routes = Object.values(resourcesOf(synth, Route)).filter((r) => r.provider === "aws.production");
      expect(routes).toHaveLength(6);
      expect(routes.map((r) => r.route_table_id).sort()).toEqual([
        "rtb-production-persistence-a",
        "rtb-production-persistence-b",
        "rtb-production-persistence-c",
        "rtb-production-private-a",
        "rtb-production-private-b",
        "rtb-production-private-c",
      ]);
      for (const route of routes) expect(route.destination_cidr_block).toBe("10.120.0.0/16");
    });

    it("creates the routes through the connection once it is accepted", () => {
      expect(synth).toHaveResourceWithProperties(Route, {
        route_table_id: "rtb-production-private-a",
        vpc_peering_connection_id: "${aws_vpc_peering_connection.management-production_connection.id}",
        depends_on: [ACCEPTED],
      });
    });

    it("moves each route from the position-keyed id it had before 0.2, so an upgrade renames in place", () => {
      const moved = (JSON.parse(synth).moved ?? []) as { from: string; to: string }[];
      expect(moved).toContainEqual({
        from: "aws_route.management-production_route-accepter-private-0",
        to: "aws_route.management-production_route-accepter-private-a",
      });
      expect(moved).toContainEqual({
        from: "aws_route.management-production_route-requester-persistence-1",
        to: "aws_route.management-production_route-requester-persistence-b",
      });
      expect(moved).toHaveLength(10);
    });

    it("leaves the public route tables alone", () => {
      const tables = Object.values(resourcesOf(synth, Route)).map((r) => r.route_table_id);
      expect(tables.filter((t: string) => t.includes("public"))).toEqual([]);
    });

    it("lists every route it creates for the isolation check, with its table's tier", () => {
      expect(peering.routes).toHaveLength(10);
      expect(peering.routes).toContainEqual({
        from: "production",
        destinationCidr: "10.120.0.0/16",
        tier: "private",
        path: "test/management-production/route-accepter-private-a",
      });
    });
  });

  describe("in one account and one region", () => {
    const { synth, peering } = build({ accountId: "111111111111" });

    it("auto-accepts the connection from the hub's provider without a peer owner or region", () => {
      expect(synth).toHaveResourceWithProperties(VpcPeeringConnection, {
        provider: "aws.management",
        vpc_id: "vpc-management",
        peer_vpc_id: "vpc-production",
        auto_accept: true,
        tags: { Name: "acme-management-production" },
      });
      const connection = Object.values(resourcesOf(synth, VpcPeeringConnection))[0];
      expect(connection.peer_owner_id).toBeUndefined();
      expect(connection.peer_region).toBeUndefined();
      expect(peering.autoAccepted).toBe(true);
    });

    it("has no accepter resource", () => {
      expect(Object.keys(resourcesOf(synth, VpcPeeringConnectionAccepterA))).toEqual([]);
    });

    it("still sets the DNS options of each side with its own provider, without waiting on an accepter", () => {
      const options = Object.values(resourcesOf(synth, VpcPeeringConnectionOptions));
      expect(options.map((o) => o.provider).sort()).toEqual(["aws.management", "aws.production"]);
      for (const o of options) expect(o.depends_on).toBeUndefined();
    });

    it("associates the spoke's zone with the hub VPC without an authorization", () => {
      expect(Object.keys(resourcesOf(synth, Route53VpcAssociationAuthorization))).toEqual([]);
      const association = Object.values(resourcesOf(synth, Route53ZoneAssociation))[0];
      expect(association).toMatchObject({ provider: "aws.management", zone_id: "ZPRODUCTION", vpc_id: "vpc-management" });
      expect(association.depends_on).toBeUndefined();
    });
  });

  describe("in one account across regions", () => {
    const { synth } = build({ accountId: "111111111111", region: "us-west-2" });

    it("requests with the spoke's region and owner and leaves acceptance to the spoke's provider", () => {
      expect(synth).toHaveResourceWithProperties(VpcPeeringConnection, {
        provider: "aws.management",
        peer_owner_id: "111111111111",
        peer_region: "us-west-2",
      });
      expect(synth).toHaveResourceWithProperties(VpcPeeringConnectionAccepterA, { provider: "aws.production", auto_accept: true });
    });

    it("associates the zone without an authorization, naming the hub VPC's region", () => {
      expect(Object.keys(resourcesOf(synth, Route53VpcAssociationAuthorization))).toEqual([]);
      expect(synth).toHaveResourceWithProperties(Route53ZoneAssociation, { vpc_region: "us-east-1", zone_id: "ZPRODUCTION" });
    });
  });

  describe("when the spoke routes its public tables to peers", () => {
    const { synth } = build({ routePublicTables: true });

    it("adds a route in the spoke's public table only", () => {
      expect(synth).toHaveResourceWithProperties(Route, {
        provider: "aws.production",
        route_table_id: "rtb-production-public",
        destination_cidr_block: "10.120.0.0/16",
      });
      expect(Object.keys(resourcesOf(synth, Route))).toContain("management-production_route-accepter-public");
      expect(Object.keys(resourcesOf(synth, Route))).not.toContain("management-production_route-requester-public");
    });
  });

  describe("when the hub routes its public tables to peers", () => {
    const { synth } = build({}, { routePublicTables: true });

    it("adds a route in the hub's public table only", () => {
      const ids = Object.keys(resourcesOf(synth, Route));
      expect(ids).toContain("management-production_route-requester-public");
      expect(ids).not.toContain("management-production_route-accepter-public");
    });
  });

  describe("when a tier shares one route table across AZs", () => {
    const shared = {
      ...network("production", 3),
      privateRouteTables: ["a", "b", "c"].map((azSuffix) => ({ azSuffix, routeTableId: "rtb-shared" })),
    };
    const { synth } = build({ network: shared });

    it("routes the shared table once", () => {
      const routes = Object.values(resourcesOf(synth, Route)).filter((r) => r.route_table_id === "rtb-shared");
      expect(routes).toHaveLength(1);
    });
  });

  describe("with bad sides", () => {
    const provider = () => {
      const stack = new LandingZoneStack(Testing.app(), "test");
      return { stack, provider: addAwsProvider(stack, "aws", { region: "us-east-1", tags: {} }) };
    };

    it("refuses to peer an environment with itself", () => {
      const { stack, provider: p } = provider();
      const side = { name: "management", cidrBlock: "10.120.0.0/16", accountId: "111111111111", region: "us-east-1", provider: p, network: network("management", 2) };
      expect(() => new VpcPeering(stack, "self", { connectionName: "x", requester: side, accepter: side })).toThrow(
        /test\/self: management cannot peer with itself/,
      );
    });

    it("refuses overlapping CIDRs, naming both sides and their ranges", () => {
      const { stack, provider: p } = provider();
      const base = { accountId: "111111111111", region: "us-east-1", provider: p };
      expect(
        () =>
          new VpcPeering(stack, "overlap", {
            connectionName: "x",
            requester: { ...base, name: "management", cidrBlock: "10.120.0.0/16", network: network("management", 2) },
            accepter: { ...base, name: "production", cidrBlock: "10.120.128.0/17", network: network("production", 2) },
          }),
      ).toThrow(/management \(10\.120\.0\.0\/16\) and production \(10\.120\.128\.0\/17\) overlap/);
    });
  });
});
