import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Testing } from "cdktf";
import { LoadBalancerSecurityGroup } from "../../src/network/load-balancer-security-group";

type Rule = { description: string; ip_protocol: string; from_port: number; to_port: number; cidr_ipv4: string };

describe("LoadBalancerSecurityGroup", () => {
  describe("with two private subnets", () => {
    const synth = Testing.synthScope(
      (scope) =>
        new LoadBalancerSecurityGroup(scope, "load-balancer-security-group", {
          namePrefix: "acme-production",
          vpcId: "vpc-1",
          privateSubnets: [
            { azSuffix: "a", cidr: "10.130.0.0/19" },
            { azSuffix: "b", cidr: "10.130.32.0/19" },
          ],
        }),
    );
    const json = JSON.parse(synth);
    const ingress = Object.values(json.resource.aws_vpc_security_group_ingress_rule) as Rule[];
    const egress = Object.values(json.resource.aws_vpc_security_group_egress_rule) as Rule[];

    it("creates a described group in the VPC", () => {
      expect(synth).toHaveResourceWithProperties(SecurityGroup, {
        name: "acme-production-public-lb",
        vpc_id: "vpc-1",
        description: expect.stringContaining("Internet-facing load balancers"),
      });
    });

    it("admits HTTP and HTTPS from anywhere", () => {
      for (const port of [80, 443]) {
        expect(synth).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
          ip_protocol: "tcp",
          from_port: port,
          to_port: port,
          cidr_ipv4: "0.0.0.0/0",
          description: expect.stringContaining("from the internet"),
        });
      }
    });

    it("admits nothing else", () => {
      expect(ingress.map((r) => r.from_port).sort((a, b) => a - b)).toEqual([80, 443]);
    });

    it("sends traffic only to the private subnet CIDRs", () => {
      expect(synth).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
        ip_protocol: "tcp",
        from_port: 30000,
        to_port: 32767,
        cidr_ipv4: "10.130.0.0/19",
        description: "Kubernetes NodePorts (TCP 30000-32767) to targets in private subnet a (10.130.0.0/19)",
      });
      expect(new Set(egress.map((r) => r.cidr_ipv4))).toEqual(new Set(["10.130.0.0/19", "10.130.32.0/19"]));
      expect(egress).toHaveLength(6);
    });

    it("describes every rule and uses TCP only", () => {
      for (const rule of [...ingress, ...egress]) {
        expect(rule.description).toMatch(/\S/);
        expect(rule.ip_protocol).toBe("tcp");
      }
    });
  });
});
