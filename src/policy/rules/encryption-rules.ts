/** POLICY.md "Encryption, keys, logs": KMS keys, log groups, EBS encryption by default. */
import { actionMatches, isWildcardPrincipal, type PolicyDocumentResult, type Statement } from "../policy-document";
import { isTrue, num, type StackContext } from "../stack-context";
import type { PolicyResource, PolicyRule } from "../types";

const SYMMETRIC = "SYMMETRIC_DEFAULT";

export const kmsKeyRotation: PolicyRule = {
  id: "CKV_AWS_7",
  aliases: ["AWS-0065", "CIS AWS 3.6"],
  section: "Encryption",
  title: "Every symmetric aws_kms_key has enable_key_rotation true",
  resourceTypes: ["aws_kms_key"],
  check(key) {
    // KMS rotates only symmetric encryption keys; asymmetric and HMAC keys cannot enable rotation.
    const spec = key.body.customer_master_key_spec ?? key.body.key_spec ?? SYMMETRIC;
    if (spec !== SYMMETRIC) return [];
    return isTrue(key.body.enable_key_rotation) ? [] : ["enable_key_rotation is not true"];
  },
};

/** The key policy of a KMS key: its `policy`, or an aws_kms_key_policy that targets it. */
export function keyPolicy(key: PolicyResource, ctx: StackContext): PolicyDocumentResult {
  if (key.body.policy !== undefined) return ctx.policyDocument(key.body.policy);
  const separate = ctx.referencing("aws_kms_key_policy", "key_id", key)[0];
  return separate ? ctx.policyDocument(separate.body.policy) : { kind: "none", statements: [] };
}

export const kmsKeyPolicy: PolicyRule = {
  id: "CKV2_AWS_64",
  aliases: ["CKV_AWS_33"],
  section: "Encryption",
  title: "Every aws_kms_key has an explicit key policy with no `*` principal unless a condition limits it",
  resourceTypes: ["aws_kms_key"],
  check(key, ctx) {
    const doc = keyPolicy(key, ctx);
    if (doc.kind === "none") return ["no explicit key policy (AWS would apply the default policy)"];
    if (doc.kind === "unreadable") return [`the key policy cannot be evaluated: ${doc.reason}`];
    return doc.statements
      .filter((s) => s.effect === "Allow" && s.principals.some(isWildcardPrincipal) && s.conditions.length === 0)
      .map((s) => `key policy statement ${s.sid ?? "(no sid)"} allows principal * without a condition`);
  },
};

const LOGS_PRINCIPAL = /^logs(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/;

/** True when a statement lets the CloudWatch Logs service use the key. */
function allowsCloudWatchLogs(s: Statement): boolean {
  return (
    s.effect === "Allow" &&
    s.principals.some((p) => p.type === "Service" && p.identifiers.some((id) => LOGS_PRINCIPAL.test(id))) &&
    ["kms:GenerateDataKey", "kms:Decrypt", "kms:Encrypt"].every((a) => s.actions.some((pattern) => actionMatches(pattern, a)))
  );
}

export const logGroupEncryption: PolicyRule = {
  id: "CKV_AWS_158",
  aliases: ["AWS-0017"],
  section: "Encryption",
  title: "Every aws_cloudwatch_log_group sets kms_key_id, and the key's policy lets CloudWatch Logs use it",
  resourceTypes: ["aws_cloudwatch_log_group"],
  check(group, ctx) {
    const ref = group.body.kms_key_id;
    if (typeof ref !== "string" || ref === "") return ["kms_key_id is not set"];
    let key = ctx.resolve(ref, "aws_kms_key", "aws_kms_alias");
    if (key?.type === "aws_kms_alias") key = ctx.resolve(key.body.target_key_id, "aws_kms_key");
    if (!key) return []; // a key of another stack or account: its policy is checked where it lives
    const doc = keyPolicy(key, ctx);
    if (doc.kind !== "document") return []; // CKV2_AWS_64 reports the key policy itself
    return doc.statements.some(allowsCloudWatchLogs)
      ? []
      : [`the policy of ${key.address} does not let the logs.<region>.amazonaws.com service encrypt, decrypt and generate data keys`];
  },
};

export const logGroupRetention: PolicyRule = {
  id: "CKV_AWS_66",
  aliases: ["CKV_AWS_338"],
  section: "Encryption",
  title: "Every aws_cloudwatch_log_group sets retention_in_days, 365 or more unless the model lowers it",
  resourceTypes: ["aws_cloudwatch_log_group"],
  check(group, ctx) {
    const days = num(group.body.retention_in_days);
    if (days === undefined || days === 0) return ["retention_in_days is not set (logs would be kept forever)"];
    return days < ctx.minLogRetentionDays ? [`retention_in_days is ${days}, below ${ctx.minLogRetentionDays}`] : [];
  },
};

export const ebsEncryptionByDefault: PolicyRule = {
  id: "CKV_AWS_106",
  aliases: ["CIS AWS 5.1.1"],
  section: "Encryption",
  title: "EBS encryption by default is enabled in every environment account and region (by the one stack that owns the account's settings)",
  resourceTypes: ["aws_vpc", "aws_ebs_encryption_by_default"],
  check(r, ctx) {
    // Environments sharing an account and region leave the setting to one stack, which this
    // rule checks there: the others must not hold a second copy (destroying it turns it off).
    const owner = ctx.accountSettingsStack;
    if (r.type === "aws_ebs_encryption_by_default") {
      if (owner !== ctx.stack) return [`stack ${owner} owns this account's settings; a second copy here turns encryption off when this stack is destroyed`];
      return r.body.enabled === false || r.body.enabled === "false" ? ["enabled is false"] : [];
    }
    if (owner !== ctx.stack) return [];
    const provider = r.body.provider;
    const enabled = ctx
      .resources("aws_ebs_encryption_by_default")
      .some((e) => e.body.provider === provider && e.body.enabled !== false && e.body.enabled !== "false");
    return enabled ? [] : [`no aws_ebs_encryption_by_default for provider ${typeof provider === "string" ? provider : "aws"} in this stack`];
  },
};

/**
 * POLICY.md "Added with the second wave": every SQS queue is encrypted, with SQS-managed SSE or a
 * KMS key (Karpenter's interruption queue uses SQS-managed SSE, as upstream's template does).
 * `sqs_managed_sse_enabled: false` with no key is an unencrypted queue.
 */
export const sqsQueueEncryption: PolicyRule = {
  id: "CKV_AWS_27",
  aliases: [],
  section: "Encryption",
  title: "Every aws_sqs_queue is encrypted: sqs_managed_sse_enabled true or a kms_master_key_id",
  resourceTypes: ["aws_sqs_queue"],
  check(queue) {
    const key = queue.body.kms_master_key_id;
    if (typeof key === "string" && key !== "") return [];
    return isTrue(queue.body.sqs_managed_sse_enabled) ? [] : ["neither sqs_managed_sse_enabled true nor a kms_master_key_id: the queue is not encrypted at rest"];
  },
};

export const encryptionRules: readonly PolicyRule[] = [
  kmsKeyRotation,
  kmsKeyPolicy,
  logGroupEncryption,
  logGroupRetention,
  ebsEncryptionByDefault,
  sqsQueueEncryption,
];
