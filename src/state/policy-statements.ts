/**
 * The policy statements of the state stack: the KMS key policy, the TLS-only and KMS-only
 * denies of the buckets, and the server-access-log delivery grant. Plain data for
 * `DataAwsIamPolicyDocument` (evaluated locally), no constructs, so each rule is tested on its own.
 */
import type {
  DataAwsIamPolicyDocumentStatement,
  DataAwsIamPolicyDocumentStatementCondition,
} from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

/** Every principal. Used only in Deny statements here: a Deny for everyone grants nothing. */
const EVERYONE = [{ type: "AWS", identifiers: ["*"] }];

/** `arn:<partition>:s3:::<bucket>`: known before the bucket exists, so no resource reference is needed. */
export { s3BucketArn as bucketArn } from "../model/arns";

/** The root principal of an account: the account itself, whose IAM policies then decide who may act. */
export function accountRootArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:root`;
}

/**
 * The cryptographic operations a client of a symmetric key needs to read and write encrypted
 * objects, and no more: no `kms:*`, no administration, no grants.
 */
export const KEY_USE_ACTIONS: readonly string[] = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"];

/** Who, inside the owning account, may use a key through a service; IAM policies then decide further. */
export interface KeyUsers {
  /** Partition of the owning account. */
  readonly partition: string;
  /** The account that owns the key: its IAM policies grant the use (the key policy delegates to its root). */
  readonly accountId: string;
  /** Region of the key and the service endpoints that call it. */
  readonly region: string;
  /**
   * Only principals whose ARN matches one of these (`aws:PrincipalArn`, `ArnLike`) may use the key,
   * whatever their IAM policies say. @default - any principal of the account its IAM policies allow
   */
  readonly principalArnPatterns?: readonly string[];
}

function principalCondition(users: KeyUsers): DataAwsIamPolicyDocumentStatementCondition[] {
  return users.principalArnPatterns?.length
    ? [{ test: "ArnLike", variable: "aws:PrincipalArn", values: [...users.principalArnPatterns] }]
    : [];
}

/**
 * Key policy statement: the account's principals may use the key only through S3 and only for the
 * objects of one bucket (`kms:EncryptionContext:aws:s3:arn` is the bucket's ARN with S3 Bucket
 * Keys, the object's without: both are admitted). "Using SSE-KMS", Amazon S3 User Guide, documents
 * the `kms:ViaService` and encryption-context conditions. Administration is a separate statement
 * (`keyAdministrationOnlyStatement`) that grants no cryptographic use.
 */
export function keyUseThroughS3Statement(users: KeyUsers, bucketArnValue: string): DataAwsIamPolicyDocumentStatement {
  return {
    sid: "AccountUsesKeyThroughS3",
    effect: "Allow",
    principals: [{ type: "AWS", identifiers: [accountRootArn(users.partition, users.accountId)] }],
    actions: [...KEY_USE_ACTIONS],
    resources: ["*"],
    condition: [
      { test: "StringEquals", variable: "kms:ViaService", values: [`s3.${users.region}.amazonaws.com`] },
      { test: "StringLike", variable: "kms:EncryptionContext:aws:s3:arn", values: [bucketArnValue, `${bucketArnValue}/*`] },
      ...principalCondition(users),
    ],
  };
}

/**
 * Key policy statement: the account's principals may use the key only through DynamoDB of this
 * region, including the grant DynamoDB creates for a table encrypted with it and the DescribeKey it
 * makes when the table is created ("How Amazon DynamoDB uses AWS KMS", DynamoDB Developer Guide,
 * whose example key policy uses these conditions).
 */
export function keyUseThroughDynamoDbStatement(users: KeyUsers): DataAwsIamPolicyDocumentStatement {
  return {
    sid: "AccountUsesKeyThroughDynamoDb",
    effect: "Allow",
    principals: [{ type: "AWS", identifiers: [accountRootArn(users.partition, users.accountId)] }],
    actions: [...KEY_USE_ACTIONS, "kms:DescribeKey", "kms:CreateGrant"],
    resources: ["*"],
    condition: [
      { test: "StringEquals", variable: "kms:ViaService", values: [`dynamodb.${users.region}.amazonaws.com`] },
      { test: "StringEquals", variable: "kms:CallerAccount", values: [users.accountId] },
      ...principalCondition(users),
    ],
  };
}

