import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { TerraformOutput, Testing } from "cdktf";
import { LandingZoneStack } from "../../src/stacks/landing-zone-stack";
import { StateKey, type StateKeyProps } from "../../src/state/state-key";

const props: StateKeyProps = {
  aliasName: "alias/acme-terraform-state",
  accountId: "111111111111",
  partition: "aws",
  region: "eu-west-1",
  bucketArn: "arn:aws:s3:::acme-terraform-state",
};

/** The synthesized key policy's statements. */
function statements(out: string): any[] {
  return Object.values<any>(JSON.parse(out).data.aws_iam_policy_document)[0].statement;
}

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

    it("separates administration (the account, no cryptographic use) from use through S3 for the state bucket's objects", () => {
      const [admin, use, ...rest] = statements(out);
      expect(rest).toEqual([]);
      expect(admin.sid).toBe("AccountAdministersKey");
      expect(admin.principals).toEqual([{ type: "AWS", identifiers: ["arn:aws:iam::111111111111:root"] }]);
      expect(admin.actions).not.toContain("kms:*");
      expect(admin.actions.filter((a: string) => /Encrypt|Decrypt|GenerateDataKey|CreateGrant/.test(a))).toEqual([]);
      expect(use.sid).toBe("AccountUsesKeyThroughS3");
      expect(use.condition).toContainEqual({ test: "StringLike", variable: "kms:EncryptionContext:aws:s3:arn", values: ["arn:aws:s3:::acme-terraform-state", "arn:aws:s3:::acme-terraform-state/*"] });
    });

    it("names no principal restriction when no users are given", () => {
      expect(statements(out)[1].condition.map((c: any) => c.variable)).not.toContain("aws:PrincipalArn");
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
        statement: expect.arrayContaining([expect.objectContaining({ principals: [{ type: "AWS", identifiers: ["arn:aws-us-gov:iam::111111111111:root"] }] })]),
      });
    });
  });

  describe("encrypting a DynamoDB lock table, for named users", () => {
    const { synth: out } = synth({ ...props, encryptsLockTable: true, userArnPatterns: ["arn:aws:iam::111111111111:role/acme-*-state"] });

    it("adds use through DynamoDB, and both uses admit only the named principals", () => {
      const [, s3, dynamodb] = statements(out);
      expect(dynamodb.sid).toBe("AccountUsesKeyThroughDynamoDb");
      for (const s of [s3, dynamodb]) {
        expect(s.condition).toContainEqual({ test: "ArnLike", variable: "aws:PrincipalArn", values: ["arn:aws:iam::111111111111:role/acme-*-state"] });
      }
    });
  });
});
