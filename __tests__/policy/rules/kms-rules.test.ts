import { evaluateStack } from "../../../src/policy/engine";
import { kmsRules } from "../../../src/policy/rules/kms-rules";
import { itChecksEveryRuleAgainstItsFixtures, stack, type Part, type RuleCases } from "../../../test-helpers/policy-fixtures";

const ROOT = "arn:aws:iam::222222222222:root";
const CLUSTER_ROLE = "${aws_iam_role.eks_cluster-role.arn}";
const ADMIN_ACTIONS = ["kms:DescribeKey", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:TagResource"];

/** The account's statement as the keys had it before issue 11: everything, use included. */
const rootEverything = { sid: "AccountAdministersKey", effect: "Allow", actions: ["kms:*"], resources: ["*"], principals: [{ type: "AWS", identifiers: [ROOT] }] };
const rootAdministers = { ...rootEverything, actions: ADMIN_ACTIONS };
const clusterRoleUses = {
  sid: "ClusterRoleUsesKey",
  effect: "Allow",
  actions: ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey", "kms:ListGrants"],
  resources: ["*"],
  principals: [{ type: "AWS", identifiers: [CLUSTER_ROLE] }],
};
const logsUses = (values: string[] | undefined) => ({
  sid: "CloudWatchLogsUsesKey",
  effect: "Allow",
  actions: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
  resources: ["*"],
  principals: [{ type: "Service", identifiers: ["logs.us-east-1.amazonaws.com"] }],
  ...(values ? { condition: [{ test: "ArnLike", variable: "kms:EncryptionContext:aws:logs:arn", values }] } : {}),
});
const FLOW_LOGS = "arn:aws:logs:us-east-1:222222222222:log-group:/aws/vpc/acme-production/flow-logs";

const key = (statements: unknown[], body: Record<string, unknown> = {}): Part[] => [
  ["data.aws_iam_policy_document", "key-policy", { statement: statements }],
  ["aws_kms_key", "k", { enable_key_rotation: true, policy: "${data.aws_iam_policy_document.key-policy.json}", lifecycle: { prevent_destroy: true }, ...body }],
];
const protectedLog = { lifecycle: { prevent_destroy: true }, skip_destroy: true };

const cases: RuleCases = {
  LZ_KMS_ADMIN_USE_SEPARATE: {
    fail: [
      // Today's EKS secrets key: the account holds kms:* beside a named user.
      stack(...key([rootEverything, clusterRoleUses])),
      // A user with kms:*.
      stack(...key([rootAdministers, { ...clusterRoleUses, actions: ["kms:*"] }])),
      // A service with kms:*.
      stack(...key([rootAdministers, { ...logsUses([FLOW_LOGS]), actions: ["kms:*"] }])),
      // An administering statement that names encryption explicitly.
      stack(...key([{ ...rootAdministers, actions: [...ADMIN_ACTIONS, "kms:Decrypt"] }, clusterRoleUses])),
    ],
    pass: stack(
      ...key([rootAdministers, clusterRoleUses, logsUses([FLOW_LOGS])]),
      // A key whose only principal is the account (the state key): its users are granted through IAM.
      ["aws_kms_key", "state", { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:*", Resource: "*" }] }) }],
    ),
    message: /grants kms:\* to .*only use the key|both administers the key and uses it/,
  },
  LZ_KMS_LOGS_CONTEXT: {
    fail: [
      // Today's logs key: every log group of the account.
      stack(...key([rootAdministers, logsUses(["arn:aws:logs:us-east-1:222222222222:log-group:*"])])),
      stack(...key([rootAdministers, logsUses(undefined)])),
      stack(...key([rootAdministers, logsUses(["*"])])),
    ],
    pass: stack(...key([rootAdministers, logsUses([FLOW_LOGS, "arn:aws:logs:us-east-1:222222222222:log-group:/aws/containerinsights/acme-production/*"])])),
    message: /every log group of the account|any log group/,
  },
  LZ_KMS_DELETION_WINDOW: {
    fail: [stack(["aws_kms_key", "k", { deletion_window_in_days: 7 }])],
    pass: stack(["aws_kms_key", "k", { deletion_window_in_days: 30 }], ["aws_kms_key", "default-window", {}]),
    message: /deletion_window_in_days is 7, not 30/,
  },
  LZ_PREVENT_DESTROY: {
    fail: [
      stack(["aws_eks_cluster", "c", { name: "acme-production" }]),
      stack(["aws_kms_key", "k", {}]),
      stack(["aws_cloudwatch_log_group", "lg", { name: "/aws/eks/acme-production/cluster", skip_destroy: true }]),
      stack(["aws_cloudwatch_log_group", "lg", { name: "/aws/vpc/acme-production/flow-logs", lifecycle: { prevent_destroy: true } }]),
    ],
    pass: stack(
      ["aws_eks_cluster", "c", { name: "acme-production", lifecycle: { prevent_destroy: true } }],
      ["aws_kms_key", "k", { lifecycle: { prevent_destroy: true } }],
      ["aws_cloudwatch_log_group", "audit", { name: "/aws/eks/acme-production/cluster", ...protectedLog }],
      ["aws_cloudwatch_log_group", "flow", { name: "/aws/vpc/acme-production/flow-logs", ...protectedLog }],
      // Other log groups (an add-on's) are not audit logs.
      ["aws_cloudwatch_log_group", "app", { name: "/aws/containerinsights/acme-production/application" }],
    ),
    message: /prevent_destroy is not true|skip_destroy is not true/,
  },
};

describe("KMS and blast-radius rules", () => {
  itChecksEveryRuleAgainstItsFixtures(kmsRules, cases);

  describe("LZ_PREVENT_DESTROY in a stack whose environment lifted deletionProtection", () => {
    const rule = kmsRules.find((r) => r.id === "LZ_PREVENT_DESTROY")!;
    const json = stack(["aws_eks_cluster", "c", { name: "acme-development" }], ["aws_cloudwatch_log_group", "lg", { name: "/aws/eks/acme-development/cluster" }]);

    it("no longer asks for prevent_destroy, but still keeps the audit log on destroy", () => {
      const findings = evaluateStack("development", json, [rule], { deletionProtection: (s) => s !== "development" });
      expect(findings.map((f) => `${f.address}: ${f.message}`)).toEqual([
        "aws_cloudwatch_log_group.lg: skip_destroy is not true: destroying the stack would delete the audit log",
      ]);
    });
  });
});
