import { loadOrgFile } from "../../src/model/load";
import { stateKmsKeyId } from "../../src/stacks/s3-backend";
import { stateObjectGuard } from "../../src/state/key-guards";
import { BUCKET_POLICY_MAX_BYTES, policyJsonBytes, stateBucketPolicyStatements } from "../../src/state/policy-statements";
import { loadChanged } from "../../test-helpers/model-fixtures";

describe("stateObjectGuard", () => {
  describe("for the default organization", () => {
    const org = loadOrgFile();

    it("admits the organization's stack roles by one pattern and gives the state folder to the state stack's deployer", () => {
      expect(stateObjectGuard(org.organization, org.state)).toEqual({
        stackRolePatterns: ["arn:aws:iam::111111111111:role/acme-*-state"],
        deployerFolder: "state/*",
        deployer: "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole",
        deployerEverywhere: false,
      });
    });

    it("matches every stack role the plan names", () => {
      const pattern = new RegExp(`^${stateObjectGuard(org.organization, org.state)!.stackRolePatterns[0].replace(/[.]/g, "\\.").replace("*", ".*")}$`);
      for (const access of org.state.stackAccess!) expect(access.roleArn).toMatch(pattern);
    });
  });

  describe("while upgrading (transition)", () => {
    it("keeps the deployer on every object", () => {
      const org = loadChanged((f) => (f.state.isolation = "transition"));
      expect(stateObjectGuard(org.organization, org.state)?.deployerEverywhere).toBe(true);
    });
  });

  describe("with isolation shared", () => {
    it("guards nothing: every backend is state.roleArn", () => {
      const org = loadChanged((f) => (f.state.isolation = "shared"));
      expect(stateObjectGuard(org.organization, org.state)).toBeUndefined();
    });
  });

  describe("the bucket policy it goes into", () => {
    /** The bucket policy's size, measured as minified IAM JSON, with `extra` more environments with clusters. */
    function policyBytes(extra: number): number {
      const org = loadChanged((f) => {
        for (let i = 0; i < extra; i++) {
          f.environments[`team-${i}`] = { ...structuredClone(f.environments.development), cidr: `10.${10 + i}.0.0/16`, accountId: `4444444444${String(i).padStart(2, "0")}` };
        }
      });
      const keyArn = "arn:aws:kms:us-east-1:111111111111:key/00000000-0000-0000-0000-000000000000";
      return policyJsonBytes(
        stateBucketPolicyStatements("arn:aws:s3:::acme-terraform-state", {
          kmsKeyIds: [keyArn, "00000000-0000-0000-0000-000000000000", stateKmsKeyId(org.state)],
          objectGuard: stateObjectGuard(org.organization, org.state),
          policyAdministrators: [org.state.roleArn!],
        }),
      );
    }

    it("does not grow with the organization, and stays well under S3's 20 KB", () => {
      expect(policyBytes(40)).toBe(policyBytes(0));
      expect(policyBytes(0)).toBeLessThan(BUCKET_POLICY_MAX_BYTES / 4);
    });
  });
});
