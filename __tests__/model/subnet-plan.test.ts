import { cidr, overlaps } from "../../src/model/cidr";
import {
  azSlot,
  controlPlaneLetters,
  controlPlaneSlots,
  PLANNED_AZ_LETTERS,
  plannedControlPlaneSubnet,
  plannedSubnet,
  plannedTransitGatewaySubnet,
  transitGatewayLetters,
} from "../../src/model/subnet-plan";
import { SUBNET_TIERS } from "../../src/model/org";
import { POSITIONAL_PLAN } from "../../test-helpers/positional-cidr-plan";

describe("subnet plan", () => {
  describe("AZ letters", () => {
    it("gives letters a to f the slots 0 to 5", () => {
      expect(["a", "b", "c", "d", "e", "f"].map(azSlot)).toEqual([0, 1, 2, 3, 4, 5]);
    });

    it("has no slot for a later letter or anything that is not a letter", () => {
      expect(["g", "z", "A", "", "ab", "1"].map(azSlot)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    });

    it("refuses to plan a letter without a slot, naming the letters it has", () => {
      expect(() => plannedSubnet("10.0.0.0/16", "public", "g")).toThrow('the CIDR plan has slots for AZ letters a, b, c, d, e, f; "g" is not one of them');
      expect(() => plannedControlPlaneSubnet("10.0.0.0/16", "g")).toThrow(/slots for AZ letters a, b, c, d, e, f; "g"/);
    });
  });

  describe("a /16 VPC", () => {
    it("gives each AZ a /19 private subnet sized for EKS pods", () => {
      expect(["a", "b", "c"].map((l) => plannedSubnet("10.130.0.0/16", "private", l))).toEqual(["10.130.0.0/19", "10.130.32.0/19", "10.130.64.0/19"]);
    });

    it("puts public and persistence /22s in the last quarter", () => {
      expect(plannedSubnet("10.130.0.0/16", "public", "a")).toBe("10.130.192.0/22");
      expect(plannedSubnet("10.130.0.0/16", "persistence", "c")).toBe("10.130.232.0/22");
    });

    it("places an AZ by its letter alone: us-east-1d's subnets are the fourth of each tier", () => {
      expect(SUBNET_TIERS.map((tier) => plannedSubnet("10.130.0.0/16", tier, "d"))).toEqual(["10.130.204.0/22", "10.130.96.0/19", "10.130.236.0/22"]);
      expect(plannedControlPlaneSubnet("10.130.0.0/16", "d")).toBe("10.130.216.48/28");
    });
  });

  describe("control-plane subnets", () => {
    it("gives each AZ of a /16 a /28 at the start of the free /22 after the public tier", () => {
      expect(["a", "b", "c"].map((l) => plannedControlPlaneSubnet("10.130.0.0/16", l))).toEqual(["10.130.216.0/28", "10.130.216.16/28", "10.130.216.32/28"]);
    });

    it("keeps them /28 in smaller VPCs, inside the same slot", () => {
      expect(plannedControlPlaneSubnet("10.0.0.0/19", "b")).toBe("10.0.27.16/28");
      expect(plannedControlPlaneSubnet("10.0.0.0/21", "b")).toBe("10.0.6.208/28");
      expect(plannedControlPlaneSubnet("10.0.0.0/22", "a")).toBe("10.0.3.96/28");
    });

    it("has 2^(22 - prefix) slots per VPC size", () => {
      expect([16, 19, 20, 21, 22].map(controlPlaneSlots)).toEqual([64, 8, 4, 2, 1]);
    });

    it("serves the first letters only in a VPC with fewer slots than letters", () => {
      expect([16, 19, 20, 21, 22].map((prefix) => controlPlaneLetters(prefix).join(""))).toEqual(["abcdef", "abcdef", "abcd", "ab", "a"]);
    });

    it("refuses a letter beyond the slots of a small VPC rather than lend it another letter's /28, naming the letters that fit", () => {
      expect(() => plannedControlPlaneSubnet("10.0.0.0/21", "c")).toThrow('a /21 VPC has room for planned control-plane subnets in AZs a, b only; "c" is not one of them');
      expect(() => plannedControlPlaneSubnet("10.0.0.0/22", "b")).toThrow(/a \/22 VPC has room for planned control-plane subnets in AZ a only/);
    });
  });

  describe("transit-gateway attachment subnets", () => {
    it("gives each AZ of a /16 a /28 in the free /22 after the control plane's", () => {
      expect(["a", "b", "c"].map((l) => plannedTransitGatewaySubnet("10.130.0.0/16", l))).toEqual(["10.130.220.0/28", "10.130.220.16/28", "10.130.220.32/28"]);
    });

    it("keeps them /28 in smaller VPCs, in the 64th after the control plane's", () => {
      expect(plannedTransitGatewaySubnet("10.0.0.0/19", "b")).toBe("10.0.27.144/28");
      expect(plannedTransitGatewaySubnet("10.0.0.0/21", "b")).toBe("10.0.6.240/28");
      expect(plannedTransitGatewaySubnet("10.0.0.0/22", "a")).toBe("10.0.3.112/28");
    });

    it("serves the same letters as the control plane in every VPC size", () => {
      expect([16, 19, 20, 21, 22].map((prefix) => transitGatewayLetters(prefix).join(""))).toEqual(["abcdef", "abcdef", "abcd", "ab", "a"]);
    });

    it("refuses a letter beyond the slots of a small VPC, naming the letters that fit", () => {
      expect(() => plannedTransitGatewaySubnet("10.0.0.0/21", "c")).toThrow('a /21 VPC has room for planned transit-gateway attachment subnets in AZs a, b only; "c" is not one of them');
      expect(() => plannedTransitGatewaySubnet("10.0.0.0/16", "g")).toThrow(/slots for AZ letters a, b, c, d, e, f; "g"/);
    });
  });

  describe("a file whose AZs are a, b, c... in order", () => {
    it.each(Object.keys(POSITIONAL_PLAN))("keeps the CIDRs the position-keyed plan gave a %s", (vpc) => {
      const before = POSITIONAL_PLAN[vpc];
      for (const tier of SUBNET_TIERS) expect(PLANNED_AZ_LETTERS.map((l) => plannedSubnet(vpc, tier, l))).toEqual(before[tier]);
      expect(controlPlaneLetters(cidr(vpc).prefix).map((l) => plannedControlPlaneSubnet(vpc, l))).toEqual(before.controlPlane);
    });
  });

  describe("any supported VPC size", () => {
    /** Every planned subnet of a VPC: each tier's for every letter, and the control plane's of every letter the VPC serves. */
    const allPlanned = (vpc: string, prefix: number) => [
      ...SUBNET_TIERS.flatMap((tier) => PLANNED_AZ_LETTERS.map((l) => plannedSubnet(vpc, tier, l))),
      ...controlPlaneLetters(prefix).map((l) => plannedControlPlaneSubnet(vpc, l)),
      ...transitGatewayLetters(prefix).map((l) => plannedTransitGatewaySubnet(vpc, l)),
    ];

    it.each([16, 17, 18, 19, 20, 21, 22])("never overlaps two subnets of a /%i, control-plane and attachment subnets included", (prefix) => {
      const vpc = `10.0.0.0/${prefix}`;
      const all = allPlanned(vpc, prefix);
      expect(all.length).toBe(3 * PLANNED_AZ_LETTERS.length + 2 * Math.min(controlPlaneSlots(prefix), PLANNED_AZ_LETTERS.length));
      for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i], all[j])).toBe(false);
    });
  });
});
