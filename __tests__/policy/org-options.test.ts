import { CLUSTER_ADDRESS, modelExceptionsFor, policyOptionsFor } from "../../src/policy/org-options";
import { loadChanged } from "../../test-helpers/model-fixtures";

describe("policyOptionsFor", () => {
  describe("the default organization", () => {
    it("holds every stack to 365 days of log retention", () => {
      const { minLogRetentionDays } = policyOptionsFor(loadChanged());
      expect(["state", "management", "production", "production-platform", "peering"].map((s) => minLogRetentionDays!(s))).toEqual([365, 365, 365, 365, 365]);
    });
  });

  describe("an environment that lowers its retention", () => {
    it("lowers the floor of that environment's stacks only", () => {
      const org = loadChanged((file) => {
        file.environments.development.logRetentionDays = 90;
      });
      const { minLogRetentionDays } = policyOptionsFor(org);
      expect(minLogRetentionDays!("development")).toBe(90);
      expect(minLogRetentionDays!("development-platform")).toBe(90);
      expect(minLogRetentionDays!("production")).toBe(365);
    });
  });

  describe("environments that share an account and region", () => {
    it("names the one stack that owns their account-wide settings", () => {
      const org = loadChanged((file) => {
        file.environments.production.accountId = file.environments.development.accountId;
      });
      const { accountSettingsStack } = policyOptionsFor(org);
      expect(["development", "production", "management", "peering"].map((s) => accountSettingsStack!(s))).toEqual([
        "development",
        "development",
        "management",
        "peering",
      ]);
    });
  });

  describe("deletion protection", () => {
    it("protects every stack unless its environment lifts it", () => {
      const { deletionProtection } = policyOptionsFor(loadChanged((f) => (f.environments.development.deletionProtection = false)));
      expect(["development", "production", "management", "state"].map((s) => deletionProtection!(s))).toEqual([false, true, true, true]);
    });
  });
});

describe("modelExceptionsFor", () => {
  it("records nothing when no cluster has a public endpoint", () => {
    expect(modelExceptionsFor(loadChanged())).toEqual([]);
  });

  it("records the listed AWS-0040 exception for each cluster with publicAccessCidrs, scoped to its cluster in its stack", () => {
    const org = loadChanged((f) => (f.environments.development.eks.publicAccessCidrs = ["198.51.100.7/32"]));
    expect(modelExceptionsFor(org)).toEqual([
      {
        rule: "AWS-0040",
        stack: "development",
        resource: CLUSTER_ADDRESS,
        rationale:
          "environments.development.eks.publicAccessCidrs opens the public API endpoint to 198.51.100.7/32 only (the operator's opt-in in the environments file) (AWS-0040/AWS-0041, recorded by environments.development.eks.publicAccessCidrs)",
        source: "environments.development.eks.publicAccessCidrs",
      },
    ]);
  });
});
