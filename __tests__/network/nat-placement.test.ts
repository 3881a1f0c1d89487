import { planNatGateways } from "../../src/network/nat-placement";

describe("planNatGateways", () => {
  const azs = ["a", "b", "c"];

  describe("with perAz", () => {
    const plan = planNatGateways(azs, "perAz", false);

    it("places one NAT gateway in every AZ, in AZ order", () => {
      expect(plan.gatewayAzSuffixes).toEqual(["a", "b", "c"]);
    });

    it("routes each AZ's private table through the NAT of its own AZ", () => {
      expect(plan.privateRoutes).toEqual([
        { azSuffix: "a", natAzSuffix: "a" },
        { azSuffix: "b", natAzSuffix: "b" },
        { azSuffix: "c", natAzSuffix: "c" },
      ]);
    });

    it("gives the persistence tables no default route", () => {
      expect(plan.persistenceRoutes).toEqual([{ azSuffix: "a" }, { azSuffix: "b" }, { azSuffix: "c" }]);
      expect(plan.persistenceRoutes.every((r) => r.natAzSuffix === undefined)).toBe(true);
    });
  });

  describe("with single", () => {
    const plan = planNatGateways(azs, "single", false);

    it("places one NAT gateway in the first AZ", () => {
      expect(plan.gatewayAzSuffixes).toEqual(["a"]);
    });

    it("routes every AZ's private table through that NAT", () => {
      expect(plan.privateRoutes.map((r) => r.natAzSuffix)).toEqual(["a", "a", "a"]);
    });

    it("places it in the AZ whose suffix sorts first, whatever the list order, so a reorder never moves it", () => {
      expect(planNatGateways(["c", "a"], "single", false).gatewayAzSuffixes).toEqual(["a"]);
      expect(planNatGateways(["c", "b", "d"], "single", false).privateRoutes.map((r) => r.natAzSuffix)).toEqual(["b", "b", "b"]);
    });
  });

  describe("with none", () => {
    const plan = planNatGateways(azs, "none", false);

    it("places no NAT gateway", () => {
      expect(plan.gatewayAzSuffixes).toEqual([]);
    });

    it("gives the private tables no default route", () => {
      expect(plan.privateRoutes).toEqual([{ azSuffix: "a", natAzSuffix: undefined }, { azSuffix: "b", natAzSuffix: undefined }, { azSuffix: "c", natAzSuffix: undefined }]);
    });
  });

  describe("with persistenceInternetAccess", () => {
    it("routes the persistence tables like the private ones under perAz", () => {
      const plan = planNatGateways(azs, "perAz", true);
      expect(plan.persistenceRoutes).toEqual(plan.privateRoutes);
      expect(plan.persistenceRoutes.map((r) => r.natAzSuffix)).toEqual(["a", "b", "c"]);
    });

    it("routes the persistence tables through the single NAT under single", () => {
      expect(planNatGateways(azs, "single", true).persistenceRoutes.map((r) => r.natAzSuffix)).toEqual(["a", "a", "a"]);
    });

    it("refuses a plan without a NAT to route through", () => {
      expect(() => planNatGateways(azs, "none", true)).toThrow(
        /persistenceInternetAccess needs a NAT gateway.*natGateways is none; set natGateways to single or perAz/,
      );
    });
  });

  describe("with bad AZ lists", () => {
    it("refuses an empty list", () => {
      expect(() => planNatGateways([], "single", false)).toThrow(/at least one availability zone; got none/);
    });

    it("refuses a repeated AZ suffix, naming it", () => {
      expect(() => planNatGateways(["a", "b", "a"], "perAz", false)).toThrow(/distinct AZ suffixes; a appears more than once in \[a, b, a\]/);
    });
  });
});
