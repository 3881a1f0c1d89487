import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { DefaultRouteTable } from "@cdktf/provider-aws/lib/default-route-table";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { ElasticacheSubnetGroup } from "@cdktf/provider-aws/lib/elasticache-subnet-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Testing } from "cdktf";
import { loadOrgFile } from "../../src/model/load";
import { environmentByName } from "../../src/model/org";
import { Network, type NetworkProps } from "../../src/network/network";
import { networkPropsOf } from "../../src/stacks/environment-stack";
import { LandingZoneStack } from "../../src/stacks/landing-zone-stack";
import { loadChanged } from "../../test-helpers/model-fixtures";

type Json = Record<string, any>;

/** The props the environment stack passes for an environment of the model. */
const propsOf = networkPropsOf;

/** Synthesizes a Network in a stack with the project's readable logical ids. */
function synthNetwork(props: NetworkProps): { synth: string; json: Json; network: Network } {
  const stack = new LandingZoneStack(Testing.app(), "test");
  const network = new Network(stack, "network", props);
  const synth = Testing.synth(stack);
  return { synth, json: JSON.parse(synth), network };
}

/** Resources of one type, by logical id. */
function resourcesOf(json: Json, type: string): Record<string, Json> {
  return json.resource?.[type] ?? {};
}

/** Routes whose route table is one of `tier`'s. */
function routesOfTier(json: Json, tier: string): Json[] {
  return Object.values(resourcesOf(json, "aws_route")).filter((r) => String(r.route_table_id).includes(`network_${tier}-route-table`));
}

const org = loadOrgFile();
const production = propsOf(environmentByName(org, "production"));
const management = propsOf(environmentByName(org, "management"));

