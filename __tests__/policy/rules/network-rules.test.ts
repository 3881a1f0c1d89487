import { evaluateStack } from "../../../src/policy/engine";
import { networkRules } from "../../../src/policy/rules/network-rules";
import { itChecksEveryRuleAgainstItsFixtures, stack, type RuleCases } from "../../../test-helpers/policy-fixtures";

const vpc: [string, string, Record<string, unknown>] = ["aws_vpc", "vpc", { cidr_block: "10.0.0.0/16" }];
const peerVpc: [string, string, Record<string, unknown>] = ["aws_vpc", "peer", { cidr_block: "10.1.0.0/16" }];
const pcx: [string, string, Record<string, unknown>] = [
  "aws_vpc_peering_connection",
  "pcx",
  { vpc_id: "${aws_vpc.vpc.id}", peer_vpc_id: "${aws_vpc.peer.id}" },
];
const sg = (body: Record<string, unknown>): [string, string, Record<string, unknown>] => [
  "aws_security_group",
  "sg",
  { description: "Load balancers", vpc_id: "${aws_vpc.vpc.id}", ...body },
];
const ingress = (body: Record<string, unknown>): [string, string, Record<string, unknown>] => [
  "aws_vpc_security_group_ingress_rule",
  "in",
  { security_group_id: "${aws_security_group.sg.id}", description: "from somewhere", ...body },
];
const egress = (body: Record<string, unknown>): [string, string, Record<string, unknown>] => [
  "aws_vpc_security_group_egress_rule",
  "out",
  { security_group_id: "${aws_security_group.sg.id}", description: "to somewhere", ...body },
];

