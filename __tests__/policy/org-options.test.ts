import { policyOptionsFor } from "../../src/policy/org-options";
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
});
