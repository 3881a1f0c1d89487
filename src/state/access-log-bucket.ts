/**
 * The bucket that receives the state bucket's server access logs. Encrypted with SSE-S3, not
 * KMS: S3 log delivery cannot write to SSE-KMS buckets (listed exceptions CKV_AWS_18 and
 * AWS-0132 in POLICY.md). Versioned, private, TLS-only; logs expire after a year.
 */
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { Construct } from "constructs";
import { abortIncompleteUploadsRule, addBucketGuardrails } from "./bucket-guardrails";
import { allowLogDeliveryStatement, bucketArn, denyInsecureTransportStatement } from "./policy-statements";

export interface AccessLogBucketProps {
  /** Name of the log bucket. */
  readonly bucketName: string;
  /** ARN of the bucket whose server access logs land here (aws:SourceArn of the delivery). */
  readonly sourceBucketArn: string;
  /** Account that owns the logged bucket (aws:SourceAccount of the delivery). */
  readonly sourceAccountId: string;
  /**
   * AWS partition of the log bucket: its ARN is then built from the name, so its policy is known
   * on a first plan.
   * @default - the ARN is read from the bucket resource, and the policy is known after apply
   */
  readonly partition?: string;
  /** Key prefix the logs are delivered under; the logged bucket's `target_prefix` must match. */
  readonly logPrefix: string;
  /** Days before a log object expires. @default 365 */
  readonly retentionDays?: number;
  /** Days before a noncurrent (expired or overwritten) log version is deleted. @default 30 */
  readonly noncurrentVersionDays?: number;
  /** Days before an incomplete multipart upload is aborted. @default 7 */
  readonly abortIncompleteMultipartUploadDays?: number;
}

export class AccessLogBucket extends Construct {
  /**
   * Name of the bucket, read from the bucket policy: whoever points its logs here waits until
   * log delivery is allowed.
   */
  public readonly bucketName: string;
  /** ARN of the bucket. */
  public readonly bucketArn: string;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const bucket = new S3Bucket(this, "bucket", { bucket: props.bucketName, forceDestroy: false });
    const { versioning, publicAccessBlock } = addBucketGuardrails(this, bucket);

    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });

    // S3 log delivery is a service principal, so the policy names no principal that must exist
    // first; the policy resource waits for the bucket through its `bucket` argument.
    const arn = props.partition ? bucketArn(props.partition, props.bucketName) : bucket.arn;
    const document = new DataAwsIamPolicyDocument(this, "policy-document", {
      statement: [
        allowLogDeliveryStatement({
          logBucketArn: arn,
          prefix: props.logPrefix,
          sourceBucketArn: props.sourceBucketArn,
          sourceAccountId: props.sourceAccountId,
        }),
        denyInsecureTransportStatement(arn),
      ],
    });
    const policy = new S3BucketPolicy(this, "policy", {
      bucket: bucket.id,
      policy: document.json,
      // S3 rejects concurrent changes to a bucket's policy and its public access block.
      dependsOn: [publicAccessBlock],
    });

    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: bucket.id,
      rule: [
        {
          id: "expire-logs",
          status: "Enabled",
          filter: [{}],
          expiration: [{ days: props.retentionDays ?? 365 }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays ?? 30 }],
        },
        abortIncompleteUploadsRule(props.abortIncompleteMultipartUploadDays),
      ],
      // Rules on noncurrent versions need versioning configured first.
      dependsOn: [versioning],
    });

    this.bucketName = policy.bucket;
    this.bucketArn = bucket.arn;
  }
}
