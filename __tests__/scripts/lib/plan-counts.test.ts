import { compareCounts, countPlannedChanges, describeMismatches, unassertedTypes, type PlanJson } from "../../../scripts/lib/plan-counts";

const change = (address: string, actions: string[], mode: "managed" | "data" = "managed") => ({
  address,
  mode,
  type: address.replace(/^data\./, "").split(".")[0],
  change: { actions },
});

describe("countPlannedChanges", () => {
  describe("a plan on empty state", () => {
    const plan: PlanJson = {
      resource_changes: [
        change("aws_subnet.public-subnet-a", ["create"]),
        change("aws_subnet.public-subnet-b", ["create"]),
        change("aws_vpc.network_vpc", ["create"]),
        change("data.aws_iam_policy_document.trust", ["read"], "data"),
      ],
    };
    const counts = countPlannedChanges(plan);

    it("counts the creates per resource type", () => {
      expect(counts.creates).toEqual({ aws_subnet: 2, aws_vpc: 1 });
      expect(counts.toAdd).toBe(3);
    });

    it("reports data sources deferred to apply separately, with their type", () => {
      expect(counts.deferredReads).toEqual([{ address: "data.aws_iam_policy_document.trust", type: "aws_iam_policy_document" }]);
    });

    it("finds no other change", () => {
      expect(counts.otherChanges).toEqual([]);
    });
  });

  describe("a plan that replaces or updates something", () => {
    const counts = countPlannedChanges({
      resource_changes: [change("aws_vpc.network_vpc", ["delete", "create"]), change("aws_eip.nat", ["update"]), change("aws_route.r", ["no-op"])],
    });

    it("lists them as other changes and does not count them as creates", () => {
      expect(counts.otherChanges).toEqual(["aws_vpc.network_vpc: delete+create", "aws_eip.nat: update"]);
      expect(counts.toAdd).toBe(0);
    });
  });

  describe("a plan without resource changes", () => {
    it("counts nothing", () => {
      expect(countPlannedChanges({})).toEqual({ creates: {}, toAdd: 0, otherChanges: [], deferredReads: [] });
    });
  });
});

describe("compareCounts", () => {
  describe("counts that differ from the expectation", () => {
    const mismatches = compareCounts({ aws_subnet: 9, aws_vpc: 1, aws_nat_gateway: 3 }, { aws_subnet: 6, aws_vpc: 1, aws_iam_role: 4 });

    it("reports each asserted type whose count differs, a missing type as 0", () => {
      expect(mismatches).toEqual([
        { type: "aws_nat_gateway", expected: 3, planned: 0 },
        { type: "aws_subnet", expected: 9, planned: 6 },
      ]);
    });

    it("describes each mismatch in a sentence", () => {
      expect(describeMismatches(mismatches)).toEqual(["aws_nat_gateway: planned 0, the model says 3", "aws_subnet: planned 6, the model says 9"]);
    });
  });

  describe("counts that match", () => {
    it("reports nothing", () => {
      expect(compareCounts({ aws_vpc: 1, aws_eip: 0 }, { aws_vpc: 1 })).toEqual([]);
    });
  });
});

describe("unassertedTypes", () => {
  describe("a plan with types outside the table", () => {
    it("lists them, sorted", () => {
      expect(unassertedTypes({ aws_vpc: 1 }, { aws_vpc: 1, aws_kms_key: 1, aws_iam_role: 2 })).toEqual(["aws_iam_role", "aws_kms_key"]);
    });
  });
});