/** Denies every request to the bucket and its objects made without TLS (CIS AWS 2.1.1, KICS 4bc4dd4c). */
export function denyInsecureTransportStatement(arn: string): DataAwsIamPolicyDocumentStatement {
  return {
    sid: "DenyInsecureTransport",
    effect: "Deny",
    principals: EVERYONE,
    actions: ["s3:*"],
    resources: [arn, `${arn}/*`],
    condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
  };
}

/**
 * Denies uploads that ask for an encryption other than SSE-KMS. Uploads without the header are
 * allowed: the bucket's default encryption (the customer-managed key) applies to them.
 */
export function denyNonKmsUploadsStatement(arn: string): DataAwsIamPolicyDocumentStatement {
  return {
    sid: "DenyNonKmsEncryptedUploads",
    effect: "Deny",
    principals: EVERYONE,
    actions: ["s3:PutObject"],
    resources: [`${arn}/*`],
    condition: [
      { test: "StringNotEquals", variable: "s3:x-amz-server-side-encryption", values: ["aws:kms"] },
      { test: "Null", variable: "s3:x-amz-server-side-encryption", values: ["false"] },
    ],
  };
}

export interface LogDeliveryOptions {
  /** ARN of the bucket that receives the logs. */
  readonly logBucketArn: string;
  /** Key prefix the logs are written under, e.g. `acme-terraform-state/`. */
  readonly prefix: string;
  /** ARN of the bucket whose access is logged. */
  readonly sourceBucketArn: string;
  /** Account that owns the logged bucket. */
  readonly sourceAccountId: string;
}

/**
 * Lets the S3 logging service write server access logs of one bucket, from one account, under
 * one prefix: AWS's documented grant for buckets with ACLs disabled (BucketOwnerEnforced).
 */
export function allowLogDeliveryStatement(options: LogDeliveryOptions): DataAwsIamPolicyDocumentStatement {
  return {
    sid: "AllowServerAccessLogDelivery",
    effect: "Allow",
    principals: [{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }],
    actions: ["s3:PutObject"],
    resources: [`${options.logBucketArn}/${options.prefix}*`],
    condition: [
      { test: "ArnLike", variable: "aws:SourceArn", values: [options.sourceBucketArn] },
      { test: "StringEquals", variable: "aws:SourceAccount", values: [options.sourceAccountId] },
    ],
  };
}

/** `arn:<partition>:s3:::<bucket>/<key>`: one state object. */
export function objectArn(bucketArnValue: string, key: string): string {
  return `${bucketArnValue}/${key}`;
}

/** The S3 native lock file of a state key (Terraform >= 1.10, `use_lockfile`). */
export function lockFileKey(key: string): string {
  return `${key}.tflock`;
}

/** The object actions of a Terraform backend: read, write, delete (lock files), read old versions. */
const STATE_OBJECT_ACTIONS = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject"];

/**
 * Who may touch state objects at all, for the bucket policy. Constant in size, whatever the
 * number of stacks: which key each stack role may touch is its IAM policy's business (a role of
 * the state account gets nothing else, and principals of other accounts get nothing from a
 * bucket policy without an Allow).
 */
export interface StateObjectGuard {
  /** `ArnLike` patterns of the stacks' backend roles, e.g. `arn:aws:iam::111111111111:role/acme-*-state`. */
  readonly stackRolePatterns: readonly string[];
  /** The `state` stack's own folder, e.g. `state/*`. */
  readonly deployerFolder: string;
  /** The `state` stack's deployer: its folder is its alone. @default - nobody's (only the break-glass principal) */
  readonly deployer?: string;
  /** Keep the deployer on every object too (the upgrade from one principal for all state). */
  readonly deployerEverywhere: boolean;
}

