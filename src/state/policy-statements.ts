/**
 * The policy statements of the state stack: the KMS key policy, the TLS-only and KMS-only
 * denies of the buckets, and the server-access-log delivery grant. Plain data for
 * `DataAwsIamPolicyDocument` (evaluated locally), no constructs, so each rule is tested on its own.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

/** Every principal. Used only in Deny statements here: a Deny for everyone grants nothing. */
const EVERYONE = [{ type: "AWS", identifiers: ["*"] }];

/** `arn:<partition>:s3:::<bucket>`: known before the bucket exists, so no resource reference is needed. */
export function bucketArn(partition: string, bucketName: string): string {
  return `arn:${partition}:s3:::${bucketName}`;
}

/** The root principal of an account: the account itself, whose IAM policies then decide who may act. */
export function accountRootArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:root`;
}

/**
 * Key policy statement: the owning account administers and uses the key; IAM policies in that
 * account decide which roles may. AWS's default key policy, written out (CKV2_AWS_64) and
 * without a `*` principal (CKV_AWS_33). In a key policy `Resource: "*"` means "this key":
 * it is the only value KMS documents for key policies, so it cannot be scoped further.
 */
export function keyAdministrationStatement(partition: string, accountId: string): DataAwsIamPolicyDocumentStatement {
  return {
    sid: "AccountAdministersKey",
    effect: "Allow",
    principals: [{ type: "AWS", identifiers: [accountRootArn(partition, accountId)] }],
    actions: ["kms:*"],
    resources: ["*"],
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
