import { overlaps } from "../../src/model/cidr";
import { controlPlaneSlots, MAX_PLANNED_AZS, plannedControlPlaneSubnet, plannedSubnet } from "../../src/model/subnet-plan";
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

  describe("control-plane subnets", () => {
    it("gives each AZ of a /16 a /28 at the start of the free /22 after the public tier", () => {
      expect([0, 1, 2].map((i) => plannedControlPlaneSubnet("10.130.0.0/16", i))).toEqual([
        "10.130.216.0/28",
        "10.130.216.16/28",
        "10.130.216.32/28",
      ]);
    });

    it("keeps them /28 in smaller VPCs, inside the same slot", () => {
      expect(plannedControlPlaneSubnet("10.0.0.0/19", 1)).toBe("10.0.27.16/28");
      expect(plannedControlPlaneSubnet("10.0.0.0/21", 1)).toBe("10.0.6.208/28");
      expect(plannedControlPlaneSubnet("10.0.0.0/22", 0)).toBe("10.0.3.96/28");
    });

    it("has 2^(22 - prefix) slots per VPC size", () => {
      expect([16, 19, 20, 21, 22].map(controlPlaneSlots)).toEqual([64, 8, 4, 2, 1]);
    });

    it("refuses an AZ beyond the slots of a small VPC, naming the room there is", () => {
      expect(() => plannedControlPlaneSubnet("10.0.0.0/21", 2)).toThrow(/a \/21 VPC has room for 2 planned control-plane subnets; index 2/);
      expect(() => plannedControlPlaneSubnet("10.0.0.0/16", MAX_PLANNED_AZS)).toThrow(/slots for 6 AZs/);
    });
  });

  describe("any supported VPC size", () => {
    /** Every planned subnet of a VPC: each tier's for every AZ slot, and each control-plane slot the VPC has. */
    const allPlanned = (vpc: string, prefix: number) => [
      ...SUBNET_TIERS.flatMap((tier) => Array.from({ length: MAX_PLANNED_AZS }, (_, i) => plannedSubnet(vpc, tier, i))),
      ...Array.from({ length: Math.min(controlPlaneSlots(prefix), MAX_PLANNED_AZS) }, (_, i) => plannedControlPlaneSubnet(vpc, i)),
    ];

    it.each([16, 17, 18, 19, 20, 21, 22])("never overlaps two subnets of a /%i, control-plane subnets included", (prefix) => {
      const vpc = `10.0.0.0/${prefix}`;
      const all = allPlanned(vpc, prefix);
      expect(all.length).toBeGreaterThan(3 * MAX_PLANNED_AZS);
      for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i], all[j])).toBe(false);
    });
  });

  describe("adding an AZ", () => {
    it("keeps the subnets of existing AZs where they were", () => {
      const before = plannedSubnet("10.110.0.0/16", "persistence", 1);
      expect(plannedSubnet("10.110.0.0/16", "persistence", 1)).toBe(before);
      expect(plannedSubnet("10.110.0.0/16", "persistence", 2)).not.toBe(before);
    });

    it("keeps the control-plane subnets of existing AZs where they were", () => {
      expect(plannedControlPlaneSubnet("10.110.0.0/16", 1)).toBe("10.110.216.16/28");
      expect(plannedControlPlaneSubnet("10.110.0.0/16", 2)).toBe("10.110.216.32/28");
    });

    it("refuses an AZ index beyond the plan's slots", () => {
      expect(() => plannedSubnet("10.0.0.0/16", "public", MAX_PLANNED_AZS)).toThrow(/slots for 6 AZs/);
    });
  });
});