/**
 * The guard's statements: nobody but the stack roles, the deployer and the break-glass principal
 * touches a state object; nobody but the deployer and break-glass the `state` stack's own folder;
 * and (after the upgrade) the deployer, an administrator of the state account, nothing else.
 * `aws:PrincipalArn` of an assumed-role session is the role's ARN.
 */
export function stateObjectGuardStatements(arn: string, guard: StateObjectGuard, breakGlass: readonly string[]): DataAwsIamPolicyDocumentStatement[] {
  const deployer = guard.deployer ? [guard.deployer] : [];
  const statements: DataAwsIamPolicyDocumentStatement[] = [
    {
      sid: "DenyStateObjectsExceptStateRoles",
      effect: "Deny",
      principals: EVERYONE,
      actions: STATE_OBJECT_ACTIONS,
      resources: [`${arn}/*`],
      condition: [{ test: "ArnNotLike", variable: "aws:PrincipalArn", values: [...new Set([...guard.stackRolePatterns, ...deployer, ...breakGlass])] }],
    },
    {
      sid: "DenyStateStackObjectsExceptDeployer",
      effect: "Deny",
      principals: EVERYONE,
      actions: STATE_OBJECT_ACTIONS,
      resources: [objectArn(arn, guard.deployerFolder)],
      condition: exceptPrincipals([...deployer, ...breakGlass]),
    },
  ];
  if (guard.deployer && !guard.deployerEverywhere && !breakGlass.includes(guard.deployer)) {
    statements.push({
      sid: "DenyDeployerOtherStateObjects",
      effect: "Deny",
      principals: EVERYONE,
      actions: STATE_OBJECT_ACTIONS,
      notResources: [objectArn(arn, guard.deployerFolder)],
      condition: [{ test: "ArnEquals", variable: "aws:PrincipalArn", values: [guard.deployer] }],
    });
  }
  return statements;
}

/**
 * Denies uploads that name a KMS key other than the state key. S3 evaluates the
 * `s3:x-amz-server-side-encryption-aws-kms-key-id` header as sent; the backends send the alias
 * ARN (src/stacks/s3-backend.ts stateKmsKeyId), other clients the key ARN or id, so all three
 * forms of the one key are accepted. Uploads without the header take the bucket's default (the state key).
 */
export function denyOtherKmsKeyUploadsStatement(arn: string, stateKeyIds: readonly string[]): DataAwsIamPolicyDocumentStatement {
  return {
    sid: "DenyUploadsWithAnotherKmsKey",
    effect: "Deny",
    principals: EVERYONE,
    actions: ["s3:PutObject"],
    resources: [`${arn}/*`],
    condition: [
      { test: "StringNotEquals", variable: "s3:x-amz-server-side-encryption-aws-kms-key-id", values: [...stateKeyIds] },
      { test: "Null", variable: "s3:x-amz-server-side-encryption-aws-kms-key-id", values: ["false"] },
    ],
  };
}

/**
 * Denies SSE-KMS uploads that name no key: S3 then encrypts with the AWS managed key `aws/s3`
 * (PutObject's `x-amz-server-side-encryption-aws-kms-key-id` documentation), not the state key.
 */
export function denyKmsUploadsWithoutKeyStatement(arn: string): DataAwsIamPolicyDocumentStatement {
  return {
    sid: "DenyKmsUploadsWithoutTheStateKey",
    effect: "Deny",
    principals: EVERYONE,
    actions: ["s3:PutObject"],
    resources: [`${arn}/*`],
    condition: [
      { test: "StringEquals", variable: "s3:x-amz-server-side-encryption", values: ["aws:kms"] },
      { test: "Null", variable: "s3:x-amz-server-side-encryption-aws-kms-key-id", values: ["true"] },
    ],
  };
}

/** An `ArnNotEquals aws:PrincipalArn` exception, or none (the Deny then applies to everyone). */
function exceptPrincipals(principals: readonly string[]): DataAwsIamPolicyDocumentStatement["condition"] {
  return principals.length ? [{ test: "ArnNotEquals", variable: "aws:PrincipalArn", values: [...new Set(principals)] }] : undefined;
}

