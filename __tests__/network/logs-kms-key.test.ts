import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Testing } from "cdktf";
import { KEY_ADMINISTRATION_ACTIONS, LogsKmsKey } from "../../src/network/logs-kms-key";

const props = {
  namePrefix: "acme-production",
  accountId: "222222222222",
  partition: "aws",
  region: "us-east-1",
  logGroupNames: ["/aws/vpc/acme-production/flow-logs", "/aws/eks/acme-production/cluster"],
};

/** The statements of the one policy document of a synthesized LogsKmsKey. */
function statements(synth: string): { sid: string; actions: string[]; principals: { identifiers: string[] }[] }[] {
  return (Object.values(JSON.parse(synth).data.aws_iam_policy_document)[0] as { statement: any[] }).statement;
}

describe("LogsKmsKey", () => {
  describe("with the defaults", () => {
    const synth = Testing.synthScope((scope) => new LogsKmsKey(scope, "logs-kms-key", props));

    it("creates a rotating key with an explicit policy, a 30-day deletion window and prevent_destroy", () => {
      expect(synth).toHaveResourceWithProperties(KmsKey, {
        enable_key_rotation: true,
        deletion_window_in_days: 30,
        policy: expect.stringMatching(/^\$\{data\.aws_iam_policy_document\..*\.json\}$/),
        lifecycle: { prevent_destroy: true },
      });
    });

    it("names the key through the alias prefix-logs", () => {
      expect(synth).toHaveResourceWithProperties(KmsAlias, {
        name: "alias/acme-production-logs",
        target_key_id: expect.stringMatching(/^\$\{aws_kms_key\..*\.key_id\}$/),
      });
    });

    it("lets the account root administer the key, with the administration actions only", () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: expect.arrayContaining([
          expect.objectContaining({
            effect: "Allow",
            principals: [{ type: "AWS", identifiers: ["arn:aws:iam::222222222222:root"] }],
            actions: [...KEY_ADMINISTRATION_ACTIONS],
            resources: ["*"],
          }),
        ]),
      });
    });

    it("gives no principal kms:* and the administrator no cryptographic action", () => {
      const all = statements(synth);
      expect(all.flatMap((st) => st.actions)).not.toContain("kms:*");
      const admin = all.find((st) => st.sid === "AccountAdministersKey")!;
      for (const use of ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:GenerateDataKey", "kms:CreateGrant"]) {
        expect(admin.actions.some((a) => new RegExp(`^${a.replace(/\*/g, ".*")}$`).test(use))).toBe(false);
      }
    });

    it("lets CloudWatch Logs of the region use the key for the named log groups only", () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: expect.arrayContaining([
          expect.objectContaining({
            principals: [{ type: "Service", identifiers: ["logs.us-east-1.amazonaws.com"] }],
            actions: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            condition: [
              {
                test: "ArnLike",
                variable: "kms:EncryptionContext:aws:logs:arn",
                values: [
                  "arn:aws:logs:us-east-1:222222222222:log-group:/aws/vpc/acme-production/flow-logs",
                  "arn:aws:logs:us-east-1:222222222222:log-group:/aws/eks/acme-production/cluster",
                ],
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
            condition: [
              expect.objectContaining({
                values: [
                  "arn:aws-us-gov:logs:us-gov-west-1:222222222222:log-group:/aws/vpc/acme-production/flow-logs",
                  "arn:aws-us-gov:logs:us-gov-west-1:222222222222:log-group:/aws/eks/acme-production/cluster",
                ],
              }),
            ],
          }),
        ]),
      });
    });
  });

  describe("with deletionProtection false", () => {
    it("lifts prevent_destroy and keeps the 30-day window", () => {
      const synth = Testing.synthScope((scope) => new LogsKmsKey(scope, "k", { ...props, deletionProtection: false }));
      expect(synth).toHaveResourceWithProperties(KmsKey, { deletion_window_in_days: 30, lifecycle: { prevent_destroy: false } });
    });
  });

  describe("with log group names that name every log group", () => {
    it.each([[["*"]], [[]]])("refuses %j", (logGroupNames) => {
      expect(() => Testing.synthScope((scope) => new LogsKmsKey(scope, "k", { ...props, logGroupNames }))).toThrow(
        logGroupNames.length ? 'logGroupNames contains "*", every log group of the account; name the environment\'s log groups' : "logGroupNames is empty",
      );
    });
  });
});
