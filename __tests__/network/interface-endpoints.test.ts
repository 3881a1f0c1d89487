import { Testing } from "cdktf";
import { InterfaceEndpoints } from "../../src/network/interface-endpoints";

describe("InterfaceEndpoints", () => {
  const synth = Testing.synthScope(
    (scope) =>
      new InterfaceEndpoints(scope, "interface-endpoints", {
        namePrefix: "acme-development",
        vpcId: "vpc-1",
        vpcCidrBlock: "10.110.0.0/16",
        region: "us-east-1",
        partition: "aws",
        services: ["ecr.api", "sts", "sts"],
        subnetIds: ["subnet-a", "subnet-b"],
        organizationAccountIds: ["111111111111", "333333333333"],
      }),
  );
  const json = JSON.parse(synth);
  const endpoints = Object.values(json.resource.aws_vpc_endpoint) as Record<string, any>[];

  it("creates one endpoint per service, once each, with private DNS in the given subnets", () => {
    expect(endpoints.map((e) => e.service_name).sort()).toEqual(["com.amazonaws.us-east-1.ecr.api", "com.amazonaws.us-east-1.sts"]);
    for (const e of endpoints) {
      expect(e).toEqual(expect.objectContaining({ vpc_endpoint_type: "Interface", private_dns_enabled: true, subnet_ids: ["subnet-a", "subnet-b"] }));
      expect(e.security_group_ids).toHaveLength(1);
    }
  });

  it("guards them with a described security group admitting HTTPS from the VPC only", () => {
    const group = Object.values(json.resource.aws_security_group)[0] as Record<string, any>;
    expect(group.description).toContain("HTTPS from the VPC only");
    const rules = Object.values(json.resource.aws_vpc_security_group_ingress_rule) as Record<string, any>[];
    expect(rules).toEqual([expect.objectContaining({ ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "10.110.0.0/16", description: expect.stringContaining("HTTPS") })]);
    expect(json.resource.aws_vpc_security_group_egress_rule).toBeUndefined();
  });

  it("limits each to the organization's principals or resources", () => {
    for (const e of endpoints) {
      const policy = JSON.parse(e.policy);
      expect(policy.Statement.map((s: any) => s.Condition.StringEquals)).toEqual([
        { "aws:PrincipalAccount": ["111111111111", "333333333333"] },
        { "aws:ResourceAccount": ["111111111111", "333333333333"] },
      ]);
    }
  });
});
