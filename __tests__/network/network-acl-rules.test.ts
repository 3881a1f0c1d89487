import { contains } from "../../src/model/cidr";
import {
  ADMIN_PORTS,
  ANYWHERE,
  assignRuleNumbers,
  homeRuleNumber,
  networkAclRules,
  RULE_NUMBER_RANGE,
  type NaclRule,
  type NetworkAclRuleOptions,
} from "../../src/network/network-acl-rules";

const base: NetworkAclRuleOptions = {
  vpcCidr: "10.130.0.0/16",
  privateSubnets: [
    { azSuffix: "a", cidr: "10.130.0.0/19" },
    { azSuffix: "b", cidr: "10.130.32.0/19" },
  ],
  dataStorePorts: [5432, 6379],
  dataTierPeers: [{ name: "management", cidrs: ["10.120.0.0/19", "10.120.32.0/19"] }],
  peeringPorts: [5432],
  apiPeers: [{ name: "management", cidr: "10.120.0.0/16" }],
  apiAccessCidrs: [],
  connectedPeers: [{ name: "management", cidr: "10.120.0.0/16" }],
  persistenceInternetAccess: false,
  publicIngress: [],
};

/** Whether an allow rule of `rules` admits the whole `cidr` on `protocol` and `port` in that direction. */
function admits(rules: readonly NaclRule[], egress: boolean, cidr: string, protocol: "tcp" | "udp", port: number): boolean {
  return rules.some(
    (r) => r.egress === egress && contains(r.cidrBlock, cidr) && (r.protocol === "-1" || (r.protocol === protocol && r.fromPort <= port && port <= r.toPort)),
  );
}

const numbers = (rules: readonly NaclRule[]) => Object.fromEntries(rules.map((r) => [r.id, r.ruleNumber]));

