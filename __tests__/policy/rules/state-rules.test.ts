import { evaluateStack } from "../../../src/policy/engine";
import { isAccessLogTarget, stateRules } from "../../../src/policy/rules/state-rules";
import { StackContext } from "../../../src/policy/stack-context";
import type { TfJson } from "../../../src/policy/types";
import { itChecksEveryRuleAgainstItsFixtures, stack, type RuleCases, type Part } from "../../../test-helpers/policy-fixtures";

const ref = "${aws_s3_bucket.state.id}";

const tlsOnly: Part = [
  "data.aws_iam_policy_document",
  "tls",
  {
    statement: [
      {
        sid: "DenyInsecureTransport",
        effect: "Deny",
        actions: ["s3:*"],
        resources: ["${aws_s3_bucket.state.arn}", "${aws_s3_bucket.state.arn}/*"],
        principals: [{ type: "*", identifiers: ["*"] }],
        condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
      },
    ],
  },
];

/** A state bucket with every companion POLICY.md asks for, except those in `omit`, with `replace` swapped in. */
function stateBucket(omit: string[] = [], ...replace: Part[]): TfJson {
  const parts: Part[] = [
    ["aws_kms_key", "state", { enable_key_rotation: true }],
    ["aws_s3_bucket", "state", { bucket: "acme-terraform-state" }],
    ["aws_s3_bucket_versioning", "state", { bucket: ref, versioning_configuration: { status: "Enabled" } }],
    [
      "aws_s3_bucket_server_side_encryption_configuration",
      "state",
      { bucket: ref, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: "${aws_kms_key.state.arn}" } }] },
    ],
    [
      "aws_s3_bucket_public_access_block",
      "state",
      { bucket: ref, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
    ],
    ["aws_s3_bucket_ownership_controls", "state", { bucket: ref, rule: { object_ownership: "BucketOwnerEnforced" } }],
    ["aws_s3_bucket_policy", "state", { bucket: ref, policy: "${data.aws_iam_policy_document.tls.json}" }],
    tlsOnly,
    [
      "aws_s3_bucket_lifecycle_configuration",
      "state",
      {
        bucket: ref,
        rule: [
          { id: "noncurrent", status: "Enabled", filter: {}, noncurrent_version_expiration: { noncurrent_days: 90 } },
          { id: "multipart", status: "Enabled", filter: {}, abort_incomplete_multipart_upload: { days_after_initiation: 7 } },
        ],
      },
    ],
    ["aws_s3_bucket_logging", "state", { bucket: ref, target_bucket: "acme-terraform-state-logs", target_prefix: "state/" }],
  ];
  const kept = parts.filter(([type, name]) => !omit.includes(type) && !replace.some(([t, n]) => t === type && n === name));
  return stack(...kept, ...replace);
}

const lockTable = (change: Record<string, unknown> = {}): Part => [
  "aws_dynamodb_table",
  "locks",
  {
    name: "acme-terraform-locks",
    billing_mode: "PAY_PER_REQUEST",
    hash_key: "LockID",
    point_in_time_recovery: { enabled: true },
    server_side_encryption: { enabled: true, kms_key_arn: "${aws_kms_key.state.arn}" },
    ...change,
  },
];

const backend = (s3: Record<string, unknown>): TfJson => ({ terraform: { backend: { s3: { bucket: "b", key: "k", region: "us-east-1", ...s3 } } } });

