import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Testing } from "cdktf";
import { LogsKmsKey } from "../../src/network/logs-kms-key";

const props = { namePrefix: "acme-production", accountId: "222222222222", partition: "aws", region: "us-east-1" };

describe("LogsKmsKey", () => {
  describe("with the defaults", () => {
    const synth = Testing.synthScope((scope) => new LogsKmsKey(scope, "logs-kms-key", props));

    it("creates a rotating key with an explicit policy and a 30-day deletion window", () => {
      expect(synth).toHaveResourceWithProperties(KmsKey, {
        enable_key_rotation: true,
        deletion_window_in_days: 30,
        policy: expect.stringMatching(/^\$\{data\.aws_iam_policy_document\..*\.json\}$/),
      });
    });

    it("names the key through the alias prefix-logs", () => {
      expect(synth).toHaveResourceWithProperties(KmsAlias, {
        name: "alias/acme-production-logs",
        target_key_id: expect.stringMatching(/^\$\{aws_kms_key\..*\.key_id\}$/),
      });
    });

    it("lets the account root administer the key", () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: expect.arrayContaining([
          expect.objectContaining({
            effect: "Allow",
            principals: [{ type: "AWS", identifiers: ["arn:aws:iam::222222222222:root"] }],
            actions: ["kms:*"],
            resources: ["*"],
          }),
        ]),
      });
    });

    it("lets CloudWatch Logs of the region use the key for this account's log groups only", () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: expect.arrayContaining([
          expect.objectContaining({
            principals: [{ type: "Service", identifiers: ["logs.us-east-1.amazonaws.com"] }],
            actions: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            condition: [
              {
                test: "ArnLike",
                variable: "kms:EncryptionContext:aws:logs:arn",
                values: ["arn:aws:logs:us-east-1:222222222222:log-group:*"],
              },
            ],
          }),
        ]),
      });
    });

    it("has no statement for a wildcard principal", () => {
      const doc = Object.values(JSON.parse(synth).data.aws_iam_policy_document)[0] as { statement: { principals: { identifiers: string[] }[] }[] };
      const identifiers = doc.statement.flatMap((s) => s.principals.flatMap((p) => p.identifiers));
      expect(identifiers).not.toContain("*");
    });
  });

  describe("in another partition", () => {
    it("builds the root and log-group ARNs in that partition", () => {
      const synth = Testing.synthScope((scope) => new LogsKmsKey(scope, "k", { ...props, partition: "aws-us-gov", region: "us-gov-west-1" }));
      expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: expect.arrayContaining([
          expect.objectContaining({ principals: [{ type: "AWS", identifiers: ["arn:aws-us-gov:iam::222222222222:root"] }] }),
          expect.objectContaining({
            condition: [expect.objectContaining({ values: ["arn:aws-us-gov:logs:us-gov-west-1:222222222222:log-group:*"] })],
          }),
        ]),
      });
    });
  });

  describe("with a deletion window", () => {
    it("uses it", () => {
      const synth = Testing.synthScope((scope) => new LogsKmsKey(scope, "k", { ...props, deletionWindowInDays: 7 }));
      expect(synth).toHaveResourceWithProperties(KmsKey, { deletion_window_in_days: 7 });
    });
  });
});
