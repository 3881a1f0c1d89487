import { loadOrgFile } from "../../../src/model/load";
import { readNetworkFacts, resolveRef } from "../../../src/review/diagram";
import { editStacks, synthesizedStacks } from "../../../test-helpers/diagram-fixtures";
import { loadChanged } from "../../../test-helpers/model-fixtures";

describe("readNetworkFacts", () => {
  const stacks = synthesizedStacks(loadOrgFile());
  const facts = readNetworkFacts(stacks);
  const env = (name: string) => facts.environments.find((e) => e.name === name)!;

  describe("of the default organization", () => {
    it("takes the environments from the stacks with a VPC, and nothing from the others", () => {
      expect(facts.environments.map((e) => [e.name, e.vpcCidr])).toEqual([
        ["development", "10.110.0.0/16"],
        ["management", "10.120.0.0/16"],
        ["production", "10.130.0.0/16"],
      ]);
    });

    it("reads each subnet's tier and AZ letter from its tags, and its CIDR", () => {
      const production = env("production");
      expect(production.subnets).toHaveLength(12);
      expect(production.subnets.find((s) => s.address === "aws_subnet.network_control-plane-subnet-c")).toEqual({
        address: "aws_subnet.network_control-plane-subnet-c", environment: "production", tier: "control-plane", az: "us-east-1c", azSuffix: "c", cidr: "10.130.216.32/28",
      });
    });

    it("puts the peering stack's routes into the environments' route tables, through the cross-stack outputs", () => {
      const production = env("production");
      const routes = production.routes.get("aws_route_table.network_persistence-route-table-b")!;
      expect(routes).toEqual([{ destination: "10.120.0.0/16", target: { kind: "peering", connection: "peering:aws_vpc_peering_connection.management-production_connection" }, stack: "peering" }]);
      expect(production.routes.get("aws_route_table.network_private-route-table-a")!.map((r) => [r.destination, r.target.kind])).toEqual([
        ["0.0.0.0/0", "nat-gateway"],
        ["10.120.0.0/16", "peering"],
      ]);
      expect(facts.peeringConnections).toEqual([
        { address: "peering:aws_vpc_peering_connection.management-development_connection", requester: "management", accepter: "development" },
        { address: "peering:aws_vpc_peering_connection.management-production_connection", requester: "management", accepter: "production" },
      ]);
    });

    it("places the data stores' group on the persistence subnets, the nodes' group (named by their launch template) on the private subnets, and the EKS-managed cluster group on the control plane only", () => {
      const production = env("production");
      const persistence = production.securityGroups.find((g) => g.name === "acme-production-persistence")!;
      expect([...persistence.subnets].sort()).toEqual(["a", "b", "c"].map((z) => `aws_subnet.network_persistence-subnet-${z}`));
      expect(persistence.egress).toEqual([]);
      const nodes = production.securityGroups.find((g) => g.name === "acme-production-eks-nodes")!;
      expect([...new Set(nodes.subnets)].sort()).toEqual(["a", "b", "c"].map((z) => `aws_subnet.network_private-subnet-${z}`));
      const cluster = production.securityGroups.find((g) => g.implicit)!;
      expect([...cluster.subnets].sort()).toEqual(["a", "b", "c"].map((z) => `aws_subnet.network_control-plane-subnet-${z}`));
      expect(cluster.ingress).toEqual([expect.objectContaining({ peer: { group: cluster.address }, protocol: "all" })]);
    });

    it("puts nodes whose launch template names no group in the EKS-managed cluster group, as EKS does", () => {
      const stripped = editStacks(stacks, (byName) => {
        for (const t of Object.values<any>(byName.production.resource.aws_launch_template)) delete t.vpc_security_group_ids;
      });
      const production = readNetworkFacts(stripped).environments.find((e) => e.name === "production")!;
      const cluster = production.securityGroups.find((g) => g.implicit)!;
      expect(cluster.subnets).toEqual(expect.arrayContaining(["a", "b", "c"].map((z) => `aws_subnet.network_private-subnet-${z}`)));
    });

    it("finds the VPN server's subnet and address, the NAT gateways' subnets and the internet gateway", () => {
      expect(env("management").vpnServer).toEqual({ subnet: "aws_subnet.network_public-subnet-a", address: "10.120.192.10" });
      expect(env("production").vpnServer).toBeUndefined();
      expect([...env("production").natGatewaySubnets].sort()).toEqual(["a", "b", "c"].map((z) => `aws_subnet.network_public-subnet-${z}`));
      expect(env("development").internetGateway).toBe(true);
    });

    it("gives every subnet its tier's NACL rules", () => {
      const rules = env("production").naclRulesOf.get("aws_subnet.network_persistence-subnet-a")!;
      expect(rules).toContainEqual({ ruleNumber: 25043, egress: false, protocol: "tcp", ports: [[5432, 5432]], cidr: "10.130.0.0/19", allow: true });
    });
  });

  describe("resolveRef", () => {
    it("follows a cdktf cross-stack output to the resource it names, and refuses anything else", () => {
      const byName = new Map(stacks.map((s) => [s.name, s.json]));
      expect(resolveRef(byName, "peering", "${data.terraform_remote_state.cross-stack-reference-input-production.outputs.cross-stack-output-aws_vpc_network_vpc_id}")).toEqual({ stack: "production", address: "aws_vpc.network_vpc" });
      expect(resolveRef(byName, "peering", "${aws_vpc_peering_connection.x.id}")).toEqual({ stack: "peering", address: "aws_vpc_peering_connection.x" });
      expect(resolveRef(byName, "peering", "${data.terraform_remote_state.cross-stack-reference-input-production.outputs.no-such-output}")).toBeUndefined();
      expect(resolveRef(byName, "peering", "vpc-0123")).toBeUndefined();
    });
  });

  describe("with connectivity: transitGateway", () => {
    const tgw = readNetworkFacts(synthesizedStacks(loadChanged((file) => (file.connectivity = "transitGateway"))));

    it("reads the gateway's route table of each attachment: the hub's leads to both spokes, each spoke's to the hub only", () => {
      expect(tgw.peeringConnections).toEqual([]);
      expect(tgw.transitGateway!.attached).toEqual(["development", "management", "production"]);
      expect(Object.fromEntries([...tgw.transitGateway!.routesOf].map(([k, v]) => [k, v.map((r) => `${r.destination}>${r.environment}`).sort()]))).toEqual({
        development: ["10.120.0.0/16>management"],
        management: ["10.110.0.0/16>development", "10.130.0.0/16>production"],
        production: ["10.120.0.0/16>management"],
      });
    });

    it("keeps the attachment subnets as their own tier", () => {
      const management = tgw.environments.find((e) => e.name === "management")!;
      expect(management.subnets.filter((s) => s.tier === "transit-gateway").map((s) => s.cidr)).toEqual(["10.120.220.0/28", "10.120.220.16/28"]);
    });
  });
});
