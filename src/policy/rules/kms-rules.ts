/**
 * Issue 11's key-policy and blast-radius rules (POLICY.md "Encryption, keys, logs" asks for
 * explicit key policies; these go further, as an auditor would): administration and use of a key
 * are separate statements, no principal that only uses a key holds `kms:*`, the logs key names its
 * log groups in the `kms:EncryptionContext:aws:logs:arn` condition, deletion windows are 30 days,
 * and clusters, keys and the audit/flow log groups carry `prevent_destroy` unless the model lifted it.
 */
import { actionMatches, type Principal, type Statement } from "../policy-document";
import { blocks, isTrue, num } from "../stack-context";
import type { PolicyResource, PolicyRule } from "../types";
import { keyPolicy } from "./encryption-rules";

/** Actions that use a key for data (cryptographic operations). */
const USE_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext"];
/** Actions that administer a key: who may do what with it, and whether it exists. */
const ADMIN_ACTIONS = ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:UpdateAlias"];

/** `arn:<partition>:iam::<account>:root` (either part may be a Terraform expression) or a bare account id. */
const ACCOUNT_ROOT = /^(arn:[^:]+:iam::(\d{12}|\$\{[^}:]+\}):root|\d{12})$/;

/** True for the account itself (a root ARN or account id): a key policy's way to delegate to IAM. */
function isAccountRoot(identifier: string): boolean {
  return ACCOUNT_ROOT.test(identifier);
}

const grants = (s: Statement, actions: readonly string[]) => actions.some((a) => s.actions.some((pattern) => actionMatches(pattern, a)));
const allowed = (s: Statement) => s.effect === "Allow";
const principalNames = (ps: readonly Principal[]) => ps.flatMap((p) => p.identifiers.map((id) => (p.type === "AWS" ? id : `${p.type}:${id}`)));

export const kmsAdministrationSeparateFromUse: PolicyRule = {
  id: "LZ_KMS_ADMIN_USE_SEPARATE",
  aliases: [],
  section: "Encryption",
  title:
    "In every aws_kms_key policy no principal other than the account holds kms:* (a user of the key gets only the operations it needs), and where the policy names users the administering statement grants no cryptographic use",
  resourceTypes: ["aws_kms_key"],
  check(key, ctx) {
    const doc = keyPolicy(key, ctx);
    if (doc.kind !== "document") return []; // CKV2_AWS_64 reports a missing or unreadable policy
    const out: string[] = [];
    const statements = doc.statements.filter(allowed);
    for (const s of statements) {
      if (!s.actions.some((a) => a === "*" || a.toLowerCase() === "kms:*")) continue;
      const users = principalNames(s.principals).filter((id) => !isAccountRoot(id));
      if (users.length) out.push(`key policy statement ${s.sid ?? "(no sid)"} grants kms:* to ${users.join(", ")}, which only use the key; grant the operations they need`);
    }
    // Users named in the policy itself (services, roles): then the account's statement must only administer.
    const namedUsers = statements.some((s) => grants(s, USE_ACTIONS) && principalNames(s.principals).some((id) => !isAccountRoot(id)));
    if (namedUsers) {
      for (const s of statements.filter((st) => grants(st, ADMIN_ACTIONS) && grants(st, USE_ACTIONS))) {
        out.push(
          `key policy statement ${s.sid ?? "(no sid)"} both administers the key and uses it (encrypt/decrypt) for ${principalNames(s.principals).join(", ")}; give administrators the administration actions only`,
        );
      }
    }
    return out;
  },
};

const LOGS_PRINCIPAL = /^logs(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/;
const LOGS_CONTEXT = "kms:encryptioncontext:aws:logs:arn";

export const kmsLogsKeyNamesLogGroups: PolicyRule = {
  id: "LZ_KMS_LOGS_CONTEXT",
  aliases: [],
  section: "Encryption",
  title:
    "A key policy statement that lets CloudWatch Logs use a key limits it with kms:EncryptionContext:aws:logs:arn to named log groups, never log-group:* (every log group of the account)",
  resourceTypes: ["aws_kms_key"],
  check(key, ctx) {
    const doc = keyPolicy(key, ctx);
    if (doc.kind !== "document") return [];
    return doc.statements
      .filter((s) => allowed(s) && s.principals.some((p) => p.type === "Service" && p.identifiers.some((id) => LOGS_PRINCIPAL.test(id))))
      .flatMap((s) => {
        const context = s.conditions.filter((c) => c.variable.toLowerCase() === LOGS_CONTEXT && /^(Arn|String)(Equals|Like)$/.test(c.test));
        if (context.length === 0) return [`key policy statement ${s.sid ?? "(no sid)"} lets CloudWatch Logs use the key for any log group (no kms:EncryptionContext:aws:logs:arn condition)`];
        const open = context.flatMap((c) => c.values).filter((v) => /:log-group:\*?$/.test(v) || v === "*");
        return open.length ? [`key policy statement ${s.sid ?? "(no sid)"} admits ${open.join(", ")}: every log group of the account; name the environment's log groups`] : [];
      });
  },
};

/** KMS's longest deletion window, also its default. */
const DELETION_WINDOW_DAYS = 30;

export const kmsDeletionWindow: PolicyRule = {
  id: "LZ_KMS_DELETION_WINDOW",
  aliases: [],
  section: "Encryption",
  title: "Every aws_kms_key waits 30 days (KMS's longest window) before a scheduled deletion",
  resourceTypes: ["aws_kms_key"],
  check(key) {
    const days = num(key.body.deletion_window_in_days);
    return days === undefined || days === DELETION_WINDOW_DAYS ? [] : [`deletion_window_in_days is ${days}, not ${DELETION_WINDOW_DAYS}`];
  },
};

/** `lifecycle.prevent_destroy` of a resource. */
function preventsDestroy(r: PolicyResource): boolean {
  return blocks(r.body.lifecycle).some((l) => isTrue(l.prevent_destroy));
}

/** The audit (EKS control plane) and VPC flow-log groups, by the names the stacks give them. */
const AUDIT_LOG_GROUP = /^\/aws\/(eks\/.+\/cluster|vpc\/.+\/flow-logs)$/;

export const protectedFromDestroy: PolicyRule = {
  id: "LZ_PREVENT_DESTROY",
  aliases: [],
  section: "Encryption",
  title:
    "aws_eks_cluster, aws_kms_key and the audit/flow-log aws_cloudwatch_log_group carry lifecycle prevent_destroy (unless the model lifts deletionProtection), and those log groups skip_destroy",
  resourceTypes: ["aws_eks_cluster", "aws_kms_key", "aws_cloudwatch_log_group"],
  check(r, ctx) {
    const out: string[] = [];
    const auditLog = r.type === "aws_cloudwatch_log_group";
    if (auditLog && !(typeof r.body.name === "string" && AUDIT_LOG_GROUP.test(r.body.name))) return [];
    if (auditLog && !isTrue(r.body.skip_destroy)) out.push("skip_destroy is not true: destroying the stack would delete the audit log");
    if (ctx.deletionProtection && !preventsDestroy(r)) {
      out.push("lifecycle.prevent_destroy is not true: a plan could destroy it (set deletionProtection: false in the environments file to remove it on purpose)");
    }
    return out;
  },
};

export const kmsRules: readonly PolicyRule[] = [kmsAdministrationSeparateFromUse, kmsLogsKeyNamesLogGroups, kmsDeletionWindow, protectedFromDestroy];
