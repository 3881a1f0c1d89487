import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Testing } from "cdktf";
import { addTcpRules } from "../../src/network/tcp-rules";

const rule = { id: "private-a-tcp-5432", description: "PostgreSQL (TCP 5432) from private subnet a", fromPort: 5432, toPort: 5432, cidrIpv4: "10.0.0.0/19" };

describe("addTcpRules", () => {
  describe("ingress", () => {
    const synth = Testing.synthScope((scope) => addTcpRules(scope, "sg-1", "ingress", [rule]));

    it("adds one described TCP ingress rule resource per rule", () => {
      expect(synth).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        security_group_id: "sg-1",
        description: rule.description,
        ip_protocol: "tcp",
        from_port: 5432,
        to_port: 5432,
        cidr_ipv4: "10.0.0.0/19",
      });
      expect(synth).not.toHaveResource(VpcSecurityGroupEgressRule);
    });
  });

  describe("egress", () => {
    it("adds egress rule resources instead", () => {
      const synth = Testing.synthScope((scope) => addTcpRules(scope, "sg-1", "egress", [rule, { ...rule, id: "b", cidrIpv4: "10.0.32.0/19" }]));
      expect(Object.keys(JSON.parse(synth).resource.aws_vpc_security_group_egress_rule)).toHaveLength(2);
      expect(synth).not.toHaveResource(VpcSecurityGroupIngressRule);
    });
  });
});
