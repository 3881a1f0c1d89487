/**
 * Turns TCP rules (from security-group-rules.ts) into one
 * aws_vpc_security_group_{ingress,egress}_rule resource each, under the rule's stable id.
 */
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { Construct } from "constructs";
import type { TcpCidrRule } from "./security-group-rules";

/** Adds each rule to the security group `securityGroupId`, in the given direction. */
export function addTcpRules(scope: Construct, securityGroupId: string, direction: "ingress" | "egress", rules: readonly TcpCidrRule[]): void {
  const Rule = direction === "ingress" ? VpcSecurityGroupIngressRule : VpcSecurityGroupEgressRule;
  for (const rule of rules) {
    new Rule(scope, rule.id, {
      securityGroupId,
      description: rule.description,
      ipProtocol: "tcp",
      fromPort: rule.fromPort,
      toPort: rule.toPort,
      cidrIpv4: rule.cidrIpv4,
    });
  }
}
