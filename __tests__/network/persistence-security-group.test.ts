import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Testing } from "cdktf";
import { PersistenceSecurityGroup } from "../../src/network/persistence-security-group";

type Rule = { description: string; ip_protocol: string; from_port: number; to_port: number; cidr_ipv4: string };

describe("PersistenceSecurityGroup", () => {
  describe("with two private subnets and a peered hub", () => {
    const synth = Testing.synthScope(
      (scope) =>
        new PersistenceSecurityGroup(scope, "persistence-security-group", {
          namePrefix: "acme-production",
          vpcId: "vpc-1",
          privateSubnets: [
            { azSuffix: "a", cidr: "10.130.0.0/19" },
            { azSuffix: "b", cidr: "10.130.32.0/19" },
          ],
          dataStorePorts: [5432, 6379],
          inboundPeers: [{ name: "management", cidrs: ["10.120.0.0/18"] }],
          peeringPorts: [5432],
        }),
    );
    const json = JSON.parse(synth);
    const ingress = Object.values(json.resource.aws_vpc_security_group_ingress_rule) as Rule[];

    it("creates a described group in the VPC with no inline rules", () => {
      expect(synth).toHaveResourceWithProperties(SecurityGroup, {
        name: "acme-production-persistence",
        vpc_id: "vpc-1",
        description: expect.stringContaining("acme-production"),
      });
      const group = Object.values(json.resource.aws_security_group)[0] as Record<string, unknown>;
      expect(group.ingress).toBeUndefined();
      expect(group.egress).toBeUndefined();
    });

    it("admits each data-store port from each private subnet CIDR", () => {
      expect(synth).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        ip_protocol: "tcp",
        from_port: 6379,
        to_port: 6379,
        cidr_ipv4: "10.130.32.0/19",
        description: "Redis/Valkey (TCP 6379) from private subnet b (10.130.32.0/19)",
      });
      expect(ingress.filter((r) => r.cidr_ipv4.startsWith("10.130."))).toHaveLength(4);
    });

    it("admits the peering ports from the hub CIDR, naming the hub", () => {
      expect(synth).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        ip_protocol: "tcp",
        from_port: 5432,
        to_port: 5432,
        cidr_ipv4: "10.120.0.0/18",
        description: "PostgreSQL (TCP 5432) from peered environment management (10.120.0.0/18)",
      });
      expect(ingress.filter((r) => r.cidr_ipv4 === "10.120.0.0/18")).toHaveLength(1);
    });

    it("has no egress rule", () => {
      expect(json.resource.aws_vpc_security_group_egress_rule).toBeUndefined();
    });

    it("describes every rule and opens single TCP ports only", () => {
      for (const rule of ingress) {
        expect(rule.description).toMatch(/\S/);
        expect(rule.ip_protocol).toBe("tcp");
        expect(rule.from_port).toBe(rule.to_port);
      }
    });
  });
});