describe("networkAclRules", () => {
  const rules = networkAclRules(base);

  describe("the persistence tier", () => {
    const persistence = rules.persistence;

    it("admits the data-store ports from each private subnet and the peering ports from each of the hub's ranges, nothing else", () => {
      const inbound = persistence.filter((r) => !r.egress).map((r) => `${r.cidrBlock} ${r.protocol} ${r.fromPort}-${r.toPort}`);
      expect(inbound.sort()).toEqual(
        [
          "10.130.0.0/19 tcp 5432-5432",
          "10.130.0.0/19 tcp 6379-6379",
          "10.130.32.0/19 tcp 5432-5432",
          "10.130.32.0/19 tcp 6379-6379",
          "10.120.0.0/19 tcp 5432-5432",
          "10.120.32.0/19 tcp 5432-5432",
        ].sort(),
      );
    });

    it("lets the replies out to those same ranges on the ephemeral ports (NACLs are stateless)", () => {
      for (const cidr of ["10.130.0.0/19", "10.130.32.0/19", "10.120.0.0/19", "10.120.32.0/19"]) {
        for (const port of [1024, 40000, 65535]) expect(admits(persistence, true, cidr, "tcp", port)).toBe(true);
      }
      expect(admits(persistence, true, ANYWHERE, "tcp", 443)).toBe(false);
    });

    it("admits nothing from the hub's other ranges, the public tier or the internet", () => {
      expect(admits(persistence, false, "10.120.64.0/19", "tcp", 5432)).toBe(false);
      expect(admits(persistence, false, "10.130.192.0/22", "tcp", 5432)).toBe(false);
      expect(admits(persistence, false, ANYWHERE, "tcp", 5432)).toBe(false);
    });

    it("with persistenceInternetAccess, calls out on HTTPS and admits the replies, never 3389", () => {
      const withNat = networkAclRules({ ...base, persistenceInternetAccess: true }).persistence;
      expect(admits(withNat, true, ANYWHERE, "tcp", 443)).toBe(true);
      expect(admits(withNat, false, ANYWHERE, "tcp", 50000)).toBe(true);
      expect(admits(withNat, false, ANYWHERE, "tcp", 3389)).toBe(false);
    });
  });

  describe("the public and private tiers", () => {
    it("admit HTTP and HTTPS from the internet to the load balancers, and the replies to NAT'd connections", () => {
      for (const port of [80, 443]) expect(admits(rules.public, false, ANYWHERE, "tcp", port)).toBe(true);
      for (const tier of [rules.public, rules.private]) {
        for (const port of [1024, 3388, 3390, 65535]) {
          expect(admits(tier, false, ANYWHERE, "tcp", port)).toBe(true);
          expect(admits(tier, false, ANYWHERE, "udp", port)).toBe(true);
        }
      }
    });

    it("admit anything from the VPC, where security groups decide", () => {
      for (const tier of [rules.public, rules.private]) expect(admits(tier, false, "10.130.0.0/16", "tcp", 10250)).toBe(true);
    });

    it("admit the private API endpoint (TCP 443) from the peered hub and the apiAccessCidrs", () => {
      const withApi = networkAclRules({ ...base, apiAccessCidrs: ["192.0.2.0/24"] }).private;
      expect(admits(withApi, false, "10.120.0.0/16", "tcp", 443)).toBe(true);
      expect(admits(withApi, false, "192.0.2.0/24", "tcp", 443)).toBe(true);
    });

    it("admit the extra public ingress a component outside the network asks for (the VPN's UDP port and console)", () => {
      const withVpn = networkAclRules({
        ...base,
        publicIngress: [
          { name: "vpn", protocol: "udp", port: 1194, cidrs: [ANYWHERE] },
          { name: "vpn-console", protocol: "tcp", port: 443, cidrs: ["198.51.100.0/24"] },
        ],
      }).public;
      expect(admits(withVpn, false, ANYWHERE, "udp", 1194)).toBe(true);
      expect(withVpn.map((r) => r.id)).toEqual(expect.arrayContaining(["in-vpn-0-0-0-0-0-udp-1194", "in-vpn-console-198-51-100-0-24-tcp-443"]));
    });
  });

  describe("the transit gateway attachment subnets", () => {
    it("are open to this VPC and the connected VPCs in both directions, never to 0.0.0.0/0", () => {
      const tgw = rules["transit-gateway"];
      for (const egress of [false, true]) {
        expect(admits(tgw, egress, "10.130.0.0/16", "tcp", 5432)).toBe(true);
        expect(admits(tgw, egress, "10.120.0.0/16", "udp", 53)).toBe(true);
      }
      expect(tgw.some((r) => r.cidrBlock === ANYWHERE)).toBe(false);
    });
  });

  describe("every tier", () => {
    const all = Object.values(rules).flat();

    it("never admits 20, 21, 22 or 3389 from 0.0.0.0/0 (CIS AWS 5.1, CKV_AWS_229-232)", () => {
      const variants = [
        all,
        Object.values(networkAclRules({ ...base, persistenceInternetAccess: true })).flat(),
      ];
      for (const set of variants) {
        for (const port of ADMIN_PORTS) {
          expect(admits(set.filter((r) => r.cidrBlock === ANYWHERE), false, ANYWHERE, "tcp", port)).toBe(false);
          expect(admits(set.filter((r) => r.cidrBlock === ANYWHERE), false, ANYWHERE, "udp", port)).toBe(false);
        }
      }
    });

    it("has no allow-all rule naming 0.0.0.0/0 (Trivy AWS-0102)", () => {
      expect(all.filter((r) => r.cidrBlock === ANYWHERE && r.protocol === "-1")).toEqual([]);
    });

    it("numbers rules within AWS's range, uniquely per NACL and direction", () => {
      for (const tierRules of Object.values(rules)) {
        for (const egress of [false, true]) {
          const used = tierRules.filter((r) => r.egress === egress).map((r) => r.ruleNumber);
          expect(new Set(used).size).toBe(used.length);
          for (const n of used) expect(n).toBeGreaterThanOrEqual(RULE_NUMBER_RANGE.from);
          for (const n of used) expect(n).toBeLessThanOrEqual(RULE_NUMBER_RANGE.to);
        }
      }
    });
  });

  describe("rule numbers", () => {
    it("come from the rule's identity, so adding a peer, a port or an AZ renumbers no other rule", () => {
      const grown = networkAclRules({
        ...base,
        privateSubnets: [...base.privateSubnets, { azSuffix: "c", cidr: "10.130.64.0/19" }],
        dataStorePorts: [...base.dataStorePorts, 3306],
        dataTierPeers: [...base.dataTierPeers, { name: "tooling", cidrs: ["10.150.0.0/19"] }],
        peeringPorts: [27017, ...base.peeringPorts],
      });
      for (const tier of ["public", "private", "persistence", "transit-gateway"] as const) {
        const before = numbers(rules[tier]);
        const after = numbers(grown[tier]);
        for (const [id, n] of Object.entries(before)) expect([id, after[id]]).toEqual([id, n]);
      }
      expect(grown.persistence.length).toBeGreaterThan(rules.persistence.length);
    });

    it("do not depend on the order of the lists", () => {
      const reordered = networkAclRules({ ...base, privateSubnets: [...base.privateSubnets].reverse(), dataStorePorts: [...base.dataStorePorts].reverse() });
      expect(numbers(reordered.persistence)).toEqual(numbers(rules.persistence));
    });

    it("move a rule only on a hash collision, and then the later id to the next free number", () => {
      // Find two ids with the same home number.
      const seen = new Map<number, string>();
      let pair: [string, string] | undefined;
      for (let i = 0; pair === undefined; i++) {
        const id = `in-probe-${i}-tcp-1`;
        const n = homeRuleNumber(id);
        if (seen.has(n)) pair = [seen.get(n)!, id];
        else seen.set(n, id);
      }
      const [first, second] = [...pair].sort();
      const rule = (id: string) => ({ id, egress: false, protocol: "tcp" as const, fromPort: 1, toPort: 1, cidrBlock: "10.0.0.0/8", purpose: "probe" });
      const numbered = numbers(assignRuleNumbers([rule(second), rule(first)]));
      expect(numbered[first]).toBe(homeRuleNumber(first));
      expect(numbered[second]).toBe(homeRuleNumber(first) + 1);
    });

    it("reject an id listed twice", () => {
      const rule = { id: "in-x-tcp-1", egress: false, protocol: "tcp" as const, fromPort: 1, toPort: 1, cidrBlock: "10.0.0.0/8", purpose: "x" };
      expect(() => assignRuleNumbers([rule, rule])).toThrow("network ACL rule in-x-tcp-1 is listed twice");
    });
  });
});
