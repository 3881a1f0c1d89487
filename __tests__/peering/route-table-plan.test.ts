import type { PeeringNetwork } from "../../src/peering/peering-network";
import { peeringRouteTables } from "../../src/peering/route-table-plan";

const network: PeeringNetwork = {
  vpcId: "vpc-1",
  privateRouteTables: [
    { azSuffix: "a", routeTableId: "rtb-private-a" },
    { azSuffix: "b", routeTableId: "rtb-private-b" },
  ],
  persistenceRouteTables: [
    { azSuffix: "a", routeTableId: "rtb-persistence-a" },
    { azSuffix: "b", routeTableId: "rtb-persistence-b" },
  ],
  publicRouteTableId: "rtb-public",
  internalZoneId: "Z1",
};

describe("peeringRouteTables", () => {
  describe("without public routing", () => {
    it("lists the private then the persistence tables, each keyed by its tier and AZ suffix", () => {
      expect(peeringRouteTables(network, false)).toEqual([
        { tier: "private", key: "private-a", legacyKey: "private-0", routeTableId: "rtb-private-a" },
        { tier: "private", key: "private-b", legacyKey: "private-1", routeTableId: "rtb-private-b" },
        { tier: "persistence", key: "persistence-a", legacyKey: "persistence-0", routeTableId: "rtb-persistence-a" },
        { tier: "persistence", key: "persistence-b", legacyKey: "persistence-1", routeTableId: "rtb-persistence-b" },
      ]);
    });
  });

  describe("with public routing", () => {
    it("adds the shared public table after the others, keyed public", () => {
      const tables = peeringRouteTables(network, true);
      expect(tables).toHaveLength(5);
      expect(tables[4]).toEqual({ tier: "public", key: "public", legacyKey: "public-0", routeTableId: "rtb-public" });
    });
  });

  describe("when the AZs are reordered, inserted or removed", () => {
    const keysOf = (suffixes: string[]) =>
      peeringRouteTables(
        {
          ...network,
          privateRouteTables: suffixes.map((azSuffix) => ({ azSuffix, routeTableId: `rtb-private-${azSuffix}` })),
          persistenceRouteTables: suffixes.map((azSuffix) => ({ azSuffix, routeTableId: `rtb-persistence-${azSuffix}` })),
        },
        false,
      ).map((t) => `${t.key}=${t.routeTableId}`);

    it("keeps every other table's key and table", () => {
      const before = keysOf(["a", "b", "c"]);
      for (const after of [keysOf(["c", "a", "b"]), keysOf(["a", "d", "b", "c"]), keysOf(["a", "c"])]) {
        const common = after.filter((k) => before.some((b) => b.split("=")[0] === k.split("=")[0]));
        for (const key of common) expect(before).toContain(key);
      }
      expect(keysOf(["a", "c"])).toEqual(["private-a=rtb-private-a", "private-c=rtb-private-c", "persistence-a=rtb-persistence-a", "persistence-c=rtb-persistence-c"]);
    });
  });

  describe("when a tier repeats one shared table per AZ", () => {
    it("routes the table once, under the key of its first AZ", () => {
      const shared = { ...network, privateRouteTables: ["a", "b", "c"].map((azSuffix) => ({ azSuffix, routeTableId: "rtb-shared" })) };
      expect(peeringRouteTables(shared, false).filter((t) => t.tier === "private")).toEqual([
        { tier: "private", key: "private-a", legacyKey: "private-0", routeTableId: "rtb-shared" },
      ]);
    });

    it("does not route a table twice when two tiers share it", () => {
      const shared = {
        ...network,
        persistenceRouteTables: [
          { azSuffix: "a", routeTableId: "rtb-private-a" },
          { azSuffix: "b", routeTableId: "rtb-persistence-b" },
        ],
      };
      expect(peeringRouteTables(shared, false).map((t) => t.key)).toEqual(["private-a", "private-b", "persistence-b"]);
    });
  });
});