/** For every rule: fixtures that violate it (each must fail) and one that satisfies it. */
const cases: RuleCases = {
  CKV2_AWS_11: {
    fail: [
      stack(vpc),
      stack(vpc, ["aws_flow_log", "fl", { vpc_id: "${aws_vpc.vpc.id}", traffic_type: "REJECT" }]),
      stack(vpc, peerVpc, ["aws_flow_log", "fl", { vpc_id: "${aws_vpc.peer.id}", traffic_type: "ALL" }]),
    ],
    pass: stack(vpc, ["aws_flow_log", "fl", { vpc_id: "${aws_vpc.vpc.id}", traffic_type: "ALL" }]),
    message: /aws_flow_log|traffic_type ALL/,
  },
  CKV2_AWS_12: {
    fail: [
      stack(vpc),
      stack(vpc, ["aws_default_security_group", "d", { vpc_id: "${aws_vpc.vpc.id}", ingress: [{ protocol: "-1", self: true }] }]),
      stack(
        vpc,
        ["aws_default_security_group", "d", { vpc_id: "${aws_vpc.vpc.id}", ingress: [], egress: [] }],
        ["aws_vpc_security_group_egress_rule", "r", { security_group_id: "${aws_default_security_group.d.id}", ip_protocol: "-1" }],
      ),
    ],
    pass: stack(vpc, ["aws_default_security_group", "d", { vpc_id: "${aws_vpc.vpc.id}", ingress: [], egress: [] }]),
    message: /default_security_group|default security group/,
  },
  CKV_AWS_130: {
    fail: [stack(["aws_subnet", "public-a", { map_public_ip_on_launch: true }]), stack(["aws_default_subnet", "d", {}])],
    pass: stack(["aws_subnet", "public-a", { map_public_ip_on_launch: false }], ["aws_subnet", "private-a", {}]),
    message: /map_public_ip_on_launch/,
  },
  CKV_AWS_23: {
    fail: [
      stack(["aws_security_group", "sg", {}]),
      stack(sg({ description: "Managed by Terraform" })),
      stack(sg({ ingress: [{ protocol: "tcp", from_port: 443, to_port: 443, cidr_blocks: ["10.0.0.0/8"] }] })),
      stack(sg({}), ingress({ description: "", ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "10.0.0.0/8" })),
      stack(["aws_security_group_rule", "r", { type: "ingress", protocol: "tcp", from_port: 443, to_port: 443 }]),
    ],
    pass: stack(sg({}), ingress({ ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "10.0.0.0/8" })),
    message: /description/,
  },
  CKV_AWS_24: {
    fail: [
      stack(sg({}), ingress({ ip_protocol: "tcp", from_port: 22, to_port: 22, cidr_ipv4: "0.0.0.0/0" })),
      stack(sg({}), ingress({ ip_protocol: "tcp", from_port: 3380, to_port: 3390, cidr_ipv6: "::/0" })),
      stack(sg({}), ingress({ ip_protocol: "-1", cidr_ipv4: "0.0.0.0/0" })),
      stack(sg({ ingress: [{ description: "x", protocol: "tcp", from_port: 0, to_port: 65535, cidr_blocks: ["0.0.0.0/0"] }] })),
      stack(["aws_security_group_rule", "r", { type: "ingress", description: "x", protocol: "6", from_port: 22, to_port: 22, cidr_blocks: ["0.0.0.0/0"] }]),
    ],
    pass: stack(
      sg({}),
      ingress({ ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "0.0.0.0/0" }),
      ["aws_vpc_security_group_ingress_rule", "ssh", { description: "ssh from VPN", ip_protocol: "tcp", from_port: 22, to_port: 22, cidr_ipv4: "10.0.0.0/8" }],
    ),
    message: /admits .* to (port 22|port 3389|all ports)/,
  },
  CKV_AWS_382: {
    fail: [
      stack(sg({}), egress({ ip_protocol: "-1", cidr_ipv4: "0.0.0.0/0" })),
      stack(sg({ egress: [{ description: "all", protocol: "-1", from_port: 0, to_port: 0, ipv6_cidr_blocks: ["::/0"] }] })),
    ],
    pass: stack(sg({}), egress({ ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "0.0.0.0/0" })),
    message: /allows all traffic to/,
  },
  "AWS-0104": {
    fail: [stack(sg({}), egress({ ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "0.0.0.0/0" }))],
    pass: stack(sg({}), egress({ ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "10.0.0.0/16" })),
    message: /allows egress to 0\.0\.0\.0\/0/,
  },
  CKV2_AWS_44: {
    fail: [
      stack(vpc, peerVpc, pcx, ["aws_route", "r", { destination_cidr_block: "0.0.0.0/0", vpc_peering_connection_id: "${aws_vpc_peering_connection.pcx.id}" }]),
      stack(["aws_route_table", "rt", { route: [{ cidr_block: "0.0.0.0/0", vpc_peering_connection_id: "pcx-123" }] }]),
      stack(vpc, peerVpc, pcx, ["aws_route", "r", { destination_cidr_block: "10.9.0.0/16", vpc_peering_connection_id: "${aws_vpc_peering_connection.pcx.id}" }]),
    ],
    pass: stack(vpc, peerVpc, pcx, ["aws_route", "r", { destination_cidr_block: "10.1.0.0/16", vpc_peering_connection_id: "${aws_vpc_peering_connection.pcx.id}" }]),
    message: /through a VPC peering/,
  },
  CKV2_AWS_19: {
    fail: [stack(["aws_eip", "nat-a", { domain: "vpc" }])],
    pass: stack(["aws_eip", "nat-a", { domain: "vpc" }], ["aws_nat_gateway", "nat-a", { allocation_id: "${aws_eip.nat-a.id}" }]),
    message: /no aws_nat_gateway/,
  },
  CKV2_AWS_35: {
    fail: [
      stack(["aws_route", "r", { destination_cidr_block: "0.0.0.0/0", instance_id: "i-123" }]),
      stack(["aws_default_route_table", "d", { route: [{ cidr_block: "0.0.0.0/0", network_interface_id: "eni-1" }] }]),
    ],
    pass: stack(
      ["aws_route", "private", { destination_cidr_block: "0.0.0.0/0", nat_gateway_id: "${aws_nat_gateway.a.id}" }],
      ["aws_route", "public", { destination_cidr_block: "0.0.0.0/0", gateway_id: "${aws_internet_gateway.igw.id}" }],
    ),
    message: /instance or network interface/,
  },
  CKV2_AWS_1: {
    fail: [
      // A subnet in no managed NACL.
      stack(vpc, ["aws_default_network_acl", "d", { default_network_acl_id: "${aws_vpc.vpc.default_network_acl_id}" }], ["aws_subnet", "s", { vpc_id: "${aws_vpc.vpc.id}" }]),
      // A VPC whose default NACL is not adopted.
      stack(vpc),
      // A default NACL with rules or subnets.
      stack(vpc, ["aws_default_network_acl", "d", { default_network_acl_id: "${aws_vpc.vpc.default_network_acl_id}", ingress: [{ action: "allow", protocol: "-1", cidr_block: "10.0.0.0/16" }] }]),
      stack(vpc, ["aws_subnet", "s", { vpc_id: "${aws_vpc.vpc.id}" }], ["aws_default_network_acl", "d", { default_network_acl_id: "${aws_vpc.vpc.default_network_acl_id}", subnet_ids: ["${aws_subnet.s.id}"] }]),
      stack(
        vpc,
        ["aws_default_network_acl", "d", { default_network_acl_id: "${aws_vpc.vpc.default_network_acl_id}" }],
        ["aws_network_acl_rule", "r", { network_acl_id: "${aws_default_network_acl.d.id}", rule_action: "allow", protocol: "-1", cidr_block: "10.0.0.0/16" }],
      ),
    ],
    pass: stack(
      vpc,
      ["aws_default_network_acl", "d", { default_network_acl_id: "${aws_vpc.vpc.default_network_acl_id}" }],
      ["aws_subnet", "a", { vpc_id: "${aws_vpc.vpc.id}" }],
      ["aws_subnet", "b", { vpc_id: "${aws_vpc.vpc.id}" }],
      ["aws_network_acl", "tier", { vpc_id: "${aws_vpc.vpc.id}", subnet_ids: ["${aws_subnet.b.id}"] }],
      ["aws_network_acl_association", "a", { network_acl_id: "${aws_network_acl.tier.id}", subnet_id: "${aws_subnet.a.id}" }],
    ),
    message: /default NACL|default network ACL/,
  },
  CKV_AWS_229: {
    fail: [
      stack(["aws_network_acl_rule", "ssh", { egress: false, rule_action: "allow", protocol: "tcp", from_port: 22, to_port: 22, cidr_block: "0.0.0.0/0" }]),
      stack(["aws_network_acl_rule", "rdp", { egress: false, rule_action: "allow", protocol: "tcp", from_port: 1024, to_port: 65535, cidr_block: "0.0.0.0/0" }]),
      stack(["aws_network_acl_rule", "ftp", { egress: false, rule_action: "allow", protocol: "-1", cidr_block: "::/0" }]),
      stack(["aws_network_acl", "n", { ingress: [{ action: "allow", protocol: "tcp", from_port: 0, to_port: 1023, cidr_block: "0.0.0.0/0" }] }]),
    ],
    pass: stack(
      ["aws_network_acl_rule", "low", { egress: false, rule_action: "allow", protocol: "tcp", from_port: 1024, to_port: 3388, cidr_block: "0.0.0.0/0" }],
      ["aws_network_acl_rule", "high", { egress: false, rule_action: "allow", protocol: "tcp", from_port: 3390, to_port: 65535, cidr_block: "0.0.0.0/0" }],
      ["aws_network_acl_rule", "vpc", { egress: false, rule_action: "allow", protocol: "-1", cidr_block: "10.0.0.0/16" }],
      ["aws_network_acl_rule", "out", { egress: true, rule_action: "allow", protocol: "tcp", from_port: 0, to_port: 65535, cidr_block: "0.0.0.0/0" }],
      ["aws_network_acl_rule", "deny", { egress: false, rule_action: "deny", protocol: "tcp", from_port: 22, to_port: 22, cidr_block: "0.0.0.0/0" }],
    ),
    message: /admits port (20|21|22|3389) from/,
  },
  "AWS-0102": {
    fail: [
      stack(["aws_network_acl_rule", "all", { egress: false, rule_action: "allow", protocol: "-1", cidr_block: "0.0.0.0/0" }]),
      stack(["aws_default_network_acl", "d", { ingress: [{ action: "allow", protocol: "all", cidr_block: "0.0.0.0/0" }] }]),
    ],
    pass: stack(
      ["aws_network_acl_rule", "vpc", { egress: false, rule_action: "allow", protocol: "-1", cidr_block: "10.0.0.0/16" }],
      ["aws_network_acl_rule", "tcp", { egress: false, rule_action: "allow", protocol: "tcp", from_port: 443, to_port: 443, cidr_block: "0.0.0.0/0" }],
    ),
    message: /allows all traffic from/,
  },
  LZ_VPC_ENDPOINT_POLICY: {
    fail: [
      stack(["aws_vpc_endpoint", "s3", { service_name: "com.amazonaws.us-east-1.s3" }]),
      stack(["aws_vpc_endpoint", "s3", { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*" }] }) }]),
      stack(["aws_vpc_endpoint", "s3", { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::*/*" }] }) }]),
    ],
    pass: stack([
      "aws_vpc_endpoint",
      "s3",
      {
        policy: JSON.stringify({
          Statement: [
            { Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*", Condition: { StringEquals: { "aws:ResourceAccount": ["111111111111"], "aws:PrincipalAccount": ["111111111111"] } } },
            { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: ["arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*"] },
          ],
        }),
      },
    ]),
    message: /endpoint policy|without an account condition/,
  },
};

describe("networkRules", () => {
  itChecksEveryRuleAgainstItsFixtures(networkRules, cases);

  describe("AWS-0104", () => {
    it("records the egress ports so an exception can check them", () => {
      const [finding] = evaluateStack("test", cases["AWS-0104"].fail[0], networkRules.filter((r) => r.id === "AWS-0104"));
      expect(finding).toMatchObject({
        address: "aws_vpc_security_group_egress_rule.out",
        detail: { protocol: "tcp", fromPort: 443, toPort: 443 },
      });
    });
  });

  describe("CKV_AWS_24 with an ICMP rule from anywhere", () => {
    it("does not treat ICMP type numbers as ports", () => {
      const json = stack(sg({}), ingress({ ip_protocol: "icmp", from_port: 3, to_port: 22, cidr_ipv4: "0.0.0.0/0" }));
      expect(evaluateStack("test", json, networkRules.filter((r) => r.id === "CKV_AWS_24"))).toEqual([]);
    });
  });
});
