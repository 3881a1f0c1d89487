import { S3Backend, Testing } from "cdktf";
import { loadOrgFile } from "../../src/model/load";
import type { StateConfig } from "../../src/model/org";
import { LandingZoneStack } from "../../src/stacks/landing-zone-stack";
import { addS3Backend, stateKmsKeyId } from "../../src/stacks/s3-backend";
import { loadChanged } from "../../test-helpers/model-fixtures";

/** The synthesized `terraform.backend.s3` block of a stack with only the backend. */
function backendOf(state: StateConfig, key: string): Record<string, unknown> {
  const stack = new LandingZoneStack(Testing.app(), "test");
  addS3Backend(stack, state, key);
  return JSON.parse(Testing.synth(stack)).terraform.backend.s3;
}

describe("addS3Backend", () => {
  describe("with the default organization (lockfile locking, ambient credentials)", () => {
    const state = loadOrgFile().state;
    const backend = backendOf(state, "production/network-cluster.tfstate");

    it("returns the stack's S3Backend", () => {
      const stack = new LandingZoneStack(Testing.app(), "test");
      expect(addS3Backend(stack, state, "k.tfstate")).toBeInstanceOf(S3Backend);
    });

    it("stores the state in the state bucket and region under the stack's key", () => {
      expect(backend).toMatchObject({ bucket: "acme-terraform-state", region: "us-east-1", key: "production/network-cluster.tfstate" });
    });

    it("gives every stack its own key", () => {
      expect(backendOf(state, "development/platform.tfstate").key).toBe("development/platform.tfstate");
      expect(backendOf(state, "peering/peering.tfstate").key).toBe("peering/peering.tfstate");
    });

    it("encrypts with the state key, named by its alias", () => {
      expect(backend.encrypt).toBe(true);
      expect(backend.kms_key_id).toBe("alias/acme-terraform-state");
    });

    it("locks with the S3 native lockfile and no DynamoDB table", () => {
      expect(backend.use_lockfile).toBe(true);
      expect(backend).not.toHaveProperty("dynamodb_table");
    });

    it("assumes no role", () => {
      expect(backend).not.toHaveProperty("assume_role");
      expect(backend).not.toHaveProperty("role_arn");
    });
  });

  describe("with locking: dynamodb", () => {
    const state = loadChanged((f) => {
      f.state.locking = "dynamodb";
    }).state;
    const backend = backendOf(state, "management/network-cluster.tfstate");

    it("locks with the DynamoDB table and sets no use_lockfile", () => {
      expect(backend.dynamodb_table).toBe("acme-terraform-locks");
      expect(backend).not.toHaveProperty("use_lockfile");
    });

    it("still encrypts", () => {
      expect(backend.encrypt).toBe(true);
    });
  });

  describe("with a state account", () => {
    const state = loadChanged((f) => {
      f.state.accountId = "444444444444";
    }).state;
    const backend = backendOf(state, "management/network-cluster.tfstate");

    it("assumes the state role", () => {
      expect(backend.assume_role).toEqual({ role_arn: state.roleArn, session_name: "cdktf-landing-zone-state" });
      expect(state.roleArn).toMatch(/^arn:aws:iam::444444444444:role\//);
    });

    it("names the key by its alias ARN in the state account", () => {
      expect(backend.kms_key_id).toBe("arn:aws:kms:us-east-1:444444444444:alias/acme-terraform-state");
    });
  });

  describe("with an explicit state.roleArn", () => {
    const state = loadChanged((f) => {
      f.state.roleArn = "arn:aws:iam::555555555555:role/state-writer";
    }).state;

    it("assumes that role", () => {
      expect(backendOf(state, "k.tfstate").assume_role).toEqual({
        role_arn: "arn:aws:iam::555555555555:role/state-writer",
        session_name: "cdktf-landing-zone-state",
      });
    });
  });
});

describe("stateKmsKeyId", () => {
  describe("in a GovCloud region with a state account", () => {
    it("uses the region's partition in the alias ARN", () => {
      const state = { ...loadOrgFile().state, region: "us-gov-west-1", accountId: "444444444444" };
      expect(stateKmsKeyId(state)).toBe("arn:aws-us-gov:kms:us-gov-west-1:444444444444:alias/acme-terraform-state");
    });
  });
});