/**
 * Denies deleting object versions (the only way to lose state in a versioned bucket) to all
 * but the break-glass principal; with none, to everyone. Lifecycle expiration of noncurrent
 * versions is done by S3 itself, not by a principal (our reading; not verified against AWS docs).
 */
export function denyVersionDeletionStatement(arn: string, breakGlass: readonly string[]): DataAwsIamPolicyDocumentStatement {
  return {
    sid: "DenyStateVersionDeletion",
    effect: "Deny",
    principals: EVERYONE,
    actions: ["s3:DeleteObjectVersion"],
    resources: [`${arn}/*`],
    condition: exceptPrincipals(breakGlass),
  };
}

/**
 * Denies changing or deleting the bucket policy to all but the principals that apply it (the
 * state stack's deployer) and the break-glass principal. The first apply is unaffected (a
 * bucket without a policy denies nothing), and the bucket owner's root user can always change
 * a bucket policy (S3 PutBucketPolicy documentation), the last resort against a lock-out.
 */
export function denyBucketPolicyChangesStatement(arn: string, administrators: readonly string[]): DataAwsIamPolicyDocumentStatement {
  return {
    sid: "DenyBucketPolicyChanges",
    effect: "Deny",
    principals: EVERYONE,
    actions: ["s3:PutBucketPolicy", "s3:DeleteBucketPolicy"],
    resources: [arn],
    condition: exceptPrincipals(administrators),
  };
}

/** What the state bucket's policy guards, besides TLS and SSE-KMS. */
export interface StateBucketPolicyOptions {
  /** Every form uploads may name the state key by. */
  readonly kmsKeyIds: readonly string[];
  /** Who may touch state objects at all. @default - no guard */
  readonly objectGuard?: StateObjectGuard;
  /** Principals that apply the bucket policy. */
  readonly policyAdministrators: readonly string[];
  /** The break-glass principal; undefined means none. */
  readonly breakGlassPrincipalArn?: string;
}

/** Every statement of the state bucket's policy, in order. */
export function stateBucketPolicyStatements(arn: string, options: StateBucketPolicyOptions): DataAwsIamPolicyDocumentStatement[] {
  const breakGlass = options.breakGlassPrincipalArn ? [options.breakGlassPrincipalArn] : [];
  return [
    denyInsecureTransportStatement(arn),
    denyNonKmsUploadsStatement(arn),
    denyOtherKmsKeyUploadsStatement(arn, options.kmsKeyIds),
    denyKmsUploadsWithoutKeyStatement(arn),
    denyVersionDeletionStatement(arn, breakGlass),
    denyBucketPolicyChangesStatement(arn, [...options.policyAdministrators, ...breakGlass]),
    ...(options.objectGuard ? stateObjectGuardStatements(arn, options.objectGuard, breakGlass) : []),
  ];
}

/** S3's limit on a bucket policy's size (S3 User Guide, bucket policies: 20 KB). */
export const BUCKET_POLICY_MAX_BYTES = 20 * 1024;

/**
 * The size of statements as IAM JSON without whitespace, the form `aws_iam_policy_document`
 * renders (`minified_json`; its `json` adds indentation, which S3 does not count the same way:
 * the estimate is the lower bound S3 stores).
 */
export function policyJsonBytes(statements: readonly DataAwsIamPolicyDocumentStatement[]): number {
  const one = (v: readonly string[]) => (v.length === 1 ? v[0] : v);
  const rendered = statements.map((st) => ({
    Sid: st.sid,
    Effect: st.effect,
    Principal: st.principals ? Object.fromEntries((st.principals as { type: string; identifiers: string[] }[]).map((p) => [p.type, one(p.identifiers)])) : undefined,
    Action: one(st.actions ?? []),
    Resource: one(st.resources ?? []),
    Condition: Array.isArray(st.condition)
      ? st.condition.reduce<Record<string, Record<string, unknown>>>((acc, c) => {
          (acc[c.test] ??= {})[c.variable] = one(c.values);
          return acc;
        }, {})
      : undefined,
  }));
  return Buffer.byteLength(JSON.stringify({ Version: "2012-10-17", Statement: rendered }), "utf8");
}
