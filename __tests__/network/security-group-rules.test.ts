import {
  persistenceIngressRules,
  portLabel,
} from "../../src/network/security-group-rules";

/** The characters AWS accepts in a security-group rule description. */
const AWS_DESCRIPTION = /^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]{1,255}$/;

const privateSubnets = [
  { azSuffix: "a", cidr: "10.130.0.0/19" },
  { azSuffix: "b", cidr: "10.130.32.0/19" },
];

describe("security group rules", () => {
  describe("portLabel", () => {
    it("names well-known data-store ports", () => {
      expect(portLabel(5432)).toBe("PostgreSQL (TCP 5432)");
      expect(portLabel(6379)).toBe("Redis/Valkey (TCP 6379)");
    });

    it("falls back to the bare port", () => {
      expect(portLabel(8080)).toBe("TCP 8080");
    });
  });

  describe("persistenceIngressRules", () => {
    const rules = persistenceIngressRules({
      privateSubnets,
      dataStorePorts: [5432, 6379],
      inboundPeers: [{ name: "management", cidrs: ["10.120.0.0/18"] }],
      peeringPorts: [5432],
    });

    it("admits every data-store port from every private subnet", () => {
      expect(rules.filter((r) => r.id.startsWith("private-"))).toEqual([
        { id: "private-a-tcp-5432", description: "PostgreSQL (TCP 5432) from private subnet a (10.130.0.0/19)", fromPort: 5432, toPort: 5432, cidrIpv4: "10.130.0.0/19" },
        { id: "private-a-tcp-6379", description: "Redis/Valkey (TCP 6379) from private subnet a (10.130.0.0/19)", fromPort: 6379, toPort: 6379, cidrIpv4: "10.130.0.0/19" },
        { id: "private-b-tcp-5432", description: "PostgreSQL (TCP 5432) from private subnet b (10.130.32.0/19)", fromPort: 5432, toPort: 5432, cidrIpv4: "10.130.32.0/19" },
        { id: "private-b-tcp-6379", description: "Redis/Valkey (TCP 6379) from private subnet b (10.130.32.0/19)", fromPort: 6379, toPort: 6379, cidrIpv4: "10.130.32.0/19" },
      ]);
    });

    it("admits the peering ports from each inbound peer, naming the peer", () => {
      expect(rules.filter((r) => r.id.startsWith("peer-"))).toEqual([
        {
          id: "peer-management-10-120-0-0-18-tcp-5432",
          description: "PostgreSQL (TCP 5432) from peered environment management (10.120.0.0/18)",
          fromPort: 5432,
          toPort: 5432,
          cidrIpv4: "10.120.0.0/18",
        },
      ]);
    });

    it("writes descriptions AWS accepts", () => {
      for (const rule of rules) expect(rule.description).toMatch(AWS_DESCRIPTION);
    });

    it("emits a repeated port once, so construct ids stay unique", () => {
      const once = persistenceIngressRules({ privateSubnets, dataStorePorts: [5432, 5432], inboundPeers: [], peeringPorts: [] });
      expect(once.map((r) => r.id)).toEqual(["private-a-tcp-5432", "private-b-tcp-5432"]);
    });

    it("never admits the internet", () => {
      expect(rules.some((r) => r.cidrIpv4 === "0.0.0.0/0")).toBe(false);
    });
  });
});