describe("Network", () => {
  describe("with the production environment of the default organization (3 AZs, NAT per AZ, EKS)", () => {
    const { synth, json, network } = synthNetwork(production);

    it("creates a VPC with DNS support and hostnames", () => {
      expect(synth).toHaveResourceWithProperties(Vpc, {
        cidr_block: "10.130.0.0/16",
        enable_dns_support: true,
        enable_dns_hostnames: true,
        tags: { Name: "acme-production" },
      });
    });

    it("creates one subnet per tier and AZ, and a control-plane subnet per AZ for the cluster, with ids by tier and AZ suffix", () => {
      expect(Object.keys(resourcesOf(json, "aws_subnet")).sort()).toEqual(
        ["a", "b", "c"]
          .flatMap((az) => ["control-plane", "persistence", "private", "public"].map((tier) => `network_${tier}-subnet-${az}`))
          .sort(),
      );
      expect(synth).toHaveResourceWithProperties(Subnet, {
        cidr_block: "10.130.64.0/19",
        availability_zone: "us-east-1c",
        vpc_id: "${aws_vpc.network_vpc.id}",
      });
    });

    it("maps no public IP on launch in any subnet, public tier included", () => {
      const subnets = Object.values(resourcesOf(json, "aws_subnet"));
      expect(subnets).toHaveLength(12);
      for (const subnet of subnets) expect(subnet.map_public_ip_on_launch).toBe(false);
    });

    it("tags public subnets for internet-facing load balancers and the cluster", () => {
      expect(synth).toHaveResourceWithProperties(Subnet, {
        cidr_block: "10.130.192.0/22",
        tags: {
          Name: "acme-production-public-a",
          tier: "public",
          "kubernetes.io/role/elb": "1",
          "kubernetes.io/cluster/acme-production": "shared",
        },
      });
    });

    it("tags private subnets for internal load balancers, the cluster and Karpenter's subnet discovery", () => {
      expect(synth).toHaveResourceWithProperties(Subnet, {
        cidr_block: "10.130.32.0/19",
        tags: {
          Name: "acme-production-private-b",
          tier: "private",
          "kubernetes.io/role/internal-elb": "1",
          "kubernetes.io/cluster/acme-production": "shared",
          "karpenter.sh/discovery": "acme-production",
        },
      });
    });

    it("gives Karpenter's discovery tag to no other tier", () => {
      const tagged = Object.values(JSON.parse(synth).resource.aws_subnet as Record<string, { tags: Record<string, string> }>).filter(
        (s) => "karpenter.sh/discovery" in s.tags,
      );
      expect(tagged.map((s) => s.tags.tier)).toEqual(["private", "private", "private"]);
    });

    it("tags persistence subnets with their name and tier only", () => {
      expect(synth).toHaveResourceWithProperties(Subnet, {
        cidr_block: "10.130.232.0/22",
        tags: { Name: "acme-production-persistence-c", tier: "persistence" },
      });
    });

    it("tags control-plane subnets with their name and tier only: no load balancer or cluster discovery", () => {
      expect(synth).toHaveResourceWithProperties(Subnet, {
        cidr_block: "10.130.216.16/28",
        availability_zone: "us-east-1b",
        map_public_ip_on_launch: false,
        tags: { Name: "acme-production-control-plane-b", tier: "control-plane" },
      });
    });

    it("associates each control-plane subnet with its AZ's private route table, so peering routes reach it", () => {
      const associations = resourcesOf(json, "aws_route_table_association");
      for (const az of ["a", "b", "c"]) {
        expect(associations[`network_control-plane-route-table-association-${az}`]).toEqual({
          subnet_id: `\${aws_subnet.network_control-plane-subnet-${az}.id}`,
          route_table_id: `\${aws_route_table.network_private-route-table-${az}.id}`,
        });
      }
      expect(Object.keys(resourcesOf(json, "aws_route_table"))).toHaveLength(7);
    });

    it("attaches an internet gateway to the VPC", () => {
      expect(synth).toHaveResourceWithProperties(InternetGateway, { vpc_id: "${aws_vpc.network_vpc.id}" });
    });

    it("places one NAT gateway with its own EIP in each AZ's public subnet", () => {
      expect(Object.keys(resourcesOf(json, "aws_nat_gateway"))).toHaveLength(3);
      expect(Object.keys(resourcesOf(json, "aws_eip"))).toHaveLength(3);
      for (const az of ["a", "b", "c"]) {
        expect(synth).toHaveResourceWithProperties(NatGateway, {
          subnet_id: `\${aws_subnet.network_public-subnet-${az}.id}`,
          allocation_id: `\${aws_eip.network_nat-eip-${az}.allocation_id}`,
          tags: { Name: `acme-production-nat-${az}` },
        });
      }
      expect(synth).toHaveResourceWithProperties(Eip, { domain: "vpc", tags: { Name: "acme-production-nat-b" } });
    });

    it("routes the public route table to the internet gateway and associates every public subnet with it", () => {
      expect(synth).toHaveResourceWithProperties(Route, {
        route_table_id: "${aws_route_table.network_public-route-table.id}",
        destination_cidr_block: "0.0.0.0/0",
        gateway_id: "${aws_internet_gateway.network_internet-gateway.id}",
      });
      for (const az of ["a", "b", "c"]) {
        expect(synth).toHaveResourceWithProperties(RouteTableAssociation, {
          subnet_id: `\${aws_subnet.network_public-subnet-${az}.id}`,
          route_table_id: "${aws_route_table.network_public-route-table.id}",
        });
      }
    });

    it("routes each AZ's private route table through the NAT gateway of its own AZ", () => {
      expect(routesOfTier(json, "private")).toHaveLength(3);
      for (const az of ["a", "b", "c"]) {
        expect(synth).toHaveResourceWithProperties(Route, {
          route_table_id: `\${aws_route_table.network_private-route-table-${az}.id}`,
          destination_cidr_block: "0.0.0.0/0",
          nat_gateway_id: `\${aws_nat_gateway.network_nat-gateway-${az}.id}`,
        });
        expect(synth).toHaveResourceWithProperties(RouteTableAssociation, {
          subnet_id: `\${aws_subnet.network_private-subnet-${az}.id}`,
          route_table_id: `\${aws_route_table.network_private-route-table-${az}.id}`,
        });
      }
    });

    it("keeps the persistence tier isolated: its route tables have no default route", () => {
      expect(Object.keys(resourcesOf(json, "aws_route_table")).filter((id) => id.includes("persistence"))).toHaveLength(3);
      expect(routesOfTier(json, "persistence")).toEqual([]);
      expect(synth).toHaveResourceWithProperties(RouteTableAssociation, {
        subnet_id: "${aws_subnet.network_persistence-subnet-b.id}",
        route_table_id: "${aws_route_table.network_persistence-route-table-b.id}",
      });
    });

    it("routes nothing but the public and private tiers to the internet", () => {
      const defaults = Object.values(resourcesOf(json, "aws_route")).filter((r) => r.destination_cidr_block === "0.0.0.0/0");
      expect(defaults).toHaveLength(4);
    });

    it("empties the VPC's default route table and default security group", () => {
      expect(synth).toHaveResourceWithProperties(DefaultRouteTable, {
        default_route_table_id: "${aws_vpc.network_vpc.default_route_table_id}",
        route: [],
      });
      expect(synth).toHaveResourceWithProperties(DefaultSecurityGroup, {
        vpc_id: "${aws_vpc.network_vpc.id}",
        ingress: [],
        egress: [],
      });
    });

    it("attaches S3 and DynamoDB gateway endpoints to every private and persistence route table", () => {
      const tables = ["private", "persistence"].flatMap((tier) =>
        ["a", "b", "c"].map((az) => `\${aws_route_table.network_${tier}-route-table-${az}.id}`),
      );
      for (const service of ["s3", "dynamodb"]) {
        expect(synth).toHaveResourceWithProperties(VpcEndpoint, {
          service_name: `com.amazonaws.us-east-1.${service}`,
          vpc_endpoint_type: "Gateway",
          route_table_ids: tables,
        });
      }
    });

    it("logs all VPC traffic to a group encrypted with the network's logs key", () => {
      expect(synth).toHaveResourceWithProperties(FlowLog, { vpc_id: "${aws_vpc.network_vpc.id}", traffic_type: "ALL" });
      expect(synth).toHaveResourceWithProperties(CloudwatchLogGroup, {
        name: "/aws/vpc/acme-production/flow-logs",
        retention_in_days: 365,
        kms_key_id: "${aws_kms_key.network_logs-kms-key_key.arn}",
      });
      expect(synth).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
    });

    it("creates the private zone associated with the VPC, ignoring later associations", () => {
      expect(synth).toHaveResourceWithProperties(Route53Zone, {
        name: "production.acme.internal",
        vpc: [{ vpc_id: "${aws_vpc.network_vpc.id}" }],
        lifecycle: { ignore_changes: ["vpc"] },
      });
    });

    it("creates DB and cache subnet groups over the persistence subnets", () => {
      const persistence = ["a", "b", "c"].map((az) => `\${aws_subnet.network_persistence-subnet-${az}.id}`);
      expect(synth).toHaveResourceWithProperties(DbSubnetGroup, { name: "acme-production-persistence", subnet_ids: persistence });
      expect(synth).toHaveResourceWithProperties(ElasticacheSubnetGroup, { name: "acme-production-persistence", subnet_ids: persistence });
    });

    it("opens the persistence tier to each private subnet and to the management hub's VPN server (not its whole VPC) on the data-store ports", () => {
      const rules = Object.values(resourcesOf(json, "aws_vpc_security_group_ingress_rule")).filter((r) =>
        String(r.security_group_id).includes("persistence"),
      );
      // 4 ports from 3 private subnets, 4 peering ports from management (its VPN server's address:
      // management's VPN has spokeAccess vpn, see __tests__/stacks/vpn.test.ts)
      expect(rules).toHaveLength(16);
      expect(rules.filter((r) => r.cidr_ipv4 === "10.120.192.10/32").map((r) => r.from_port).sort((a, b) => a - b)).toEqual([3306, 5432, 6379, 11211]);
      expect(rules.some((r) => r.cidr_ipv4 === "10.120.0.0/16")).toBe(false);
    });

    it("describes every security group and every rule", () => {
      for (const group of Object.values(resourcesOf(json, "aws_security_group"))) {
        expect(group.description).toMatch(/\S/);
        expect(group.description).not.toBe("Managed by Terraform");
      }
      const rules = [
        ...Object.values(resourcesOf(json, "aws_vpc_security_group_ingress_rule")),
        ...Object.values(resourcesOf(json, "aws_vpc_security_group_egress_rule")),
      ];
      expect(rules.length).toBeGreaterThan(0);
      for (const rule of rules) expect(rule.description).toMatch(/\S/);
    });

    it("admits nothing from the internet, and has no all-ports or all-protocol rule", () => {
      const ingress = Object.values(resourcesOf(json, "aws_vpc_security_group_ingress_rule"));
      expect(ingress.length).toBeGreaterThan(0);
      expect(ingress.filter((r) => r.cidr_ipv4 === "0.0.0.0/0" || r.cidr_ipv6 === "::/0")).toEqual([]);
      const egress = Object.values(resourcesOf(json, "aws_vpc_security_group_egress_rule"));
      for (const rule of [...ingress, ...egress]) {
        expect(rule.ip_protocol).toBe("tcp");
        expect(rule.from_port).toBeGreaterThan(0);
        expect(rule.to_port - rule.from_port).toBeLessThan(65535);
      }
      expect(egress.some((r) => r.cidr_ipv4 === "0.0.0.0/0")).toBe(false);
    });

    it("exposes its ids in AZ order", () => {
      expect(network.publicSubnetIds).toHaveLength(3);
      expect(network.privateSubnetIds).toHaveLength(3);
      expect(network.persistenceSubnetIds).toHaveLength(3);
      expect(network.controlPlaneSubnetIds).toHaveLength(3);
      expect(network.publicRouteTableIds).toHaveLength(1);
      expect(network.privateRouteTableIds).toHaveLength(3);
      expect(network.persistenceRouteTableIds).toHaveLength(3);
      expect(network.natGatewayIds).toHaveLength(3);
      const attributes = [
        network.vpcId,
        network.vpcCidrBlock,
        network.internalZoneId,
        network.persistenceSecurityGroupId,
        network.logsKmsKeyArn,
        network.dbSubnetGroupName,
        network.cacheSubnetGroupName,
        ...network.privateSubnetIds,
        ...network.controlPlaneSubnetIds,
      ];
      for (const value of attributes) expect(typeof value).toBe("string");
    });
  });

  describe("with a single NAT gateway (management of the default organization)", () => {
    const { synth, json, network } = synthNetwork(management);

    it("creates one NAT gateway and one EIP, in the first AZ's public subnet", () => {
      expect(Object.keys(resourcesOf(json, "aws_nat_gateway"))).toEqual(["network_nat-gateway-a"]);
      expect(Object.keys(resourcesOf(json, "aws_eip"))).toEqual(["network_nat-eip-a"]);
      expect(synth).toHaveResourceWithProperties(NatGateway, { subnet_id: "${aws_subnet.network_public-subnet-a.id}" });
      expect(network.natGatewayIds).toHaveLength(1);
    });

    it("keeps one private route table per AZ, each routed through the single NAT", () => {
      expect(Object.keys(resourcesOf(json, "aws_route_table")).filter((id) => id.includes("private"))).toHaveLength(2);
      const routes = routesOfTier(json, "private");
      expect(routes).toHaveLength(2);
      for (const route of routes) expect(route.nat_gateway_id).toBe("${aws_nat_gateway.network_nat-gateway-a.id}");
    });

    it("tags no subnet for a cluster", () => {
      for (const subnet of Object.values(resourcesOf(json, "aws_subnet"))) {
        expect(Object.keys(subnet.tags).some((k) => k.startsWith("kubernetes.io/cluster/"))).toBe(false);
      }
    });

    it("creates no control-plane subnet and exposes none", () => {
      expect(Object.keys(resourcesOf(json, "aws_subnet"))).toHaveLength(6);
      expect(Object.keys(resourcesOf(json, "aws_route_table_association"))).toHaveLength(6);
      expect(network.controlPlaneSubnetIds).toEqual([]);
    });

    it("admits no peer into the persistence tier (it has no inbound peers)", () => {
      const rules = Object.values(resourcesOf(json, "aws_vpc_security_group_ingress_rule"));
      expect(rules.some((r) => r.cidr_ipv4 === "10.130.0.0/16" || r.cidr_ipv4 === "10.110.0.0/16")).toBe(false);
    });
  });

  describe("without NAT gateways", () => {
    const { json, network } = synthNetwork({ ...production, natGateways: "none" });

    it("creates no NAT gateway and no EIP", () => {
      expect(resourcesOf(json, "aws_nat_gateway")).toEqual({});
      expect(resourcesOf(json, "aws_eip")).toEqual({});
      expect(network.natGatewayIds).toEqual([]);
    });

    it("keeps one private route table per AZ, without a default route", () => {
      expect(Object.keys(resourcesOf(json, "aws_route_table")).filter((id) => id.includes("private"))).toHaveLength(3);
      expect(routesOfTier(json, "private")).toEqual([]);
    });

    it("keeps the public default route to the internet gateway", () => {
      expect(routesOfTier(json, "public")).toHaveLength(1);
    });
  });

  describe("with persistenceInternetAccess", () => {
    it("routes each persistence table through the NAT of its AZ under perAz", () => {
      const { synth, json } = synthNetwork({ ...production, persistenceInternetAccess: true });
      expect(routesOfTier(json, "persistence")).toHaveLength(3);
      for (const az of ["a", "b", "c"]) {
        expect(synth).toHaveResourceWithProperties(Route, {
          route_table_id: `\${aws_route_table.network_persistence-route-table-${az}.id}`,
          destination_cidr_block: "0.0.0.0/0",
          nat_gateway_id: `\${aws_nat_gateway.network_nat-gateway-${az}.id}`,
        });
      }
    });

    it("routes every persistence table through the single NAT under single", () => {
      const { json } = synthNetwork({ ...management, persistenceInternetAccess: true });
      const routes = routesOfTier(json, "persistence");
      expect(routes.map((r) => r.nat_gateway_id)).toEqual([
        "${aws_nat_gateway.network_nat-gateway-a.id}",
        "${aws_nat_gateway.network_nat-gateway-a.id}",
      ]);
    });

    it("refuses to build without a NAT gateway to route through", () => {
      expect(() => synthNetwork({ ...production, natGateways: "none", persistenceInternetAccess: true })).toThrow(
        /persistenceInternetAccess needs a NAT gateway/,
      );
    });
  });

  describe("with control-plane CIDRs but no cluster name", () => {
    const { json, network } = synthNetwork({ ...production, clusterName: undefined });

    it("creates no control-plane subnet: they exist for a cluster only", () => {
      expect(Object.keys(resourcesOf(json, "aws_subnet")).some((id) => id.includes("control-plane"))).toBe(false);
      expect(network.controlPlaneSubnetIds).toEqual([]);
    });
  });

  describe("with a control-plane CIDR in some AZs only", () => {
    it("refuses to build, naming how many AZs have one", () => {
      const subnets = production.subnets.map((az, i) => (i === 0 ? az : { ...az, controlPlane: undefined }));
      expect(() => synthNetwork({ ...production, subnets })).toThrow(/1 of 3 AZs have a controlPlane CIDR; give every AZ one, or none/);
    });
  });

  describe("with transit-gateway CIDRs (connectivity: transitGateway)", () => {
    const attached = propsOf(environmentByName(loadChanged((f) => (f.connectivity = "transitGateway")), "production"));
    const { json, network } = synthNetwork(attached);

    it("creates an attachment subnet per AZ, keyed by the AZ letter, with the planned /28", () => {
      const subnets = resourcesOf(json, "aws_subnet");
      expect(["a", "b", "c"].map((az) => subnets[`network_transit-gateway-subnet-${az}`]?.cidr_block)).toEqual([
        "10.130.220.0/28",
        "10.130.220.16/28",
        "10.130.220.32/28",
      ]);
      expect(subnets["network_transit-gateway-subnet-a"]).toMatchObject({ map_public_ip_on_launch: false, tags: { Name: "acme-production-transit-gateway-a", tier: "transit-gateway" } });
      expect(network.transitGatewaySubnetIds).toHaveLength(3);
    });

    it("gives them one route table of their own with no route beyond the local one", () => {
      const associations = Object.entries(resourcesOf(json, "aws_route_table_association")).filter(([id]) => id.includes("transit-gateway"));
      expect(associations.map(([id]) => id).sort()).toEqual(["a", "b", "c"].map((az) => `network_transit-gateway-route-table-association-${az}`));
      expect(associations.every(([, a]) => a.route_table_id === "${aws_route_table.network_transit-gateway-route-table.id}")).toBe(true);
      expect(Object.values(resourcesOf(json, "aws_route")).some((r) => String(r.route_table_id).includes("transit-gateway"))).toBe(false);
      expect(network.transitGatewayRouteTableId).toBeDefined();
    });

    it("adds only these to the peering-mode network: every other resource keeps its id and body", () => {
      const before = synthNetwork(production).json;
      for (const [type, resources] of Object.entries(before.resource as Json)) {
        for (const [id, body] of Object.entries(resources as Json)) expect(resourcesOf(json, type)[id]).toEqual(body);
      }
      const added = Object.entries(json.resource as Json).flatMap(([type, r]) => Object.keys(r as Json).filter((id) => !(before.resource[type] ?? {})[id]).map((id) => `${type}.${id}`));
      // 3 subnets, their table and 3 table associations; their NACL, 3 NACL associations and 4 rules (VPC and management, both ways).
      expect(added).toHaveLength(3 + 1 + 3 + 1 + 3 + 4);
    });
  });

  describe("with a transit-gateway CIDR in some AZs only", () => {
    it("refuses to build, naming how many AZs have one", () => {
      const subnets = production.subnets.map((az, i) => (i === 0 ? { ...az, transitGateway: "10.130.220.0/28" } : az));
      expect(() => synthNetwork({ ...production, subnets })).toThrow(/1 of 3 AZs have a transitGateway CIDR; give every AZ one, or none/);
    });
  });
});
