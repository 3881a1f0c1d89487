import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { TerraformOutput, Testing } from "cdktf";
import { LandingZoneStack } from "../../src/stacks/landing-zone-stack";
import { StateKey, type StateKeyProps } from "../../src/state/state-key";

const props: StateKeyProps = { aliasName: "alias/acme-terraform-state", accountId: "111111111111", partition: "aws" };

function synth(p: StateKeyProps = props): { synth: string; key: StateKey } {
  const stack = new LandingZoneStack(Testing.app(), "test");
  const key = new StateKey(stack, "state-key", p);
  new TerraformOutput(stack, "arn", { value: key.keyArn });
  return { synth: Testing.synth(stack), key };
}

describe("StateKey", () => {
  describe("with the default props", () => {
    const { synth: out, key } = synth();

    it("rotates the key", () => {
      expect(out).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
    });

    it("waits 30 days before a scheduled deletion and cannot be destroyed by Terraform", () => {
      expect(out).toHaveResourceWithProperties(KmsKey, { deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    });

    it("has an explicit key policy from the policy document", () => {
      expect(out).toHaveResourceWithProperties(KmsKey, { policy: "${data.aws_iam_policy_document.state-key_policy.json}" });
    });

    it("lets the owning account's root administer the key and names no wildcard principal", () => {
      expect(out).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: [
          expect.objectContaining({
            effect: "Allow",
            principals: [{ type: "AWS", identifiers: ["arn:aws:iam::111111111111:root"] }],
            actions: ["kms:*"],
          }),
        ],
      });
    });

    it("names the key by its alias", () => {
      expect(out).toHaveResourceWithProperties(KmsAlias, {
        name: "alias/acme-terraform-state",
        target_key_id: "${aws_kms_key.state-key_key.key_id}",
      });
    });

    it("exposes the key ARN and the alias", () => {
      expect(JSON.parse(out).output.arn.value).toBe("${aws_kms_key.state-key_key.arn}");
      expect(key.aliasName).toBe("alias/acme-terraform-state");
    });
  });

  describe("with a description and a shorter deletion window", () => {
    const { synth: out } = synth({ ...props, description: "test key", deletionWindowInDays: 7 });

    it("uses them", () => {
      expect(out).toHaveResourceWithProperties(KmsKey, { description: "test key", deletion_window_in_days: 7 });
    });
  });

  describe("in another partition", () => {
    const { synth: out } = synth({ ...props, partition: "aws-us-gov" });

    it("names the root principal in that partition", () => {
      expect(out).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: [expect.objectContaining({ principals: [{ type: "AWS", identifiers: ["arn:aws-us-gov:iam::111111111111:root"] }] })],
      });
    });
  });
});
