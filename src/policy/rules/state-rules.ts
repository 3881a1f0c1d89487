/**
 * POLICY.md "State": the S3 buckets (the state bucket and its access-log bucket alike, as the
 * scanners check every bucket; the log bucket's two listed exceptions are recorded in
 * policy/exceptions.yaml), the optional DynamoDB lock table, and every S3 backend.
 */
import { isWildcardPrincipal, type Statement } from "../policy-document";
import { blocks, isTrue, num, strings, type StackContext } from "../stack-context";
import type { PolicyResource, PolicyRule } from "../types";
import { customerManagedKey } from "./key-references";

/** True when the bucket receives another bucket's server access logs. */
export function isAccessLogTarget(bucket: PolicyResource, ctx: StackContext): boolean {
  return ctx.resources("aws_s3_bucket_logging").some((l) => ctx.resolveBucket(l.body.target_bucket) === bucket);
}

export const bucketVersioning: PolicyRule = {
  id: "CKV_AWS_21",
  aliases: ["AWS-0090"],
  section: "State",
  title: "Every S3 bucket has versioning Enabled",
  resourceTypes: ["aws_s3_bucket"],
  check(bucket, ctx) {
    const inline = blocks(bucket.body.versioning).some((v) => isTrue(v.enabled));
    const separate = ctx
      .bucketCompanions("aws_s3_bucket_versioning", bucket)
      .some((v) => blocks(v.body.versioning_configuration).some((c) => c.status === "Enabled"));
    return inline || separate ? [] : ["no aws_s3_bucket_versioning with status Enabled for this bucket"];
  },
};

export const bucketKmsEncryption: PolicyRule = {
  id: "CKV_AWS_145",
  aliases: ["AWS-0132"],
  section: "State",
  title: "Every S3 bucket's default encryption is aws:kms with a customer-managed key (listed exception: the access-log bucket, SSE-S3)",
  resourceTypes: ["aws_s3_bucket"],
  check(bucket, ctx) {
    const defaults = ctx
      .bucketCompanions("aws_s3_bucket_server_side_encryption_configuration", bucket)
      .flatMap((c) => blocks(c.body.rule))
      .flatMap((r) => blocks(r.apply_server_side_encryption_by_default));
    if (defaults.some((d) => String(d.sse_algorithm).startsWith("aws:kms") && customerManagedKey(d.kms_master_key_id, ctx))) return [];
    const algorithm = defaults.map((d) => String(d.sse_algorithm))[0];
    return [
      {
        message: algorithm
          ? `default encryption is ${algorithm}${algorithm.startsWith("aws:kms") ? " without a customer-managed kms_master_key_id" : ""}, not aws:kms with a customer-managed key`
          : "no aws_s3_bucket_server_side_encryption_configuration for this bucket",
        detail: { sseAlgorithm: algorithm, accessLogTarget: isAccessLogTarget(bucket, ctx) },
      },
    ];
  },
};

const PAB_FLAGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];

export const bucketPublicAccessBlock: PolicyRule = {
  id: "CKV2_AWS_6",
  aliases: ["CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56", "AWS-0086", "AWS-0087", "AWS-0091", "AWS-0093", "AWS-0094", "CIS AWS 2.1.4"],
  section: "State",
  title: "Every S3 bucket has a public access block with all four settings true",
  resourceTypes: ["aws_s3_bucket"],
  check(bucket, ctx) {
    const blocksOf = ctx.bucketCompanions("aws_s3_bucket_public_access_block", bucket);
    if (blocksOf.length === 0) return ["no aws_s3_bucket_public_access_block for this bucket"];
    const off = PAB_FLAGS.filter((f) => !blocksOf.some((b) => isTrue(b.body[f])));
    return off.length ? [`public access block leaves ${off.join(", ")} not true`] : [];
  },
};

export const bucketOwnershipEnforced: PolicyRule = {
  id: "CKV2_AWS_65",
  aliases: [],
  section: "State",
  title: "Every S3 bucket has object ownership BucketOwnerEnforced (ACLs disabled)",
  resourceTypes: ["aws_s3_bucket"],
  check(bucket, ctx) {
    const ok = ctx
      .bucketCompanions("aws_s3_bucket_ownership_controls", bucket)
      .some((o) => blocks(o.body.rule).some((r) => r.object_ownership === "BucketOwnerEnforced"));
    return ok ? [] : ["no aws_s3_bucket_ownership_controls with object_ownership BucketOwnerEnforced"];
  },
};

/** A statement that denies every S3 request made without TLS, on the bucket and its objects. */
function deniesInsecureTransport(s: Statement): boolean {
  return (
    s.effect === "Deny" &&
    s.principals.some(isWildcardPrincipal) &&
    s.actions.some((a) => a === "s3:*" || a === "*") &&
    s.conditions.some((c) => c.test === "Bool" && c.variable === "aws:SecureTransport" && c.values.includes("false")) &&
    s.resources.some((r) => r.endsWith("/*")) &&
    s.resources.some((r) => !r.endsWith("/*"))
  );
}

