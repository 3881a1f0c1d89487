import { overlaps } from "../../src/model/cidr";
import { MAX_PLANNED_AZS, plannedSubnet } from "../../src/model/subnet-plan";
import { SUBNET_TIERS } from "../../src/model/org";

describe("subnet plan", () => {
  describe("a /16 VPC", () => {
    it("gives each AZ a /19 private subnet sized for EKS pods", () => {
      expect([0, 1, 2].map((i) => plannedSubnet("10.130.0.0/16", "private", i))).toEqual([
        "10.130.0.0/19",
        "10.130.32.0/19",
        "10.130.64.0/19",
      ]);
    });

    it("puts public and persistence /22s in the last quarter", () => {
      expect(plannedSubnet("10.130.0.0/16", "public", 0)).toBe("10.130.192.0/22");
      expect(plannedSubnet("10.130.0.0/16", "persistence", 2)).toBe("10.130.232.0/22");
    });
  });

  describe("any supported VPC size", () => {
    it.each(["10.0.0.0/16", "10.0.0.0/19", "10.0.0.0/22"])("never overlaps two subnets of %s", (vpc) => {
      const all = SUBNET_TIERS.flatMap((tier) => Array.from({ length: MAX_PLANNED_AZS }, (_, i) => plannedSubnet(vpc, tier, i)));
      for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i], all[j])).toBe(false);
    });
  });

  describe("adding an AZ", () => {
    it("keeps the subnets of existing AZs where they were", () => {
      const before = plannedSubnet("10.110.0.0/16", "persistence", 1);
      expect(plannedSubnet("10.110.0.0/16", "persistence", 1)).toBe(before);
      expect(plannedSubnet("10.110.0.0/16", "persistence", 2)).not.toBe(before);
    });

    it("refuses an AZ index beyond the plan's slots", () => {
      expect(() => plannedSubnet("10.0.0.0/16", "public", MAX_PLANNED_AZS)).toThrow(/slots for 6 AZs/);
    });
  });
});