const cases: RuleCases = {
  CKV_AWS_21: {
    fail: [
      stateBucket(["aws_s3_bucket_versioning"]),
      stateBucket([], ["aws_s3_bucket_versioning", "state", { bucket: ref, versioning_configuration: { status: "Suspended" } }]),
    ],
    pass: stateBucket(),
    message: /versioning/,
  },
  CKV_AWS_145: {
    fail: [
      stateBucket(["aws_s3_bucket_server_side_encryption_configuration"]),
      stateBucket([], ["aws_s3_bucket_server_side_encryption_configuration", "state", { bucket: ref, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }] }]),
      stateBucket([], ["aws_s3_bucket_server_side_encryption_configuration", "state", { bucket: ref, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms" } }] }]),
    ],
    pass: stateBucket(),
    message: /encryption/,
  },
  CKV2_AWS_6: {
    fail: [
      stateBucket(["aws_s3_bucket_public_access_block"]),
      stateBucket([], ["aws_s3_bucket_public_access_block", "state", { bucket: ref, block_public_acls: true, block_public_policy: true, ignore_public_acls: true }]),
    ],
    pass: stateBucket(),
    message: /public.access.block/,
  },
  CKV2_AWS_65: {
    fail: [
      stateBucket(["aws_s3_bucket_ownership_controls"]),
      stateBucket([], ["aws_s3_bucket_ownership_controls", "state", { bucket: ref, rule: { object_ownership: "BucketOwnerPreferred" } }]),
    ],
    pass: stateBucket(),
    message: /BucketOwnerEnforced/,
  },
  "KICS 4bc4dd4c": {
    fail: [
      stateBucket(["aws_s3_bucket_policy"]),
      stateBucket([], ["data.aws_iam_policy_document", "tls", { statement: [{ effect: "Deny", actions: ["s3:*"], resources: ["${aws_s3_bucket.state.arn}/*"], principals: [{ type: "*", identifiers: ["*"] }], condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }] }] }]),
    ],
    pass: stateBucket(),
    message: /aws_s3_bucket_policy|SecureTransport/,
  },
  CKV2_AWS_61: {
    fail: [
      stateBucket(["aws_s3_bucket_lifecycle_configuration"]),
      stateBucket([], ["aws_s3_bucket_lifecycle_configuration", "state", { bucket: ref, rule: [{ id: "x", status: "Enabled", noncurrent_version_expiration: { noncurrent_days: 90 } }] }]),
      stateBucket([], ["aws_s3_bucket_lifecycle_configuration", "state", { bucket: ref, rule: [{ id: "x", status: "Enabled", abort_incomplete_multipart_upload: { days_after_initiation: 7 } }] }]),
    ],
    pass: stateBucket(),
    message: /lifecycle/,
  },
  CKV_AWS_18: {
    fail: [stateBucket(["aws_s3_bucket_logging"])],
    pass: stateBucket(),
    message: /aws_s3_bucket_logging/,
  },
  CKV_AWS_28: {
    fail: [
      stack(lockTable({ point_in_time_recovery: undefined })),
      stack(lockTable({ server_side_encryption: { enabled: true } })),
      stack(lockTable({ billing_mode: "PROVISIONED" })),
    ],
    pass: stack(["aws_kms_key", "state", { enable_key_rotation: true }], lockTable()),
    message: /point_in_time_recovery|server_side_encryption|PAY_PER_REQUEST/,
  },
  LZ_S3_BACKEND: {
    fail: [backend({ use_lockfile: true }), backend({ encrypt: true })],
    pass: backend({ encrypt: true, use_lockfile: true }),
    message: /encrypt is not true|use_lockfile/,
  },
};

describe("stateRules", () => {
  itChecksEveryRuleAgainstItsFixtures(stateRules, cases);

  describe("an S3 backend with DynamoDB locking", () => {
    it("needs no use_lockfile", () => {
      expect(evaluateStack("test", backend({ encrypt: true, dynamodb_table: "locks" }), stateRules)).toEqual([]);
    });
  });

  describe("the access-log bucket", () => {
    const json = stack(
      ["aws_s3_bucket", "state", { bucket: "acme-terraform-state" }],
      ["aws_s3_bucket", "logs", { bucket: "acme-terraform-state-logs" }],
      ["aws_s3_bucket_policy", "logs", { bucket: "${aws_s3_bucket.logs.id}", policy: "{}" }],
      ["aws_s3_bucket_server_side_encryption_configuration", "logs", { bucket: "${aws_s3_bucket.logs.id}", rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }] }],
      // the target is named through the log bucket's policy, as the state stack does to order the two
      ["aws_s3_bucket_logging", "state", { bucket: "${aws_s3_bucket.state.id}", target_bucket: "${aws_s3_bucket_policy.logs.bucket}" }],
    );

    it("is recognised as the target of access logging, through a reference to a companion's bucket", () => {
      const ctx = new StackContext("state", json);
      expect(isAccessLogTarget(ctx.byAddress("aws_s3_bucket.logs")!, ctx)).toBe(true);
      expect(isAccessLogTarget(ctx.byAddress("aws_s3_bucket.state")!, ctx)).toBe(false);
    });

    it("carries that fact and its SSE algorithm on its findings, for the listed exceptions", () => {
      const findings = evaluateStack("state", json, stateRules.filter((r) => ["CKV_AWS_18", "CKV_AWS_145"].includes(r.id)));
      const logs = findings.filter((f) => f.address === "aws_s3_bucket.logs");
      expect(logs).toEqual([
        expect.objectContaining({ ruleId: "CKV_AWS_145", detail: { sseAlgorithm: "AES256", accessLogTarget: true } }),
        expect.objectContaining({ ruleId: "CKV_AWS_18", detail: { accessLogTarget: true } }),
      ]);
    });
  });
});
