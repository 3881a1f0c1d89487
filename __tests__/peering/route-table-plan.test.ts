import type { PeeringNetwork } from "../../src/peering/peering-network";
import { peeringRouteTables } from "../../src/peering/route-table-plan";

const network: PeeringNetwork = {
  vpcId: "vpc-1",
  privateRouteTableIds: ["rtb-private-a", "rtb-private-b"],
  persistenceRouteTableIds: ["rtb-persistence-a", "rtb-persistence-b"],
  publicRouteTableIds: ["rtb-public"],
  internalZoneId: "Z1",
};

describe("peeringRouteTables", () => {
  describe("without public routing", () => {
    it("lists the private then the persistence tables in AZ order with their positions", () => {
      expect(peeringRouteTables(network, false)).toEqual([
        { tier: "private", index: 0, routeTableId: "rtb-private-a" },
        { tier: "private", index: 1, routeTableId: "rtb-private-b" },
        { tier: "persistence", index: 0, routeTableId: "rtb-persistence-a" },
        { tier: "persistence", index: 1, routeTableId: "rtb-persistence-b" },
      ]);
    });
  });

  describe("with public routing", () => {
    it("adds the public tables after the others", () => {
      const tables = peeringRouteTables(network, true);
      expect(tables).toHaveLength(5);
      expect(tables[4]).toEqual({ tier: "public", index: 0, routeTableId: "rtb-public" });
    });
  });

  describe("when a tier repeats one shared table per AZ", () => {
    it("routes the table once, under the index of its first occurrence", () => {
      const shared = { ...network, privateRouteTableIds: ["rtb-shared", "rtb-shared", "rtb-shared"] };
      expect(peeringRouteTables(shared, false).filter((t) => t.tier === "private")).toEqual([
        { tier: "private", index: 0, routeTableId: "rtb-shared" },
      ]);
    });

    it("does not route a table twice when two tiers share it", () => {
      const shared = { ...network, persistenceRouteTableIds: ["rtb-private-a", "rtb-persistence-b"] };
      expect(peeringRouteTables(shared, false).map((t) => `${t.tier}-${t.index}`)).toEqual(["private-0", "private-1", "persistence-1"]);
    });
  });
});
