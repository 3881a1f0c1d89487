import { admitsPort, allPorts, describeRule, openCidrs, sgRulesOf } from "../../../src/policy/rules/security-group-rules";

describe("sgRulesOf", () => {
  describe("an aws_security_group with inline blocks", () => {
    const rules = sgRulesOf({
      type: "aws_security_group",
      name: "sg",
      address: "aws_security_group.sg",
      body: {
        ingress: [{ description: "https", protocol: "tcp", from_port: 443, to_port: 443, cidr_blocks: ["0.0.0.0/0"], ipv6_cidr_blocks: ["::/0"] }],
        egress: { description: "all", protocol: "-1", from_port: 0, to_port: 0, cidr_blocks: ["10.0.0.0/8"] },
      },
    });

    it("reads every block with its direction, ports and CIDRs", () => {
      expect(rules).toEqual([
        { direction: "ingress", protocol: "tcp", fromPort: 443, toPort: 443, cidrs: ["0.0.0.0/0", "::/0"], description: "https", where: "ingress[0]" },
        { direction: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrs: ["10.0.0.0/8"], description: "all", where: "egress[0]" },
      ]);
    });

    it("treats all protocols as every port and a single port as only that one", () => {
      expect(admitsPort(rules[0], 443)).toBe(true);
      expect(admitsPort(rules[0], 22)).toBe(false);
      expect(allPorts(rules[1])).toBe(true);
      expect(openCidrs(rules[0])).toEqual(["0.0.0.0/0", "::/0"]);
      expect(describeRule(rules[0])).toBe("ingress[0] (ingress, tcp 443-443)");
    });
  });

  describe("an aws_vpc_security_group_egress_rule", () => {
    it("reads ip_protocol and cidr_ipv4", () => {
      const [rule] = sgRulesOf({
        type: "aws_vpc_security_group_egress_rule",
        name: "r",
        address: "aws_vpc_security_group_egress_rule.r",
        body: { ip_protocol: "tcp", from_port: 0, to_port: 65535, cidr_ipv4: "0.0.0.0/0", description: "d" },
      });
      expect(rule).toMatchObject({ direction: "egress", cidrs: ["0.0.0.0/0"] });
      expect(allPorts(rule)).toBe(true);
    });
  });
});
