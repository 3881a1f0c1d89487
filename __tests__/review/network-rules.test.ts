import { cidrCovers, isOpenToInternet, ruleChanges, rulesOf, widening } from "../../src/review/network-rules";
import { change, ingressRule, planOf } from "../../test-helpers/plan-fixtures";

describe("rulesOf", () => {
  it("reads a security-group ingress rule: CIDR, protocol, ports, description", () => {
    expect(rulesOf("aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_ingress_rule.api", ingressRule("10.0.0.0/16", 443))).toEqual([
      { address: "aws_vpc_security_group_ingress_rule.api", kind: "security group", direction: "ingress", action: "allow", peers: ["10.0.0.0/16"], protocol: "tcp", ports: "443", description: "HTTPS from the VPN" },
    ]);
  });

  it("reads a NACL rule with its direction, action, number and port range; protocol -1 is all ports", () => {
    const [tcp] = rulesOf("aws_network_acl_rule", "a", { egress: true, rule_action: "deny", cidr_block: "10.1.0.0/16", protocol: "6", from_port: 1024, to_port: 65535, rule_number: 120 });
    expect(tcp).toMatchObject({ kind: "NACL", direction: "egress", action: "deny", peers: ["10.1.0.0/16"], protocol: "tcp", ports: "1024-65535", description: "rule 120" });
    expect(rulesOf("aws_network_acl_rule", "b", { egress: false, rule_action: "allow", cidr_block: "0.0.0.0/0", protocol: "-1", from_port: 0, to_port: 0, rule_number: 1 })[0]).toMatchObject({ protocol: "all", ports: "all" });
  });

  it("reads a security group's inline rules, each a rule of its own", () => {
    const rules = rulesOf("aws_security_group", "aws_security_group.vpn", {
      ingress: [{ cidr_blocks: ["203.0.113.0/24"], from_port: 443, to_port: 443, protocol: "tcp", description: "admins" }],
      egress: [{ cidr_blocks: ["0.0.0.0/0"], from_port: 0, to_port: 0, protocol: "-1" }],
    });
    expect(rules.map((r) => `${r.direction} ${r.peers.join(",")} ${r.protocol} ${r.ports}`)).toEqual(["ingress 203.0.113.0/24 tcp 443", "egress 0.0.0.0/0 all all"]);
  });

  it("reads nothing from a resource type that holds no rules", () => {
    expect(rulesOf("aws_subnet", "aws_subnet.a", { cidr_block: "10.0.0.0/24" })).toEqual([]);
  });
});

describe("cidrCovers and widening", () => {
  it("tells a CIDR that contains another from one that does not", () => {
    expect(cidrCovers("0.0.0.0/0", "10.0.0.0/16")).toBe(true);
    expect(cidrCovers("10.0.0.0/8", "10.20.0.0/16")).toBe(true);
    expect(cidrCovers("10.0.0.0/16", "10.0.0.0/8")).toBe(false);
    expect(cidrCovers("10.1.0.0/16", "10.2.0.0/16")).toBe(false);
  });

  it("finds a wider CIDR and a wider port range, and nothing for a narrower rule", () => {
    const [narrow] = rulesOf("aws_vpc_security_group_ingress_rule", "a", ingressRule("10.0.0.0/16", 443));
    const [open] = rulesOf("aws_vpc_security_group_ingress_rule", "a", ingressRule("0.0.0.0/0", 443));
    const [range] = rulesOf("aws_vpc_security_group_ingress_rule", "a", { ...ingressRule("10.0.0.0/16", 443), to_port: 8443 });
    expect(widening(narrow, open)).toBe("0.0.0.0/0 beyond 10.0.0.0/16");
    expect(widening(narrow, range)).toBe("ports 443 -> 443-8443");
    expect(widening(open, narrow)).toBeUndefined();
  });
});

describe("ruleChanges", () => {
  it("flags an update of a rule from 10.0.0.0/16 to 0.0.0.0/0 as widened, with the rule before", () => {
    const plan = planOf([change("aws_vpc_security_group_ingress_rule.eks_api-from-vpn", ["update"], { before: ingressRule("10.0.0.0/16", 443), after: ingressRule("0.0.0.0/0", 443) })]);
    const [c] = ruleChanges(plan);
    expect(c.kind).toBe("widened");
    expect(c.rule.peers).toEqual(["0.0.0.0/0"]);
    expect(c.before!.peers).toEqual(["10.0.0.0/16"]);
    expect(c.why).toBe("0.0.0.0/0 beyond 10.0.0.0/16");
    expect(isOpenToInternet(c.rule)).toBe(true);
  });

  it("does not flag an update that narrows a rule or only changes its description", () => {
    const plan = planOf([
      change("aws_vpc_security_group_ingress_rule.a", ["update"], { before: ingressRule("10.0.0.0/8", 443), after: ingressRule("10.1.0.0/16", 443) }),
      change("aws_vpc_security_group_ingress_rule.b", ["update"], { before: ingressRule("10.0.0.0/8", 443), after: ingressRule("10.0.0.0/8", 443, "new words") }),
    ]);
    expect(ruleChanges(plan)).toEqual([]);
  });

  it("reports a created rule as added, and as widened when a narrower rule of the same ports is destroyed beside it", () => {
    const plan = planOf([
      change("aws_vpc_security_group_ingress_rule.vpn_admin-203-0-113-0-24-tcp-443", ["delete"], { before: ingressRule("203.0.113.0/24", 443) }),
      change("aws_vpc_security_group_ingress_rule.vpn_admin-203-0-112-0-20-tcp-443", ["create"], { after: ingressRule("203.0.112.0/20", 443), after_unknown: { id: true, security_group_id: true } }),
      change("aws_vpc_security_group_ingress_rule.db-5432", ["create"], { after: ingressRule("10.130.0.0/19", 5432), after_unknown: { security_group_id: true } }),
    ]);
    const changes = ruleChanges(plan);
    expect(changes.map((c) => `${c.kind} ${c.rule.address}`)).toEqual([
      "widened aws_vpc_security_group_ingress_rule.vpn_admin-203-0-112-0-20-tcp-443",
      "added aws_vpc_security_group_ingress_rule.db-5432",
    ]);
    expect(changes[0].why).toBe("203.0.112.0/20 beyond 203.0.113.0/24 (the narrower rule aws_vpc_security_group_ingress_rule.vpn_admin-203-0-113-0-24-tcp-443 is destroyed)");
  });

  it("reports a security group's new inline rule as added, and ignores its unchanged ones", () => {
    const before = { ingress: [{ cidr_blocks: ["10.0.0.0/16"], from_port: 443, to_port: 443, protocol: "tcp" }], egress: [] };
    const after = { ingress: [...before.ingress, { cidr_blocks: ["10.9.0.0/16"], from_port: 22, to_port: 22, protocol: "tcp" }], egress: [] };
    const changes = ruleChanges(planOf([change("aws_security_group.vpn", ["update"], { before, after })]));
    expect(changes.map((c) => `${c.kind} ${c.rule.peers.join(",")} ${c.rule.ports}`)).toEqual(["added 10.9.0.0/16 22"]);
  });
});
