import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { NodeSecurityGroup } from "../../src/eks/node-security-group";
import { nodeSecurityGroupRules } from "../../src/eks/node-security-group-rules";
import { synthInLandingZoneStack } from "../../test-helpers/landing-zone-scope";

const PROPS = {
  clusterName: "acme-production",
  vpcId: "vpc-123",
  vpcResolverCidr: "10.130.0.2/32",
  controlPlaneSecurityGroupId: "sg-control-plane",
  controlPlanePorts: [{ port: 8443, purpose: "ingress-nginx admission webhook" }],
  dataTiers: [{ name: "persistence", label: "the persistence tier", ranges: [{ key: "a", cidr: "10.130.224.0/22" }], ports: [5432] }],
};
const SELF = "${aws_security_group.nodes_security-group.id}";

function synth(build: (group: NodeSecurityGroup) => void = () => undefined) {
  const text = synthInLandingZoneStack((scope) => build(new NodeSecurityGroup(scope, "nodes", PROPS)));
  return { text, json: JSON.parse(text) };
}

describe("NodeSecurityGroup", () => {
  describe("the group", () => {
    const { text } = synth();

    it("is a described group in the cluster's VPC, named after the cluster", () => {
      expect(text).toHaveResourceWithProperties(SecurityGroup, {
        name: "acme-production-eks-nodes",
        vpc_id: "vpc-123",
        description: "Nodes and pods of EKS cluster acme-production: described rules only, no allow-all egress",
      });
    });

    it("carries kubernetes.io/cluster/<name>: owned, the tag the load balancer controllers find the node group by", () => {
      expect(text).toHaveResourceWithProperties(SecurityGroup, {
        tags: { Name: "acme-production-eks-nodes", "kubernetes.io/cluster/acme-production": "owned" },
      });
    });

    it("has no inline ingress or egress blocks (every rule is its own resource)", () => {
      const group = JSON.parse(text).resource.aws_security_group["nodes_security-group"];
      expect(group.ingress).toBeUndefined();
      expect(group.egress).toBeUndefined();
    });
  });

  describe("the rules", () => {
    const { json } = synth();
    const ingress: Record<string, any> = json.resource.aws_vpc_security_group_ingress_rule;
    const egress: Record<string, any> = json.resource.aws_vpc_security_group_egress_rule;

    it("are exactly the rules of nodeSecurityGroupRules, one resource each under the rule's id", () => {
      const expected = nodeSecurityGroupRules(PROPS);
      expect([...Object.keys(ingress), ...Object.keys(egress)].sort()).toEqual(expected.map((r) => `nodes_${r.id}`).sort());
      for (const rule of expected) {
        const resource = (rule.direction === "ingress" ? ingress : egress)[`nodes_${rule.id}`];
        expect(resource).toMatchObject({ security_group_id: SELF, description: rule.description, ip_protocol: rule.ipProtocol });
      }
    });

    it("point the node-to-node pair at the group itself and the control-plane rules at the control plane's group", () => {
      expect(ingress["nodes_ingress-nodes-all"].referenced_security_group_id).toBe(SELF);
      expect(egress["nodes_egress-nodes-all"].referenced_security_group_id).toBe(SELF);
      expect(ingress["nodes_ingress-control-plane-tcp-10250"]).toMatchObject({ referenced_security_group_id: "sg-control-plane", from_port: 10250, to_port: 10250 });
      expect(ingress["nodes_ingress-control-plane-tcp-8443"]).toMatchObject({ referenced_security_group_id: "sg-control-plane", from_port: 8443, to_port: 8443 });
      expect(egress["nodes_egress-control-plane-tcp-443"]).toMatchObject({ referenced_security_group_id: "sg-control-plane", from_port: 443 });
    });

    it("send nothing to 0.0.0.0/0 but TCP 443, and name a CIDR or a group in every rule", () => {
      for (const rule of Object.values(egress)) {
        if (rule.cidr_ipv4 === "0.0.0.0/0") expect([rule.ip_protocol, rule.from_port, rule.to_port]).toEqual(["tcp", 443, 443]);
        expect(rule.cidr_ipv4 ?? rule.referenced_security_group_id).toBeDefined();
      }
      expect(Object.values(ingress).some((r) => r.cidr_ipv4 !== undefined)).toBe(false);
    });
  });

  describe("addTag", () => {
    it("adds a tag beside the group's own", () => {
      const { json } = synth((g) => g.addTag("karpenter.sh/discovery", "acme-production"));
      expect(json.resource.aws_security_group["nodes_security-group"].tags).toEqual({
        Name: "acme-production-eks-nodes",
        "kubernetes.io/cluster/acme-production": "owned",
        "karpenter.sh/discovery": "acme-production",
      });
    });

    it("refuses to overwrite a tag the group has", () => {
      expect(() => synth((g) => g.addTag("kubernetes.io/cluster/acme-production", "shared"))).toThrow(
        "test/nodes: the node security group has a kubernetes.io/cluster/acme-production tag already",
      );
    });
  });

  describe("addClusterSecurityGroupBridge", () => {
    const { json } = synth((g) => g.addClusterSecurityGroupBridge("sg-cluster", "acme-production"));

    it("opens all traffic between the node group and the cluster security group, both ways", () => {
      expect(json.resource.aws_vpc_security_group_ingress_rule["nodes_ingress-cluster-security-group-all"]).toMatchObject({
        security_group_id: SELF,
        referenced_security_group_id: "sg-cluster",
        ip_protocol: "-1",
      });
      expect(json.resource.aws_vpc_security_group_egress_rule["nodes_egress-cluster-security-group-all"]).toMatchObject({
        security_group_id: SELF,
        referenced_security_group_id: "sg-cluster",
        ip_protocol: "-1",
      });
      expect(json.resource.aws_vpc_security_group_ingress_rule["nodes_cluster-security-group-ingress-nodes-all"]).toMatchObject({
        security_group_id: "sg-cluster",
        referenced_security_group_id: SELF,
        ip_protocol: "-1",
        description: "Migration bridge: all traffic from the node security group of acme-production (new nodes)",
      });
    });
  });
});