export const bucketTlsOnly: PolicyRule = {
  id: "KICS 4bc4dd4c",
  aliases: ["CIS AWS 2.1.1"],
  section: "State",
  title: "Every S3 bucket's policy denies all requests (bucket and objects) with aws:SecureTransport false",
  resourceTypes: ["aws_s3_bucket"],
  check(bucket, ctx) {
    const policies = ctx.bucketCompanions("aws_s3_bucket_policy", bucket);
    if (policies.length === 0) return ["no aws_s3_bucket_policy for this bucket"];
    const docs = policies.map((p) => ctx.policyDocument(p.body.policy));
    const unreadable = docs.filter((d) => d.kind === "unreadable");
    if (docs.some((d) => d.statements.some(deniesInsecureTransport))) return [];
    if (unreadable.length) return unreadable.map((d) => `the bucket policy cannot be evaluated: ${d.reason}`);
    return ['the bucket policy has no Deny of "s3:*" for principal * on the bucket and its objects when aws:SecureTransport is false'];
  },
};

export const bucketLifecycle: PolicyRule = {
  id: "CKV2_AWS_61",
  aliases: ["CKV_AWS_300"],
  section: "State",
  title: "Every S3 bucket's lifecycle expires noncurrent versions after a set time and aborts incomplete multipart uploads",
  resourceTypes: ["aws_s3_bucket"],
  check(bucket, ctx) {
    const rules = ctx
      .bucketCompanions("aws_s3_bucket_lifecycle_configuration", bucket)
      .flatMap((l) => blocks(l.body.rule))
      .filter((r) => r.status === "Enabled");
    if (rules.length === 0) return ["no aws_s3_bucket_lifecycle_configuration with an Enabled rule for this bucket"];
    const out: string[] = [];
    if (!rules.some((r) => blocks(r.noncurrent_version_expiration).some((e) => (num(e.noncurrent_days) ?? 0) > 0))) {
      out.push("no lifecycle rule expires noncurrent versions (noncurrent_version_expiration.noncurrent_days)");
    }
    if (!rules.some((r) => blocks(r.abort_incomplete_multipart_upload).some((a) => (num(a.days_after_initiation) ?? 0) > 0))) {
      out.push("no lifecycle rule aborts incomplete multipart uploads (abort_incomplete_multipart_upload)");
    }
    return out;
  },
};

export const bucketAccessLogging: PolicyRule = {
  id: "CKV_AWS_18",
  aliases: ["AWS-0089"],
  section: "State",
  title: "Every S3 bucket sends server access logs to a log bucket (listed exception: the log bucket itself)",
  resourceTypes: ["aws_s3_bucket"],
  check(bucket, ctx) {
    const inline = blocks(bucket.body.logging).some((l) => typeof l.target_bucket === "string" && l.target_bucket !== "");
    const separate = ctx
      .bucketCompanions("aws_s3_bucket_logging", bucket)
      .some((l) => typeof l.body.target_bucket === "string" && l.body.target_bucket !== "");
    if (inline || separate) return [];
    return [{ message: "no aws_s3_bucket_logging for this bucket", detail: { accessLogTarget: isAccessLogTarget(bucket, ctx) } }];
  },
};

export const lockTable: PolicyRule = {
  id: "CKV_AWS_28",
  aliases: ["CKV_AWS_119", "CKV2_AWS_16", "AWS-0024", "AWS-0025"],
  section: "State",
  title: "Every DynamoDB table (the lock table) has point-in-time recovery, SSE with a customer-managed key and PAY_PER_REQUEST billing",
  resourceTypes: ["aws_dynamodb_table"],
  check(table, ctx) {
    const out: string[] = [];
    if (!blocks(table.body.point_in_time_recovery).some((p) => isTrue(p.enabled))) out.push("point_in_time_recovery is not enabled");
    const sse = blocks(table.body.server_side_encryption);
    if (!sse.some((s) => isTrue(s.enabled) && customerManagedKey(s.kms_key_arn, ctx))) {
      out.push("server_side_encryption is not enabled with a customer-managed kms_key_arn");
    }
    if (table.body.billing_mode !== "PAY_PER_REQUEST") out.push(`billing_mode is ${String(table.body.billing_mode ?? "PROVISIONED")}, not PAY_PER_REQUEST`);
    return out;
  },
};

export const s3Backend: PolicyRule = {
  id: "LZ_S3_BACKEND",
  aliases: [],
  section: "State",
  title: "Every S3 backend sets encrypt true, and use_lockfile true unless a DynamoDB table is chosen (Terraform S3 backend docs)",
  resourceTypes: ["terraform.backend.s3"],
  check(backend) {
    const out: string[] = [];
    if (!isTrue(backend.body.encrypt)) out.push("encrypt is not true");
    const dynamodb = strings(backend.body.dynamodb_table).length > 0;
    if (!dynamodb && !isTrue(backend.body.use_lockfile)) out.push("use_lockfile is not true and no dynamodb_table is set: state would not be locked");
    return out;
  },
};

export const stateRules: readonly PolicyRule[] = [
  bucketVersioning,
  bucketKmsEncryption,
  bucketPublicAccessBlock,
  bucketOwnershipEnforced,
  bucketTlsOnly,
  bucketLifecycle,
  bucketAccessLogging,
  lockTable,
  s3Backend,
];
