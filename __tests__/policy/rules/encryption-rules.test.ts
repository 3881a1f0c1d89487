import { evaluateStack } from "../../../src/policy/engine";
import { encryptionRules } from "../../../src/policy/rules/encryption-rules";
import { itChecksEveryRuleAgainstItsFixtures, stack, type RuleCases } from "../../../test-helpers/policy-fixtures";

const accountRoot = { sid: "Account", effect: "Allow", actions: ["kms:*"], resources: ["*"], principals: [{ type: "AWS", identifiers: ["arn:aws:iam::111111111111:root"] }] };
const logsUse = {
  sid: "Logs",
  effect: "Allow",
  actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
  resources: ["*"],
  principals: [{ type: "Service", identifiers: ["logs.us-east-1.amazonaws.com"] }],
};
const keyWithPolicy = (statements: unknown[]): [string, string, Record<string, unknown>][] => [
  ["data.aws_iam_policy_document", "key-policy", { statement: statements }],
  ["aws_kms_key", "logs", { enable_key_rotation: true, policy: "${data.aws_iam_policy_document.key-policy.json}" }],
];
const logGroup = (body: Record<string, unknown>): [string, string, Record<string, unknown>] => [
  "aws_cloudwatch_log_group",
  "lg",
  { name: "/aws/vpc/flow-logs", retention_in_days: 365, kms_key_id: "${aws_kms_key.logs.arn}", ...body },
];

const cases: RuleCases = {
  CKV_AWS_7: {
    fail: [stack(["aws_kms_key", "k", {}]), stack(["aws_kms_key", "k", { enable_key_rotation: false }])],
    pass: stack(["aws_kms_key", "k", { enable_key_rotation: true }], ["aws_kms_key", "signing", { customer_master_key_spec: "RSA_2048" }]),
    message: /enable_key_rotation/,
  },
  CKV2_AWS_64: {
    fail: [
      stack(["aws_kms_key", "k", { enable_key_rotation: true }]),
      stack(...keyWithPolicy([{ effect: "Allow", actions: ["kms:Decrypt"], resources: ["*"], principals: [{ type: "AWS", identifiers: ["*"] }] }])),
      stack(["aws_kms_key", "k", { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" }] }) }]),
      stack(["aws_kms_key", "k", { policy: "${data.terraform_remote_state.x.outputs.policy}" }]),
    ],
    pass: stack(
      ...keyWithPolicy([
        accountRoot,
        {
          effect: "Allow",
          actions: ["kms:Decrypt"],
          resources: ["*"],
          principals: [{ type: "AWS", identifiers: ["*"] }],
          condition: [{ test: "StringEquals", variable: "kms:CallerAccount", values: ["111111111111"] }],
        },
      ]),
    ),
    message: /key policy/,
  },
  CKV_AWS_158: {
    fail: [stack(logGroup({ kms_key_id: undefined })), stack(...keyWithPolicy([accountRoot]), logGroup({}))],
    pass: stack(...keyWithPolicy([accountRoot, logsUse]), logGroup({})),
    message: /kms_key_id is not set|logs\.<region>\.amazonaws\.com/,
  },
  CKV_AWS_66: {
    fail: [stack(logGroup({ retention_in_days: undefined })), stack(logGroup({ retention_in_days: 0 })), stack(logGroup({ retention_in_days: 90 }))],
    pass: stack(logGroup({ retention_in_days: 400 })),
    message: /retention_in_days/,
  },
  CKV_AWS_27: {
    fail: [
      stack(["aws_sqs_queue", "q", { name: "acme-production" }]),
      stack(["aws_sqs_queue", "q", { name: "acme-production", sqs_managed_sse_enabled: false }]),
      stack(["aws_sqs_queue", "q", { name: "acme-production", sqs_managed_sse_enabled: false, kms_master_key_id: "" }]),
    ],
    pass: stack(
      ["aws_sqs_queue", "sse", { name: "acme-production", sqs_managed_sse_enabled: true }],
      ["aws_sqs_queue", "cmk", { name: "acme-development", kms_master_key_id: "${aws_kms_key.queues.arn}" }],
    ),
    message: /not encrypted at rest/,
  },
  CKV_AWS_106: {
    fail: [stack(["aws_vpc", "vpc", {}]), stack(["aws_vpc", "vpc", {}], ["aws_ebs_encryption_by_default", "e", { enabled: false }])],
    pass: stack(["aws_vpc", "vpc", {}], ["aws_ebs_encryption_by_default", "e", { enabled: true }]),
    message: /aws_ebs_encryption_by_default|enabled is false/,
  },
};

describe("encryptionRules", () => {
  itChecksEveryRuleAgainstItsFixtures(encryptionRules, cases);

  describe("CKV_AWS_66 when the model lowers the retention of a stack", () => {
    const rule = encryptionRules.filter((r) => r.id === "CKV_AWS_66");
    const json = stack(logGroup({ retention_in_days: 90 }));

    it("accepts the lowered retention in that stack only", () => {
      const options = { minLogRetentionDays: (s: string) => (s === "development" ? 90 : 365) };
      expect(evaluateStack("development", json, rule, options)).toEqual([]);
      expect(evaluateStack("production", json, rule, options)).toHaveLength(1);
    });
  });

  describe("CKV_AWS_106 when environments share an account and region", () => {
    const rule = encryptionRules.filter((r) => r.id === "CKV_AWS_106");
    const options = { accountSettingsStack: (s: string) => (s === "production" ? "development" : s) };

    it("leaves the setting to the owning stack and holds that stack to it", () => {
      expect(evaluateStack("production", stack(["aws_vpc", "vpc", {}]), rule, options)).toEqual([]);
      expect(evaluateStack("development", stack(["aws_vpc", "vpc", {}]), rule, options)).toHaveLength(1);
    });

    it("flags a second copy in a stack that does not own it", () => {
      const json = stack(["aws_vpc", "vpc", {}], ["aws_ebs_encryption_by_default", "e", { enabled: true }]);
      expect(evaluateStack("production", json, rule, options)).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/stack development owns this account's settings; a second copy here/) }),
      ]);
    });
  });

  describe("CKV_AWS_158 with a key of another stack", () => {
    it("accepts a cross-stack key reference, whose policy is checked where the key lives", () => {
      const json = stack(logGroup({ kms_key_id: "${data.terraform_remote_state.network.outputs.key_arn}" }));
      expect(evaluateStack("test", json, encryptionRules.filter((r) => r.id === "CKV_AWS_158"))).toEqual([]);
    });
  });
});
