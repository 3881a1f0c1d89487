import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App, S3Backend, TerraformLocal, TerraformOutput, Testing } from "cdktf";
import { loadOrgFile } from "../../src/model/load";
import type { StateConfig } from "../../src/model/org";
import { LandingZoneStack } from "../../src/stacks/landing-zone-stack";
import { addS3Backend, stateKmsKeyId, stateRoleArnFor } from "../../src/stacks/s3-backend";
import { loadChanged } from "../../test-helpers/model-fixtures";

/** The synthesized `terraform.backend.s3` block of a stack with only the backend. */
function backendOf(state: StateConfig, key: string): Record<string, any> {
  const stack = new LandingZoneStack(Testing.app(), "test");
  addS3Backend(stack, state, key);
  return JSON.parse(Testing.synth(stack)).terraform.backend.s3;
}

/** The state of an organization that keeps today's single principal: no state account, isolation shared. */
function sharedState(change: (file: any) => void = () => undefined): StateConfig {
  return loadChanged((f) => {
    delete f.state.accountId;
    f.state.isolation = "shared";
    f.state.breakGlassPrincipal = "arn:aws:iam::111111111111:role/break-glass";
    change(f);
  }).state;
}

describe("addS3Backend", () => {
  describe("with the default organization (per-stack isolation)", () => {
    const state = loadOrgFile().state;

    it("assumes the stack's own backend role in the state account", () => {
      expect(backendOf(state, "production/network-cluster.tfstate").assume_role).toEqual({
        role_arn: "arn:aws:iam::111111111111:role/acme-production-state",
        session_name: "cdktf-landing-zone-state",
      });
      expect(backendOf(state, "development/platform.tfstate").assume_role.role_arn).toBe("arn:aws:iam::111111111111:role/acme-development-platform-state");
      expect(backendOf(state, "peering/peering.tfstate").assume_role.role_arn).toBe("arn:aws:iam::111111111111:role/acme-peering-state");
    });

    it("keeps the state stack's own key on the state account's deploy role, which applies the state stack", () => {
      expect(backendOf(state, "state/state.tfstate").assume_role.role_arn).toBe("arn:aws:iam::111111111111:role/OrganizationAccountAccessRole");
    });

    it("names the key by its alias ARN in the state account", () => {
      expect(backendOf(state, "production/network-cluster.tfstate").kms_key_id).toBe("arn:aws:kms:us-east-1:111111111111:alias/acme-terraform-state");
    });
  });

  describe("a cross-stack reference between two stacks of the organization", () => {
    const state = loadOrgFile().state;
    const app = new App({ outdir: Testing.app().outdir, skipValidation: true });
    const writer = new LandingZoneStack(app, "development");
    addS3Backend(writer, state, "development/network-cluster.tfstate");
    const reader = new LandingZoneStack(app, "development-platform");
    addS3Backend(reader, state, "development/platform.tfstate");
    const endpoint = new TerraformLocal(writer, "endpoint", "https://example");
    new TerraformOutput(reader, "copy", { value: endpoint.asString });
    app.synth();
    const synthesized = JSON.parse(readFileSync(join(app.outdir, "stacks", "development-platform", "cdk.tf.json"), "utf8"));
    const remote = synthesized.data.terraform_remote_state["cross-stack-reference-input-development"];

    it("reads the writer's key", () => {
      expect(remote.config.key).toBe("development/network-cluster.tfstate");
    });

    it("assumes the reader's role, which may only read that key, not the writer's, which may write it", () => {
      expect(remote.config.assume_role.role_arn).toBe("arn:aws:iam::111111111111:role/acme-development-platform-state");
    });
  });

  describe("with isolation shared and no state account (lockfile locking, ambient credentials)", () => {
    const state = sharedState();
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
    const state = sharedState((f) => {
      f.state.locking = "dynamodb";
    });
    const backend = backendOf(state, "management/network-cluster.tfstate");

    it("locks with the DynamoDB table and sets no use_lockfile", () => {
      expect(backend.dynamodb_table).toBe("acme-terraform-locks");
      expect(backend).not.toHaveProperty("use_lockfile");
    });

    it("still encrypts", () => {
      expect(backend.encrypt).toBe(true);
    });
  });

  describe("with isolation shared and a state account", () => {
    const state = loadChanged((f) => {
      f.state.accountId = "444444444444";
      f.state.isolation = "shared";
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

  describe("with isolation shared and an explicit state.roleArn", () => {
    const state = sharedState((f) => {
      f.state.roleArn = "arn:aws:iam::555555555555:role/state-writer";
    });

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

describe("stateRoleArnFor", () => {
  it("is the stack's role for a key the model isolates, else state.roleArn", () => {
    const state = loadOrgFile().state;
    expect(stateRoleArnFor(state, "management/network-cluster.tfstate")).toBe("arn:aws:iam::111111111111:role/acme-management-state");
    expect(stateRoleArnFor(state, "some/other.tfstate")).toBe(state.roleArn);
  });

  it("is state.roleArn for every key with isolation shared", () => {
    const state = loadChanged((f) => (f.state.isolation = "shared")).state;
    expect(stateRoleArnFor(state, "management/network-cluster.tfstate")).toBe("arn:aws:iam::111111111111:role/OrganizationAccountAccessRole");
  });
});
