/**
 * The bucket the VPN server's database dumps go to, held to POLICY.md's S3 rules like the state
 * bucket (they apply to every bucket): versioned, SSE-KMS with its own customer-managed key and
 * S3 Bucket Keys, the four public access blocks, ACLs disabled, TLS-only, uploads only with
 * the key, current dumps expiring after the retention, noncurrent versions and incomplete
 * uploads cleaned up, server access logs to a log bucket of its own (S3 delivers access logs
 * only to a bucket of the same account and region). Built from the state's bucket pieces.
 */
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { Construct } from "constructs";
import { AccessLogBucket } from "../state/access-log-bucket";
import { abortIncompleteUploadsRule, addBucketGuardrails } from "../state/bucket-guardrails";
import { keyAdministrationOnlyStatement } from "../network/logs-kms-key";
import { bucketArn, denyInsecureTransportStatement, denyNonKmsUploadsStatement, keyUseThroughS3Statement } from "../state/policy-statements";

export interface BackupBucketProps {
  /** Name of the backup bucket. */
  readonly bucketName: string;
  /** Name of the bucket that receives its server access logs. */
  readonly accessLogBucketName: string;
  /** Alias of the bucket's KMS key, `alias/<name>`. */
  readonly keyAliasName: string;
  /** Account that owns the buckets and administers the key. */
  readonly accountId: string;
  /** AWS partition of that account. */
  readonly partition: string;
  /** Region of the buckets and the key. */
  readonly region: string;
  /**
   * ARNs (or `ArnLike` patterns) of the only principals that may use the key, through S3 and for
   * this bucket's objects. @default - every principal of the account that its IAM policies allow
   */
  readonly keyUserArns?: readonly string[];
  /** Days before a backup (a current object version) expires. */
  readonly retentionDays: number;
  /** Days before a noncurrent (expired or overwritten) version is deleted. @default 7 */
  readonly noncurrentVersionDays?: number;
  /** Days before an incomplete multipart upload is aborted. @default 7 */
  readonly abortIncompleteMultipartUploadDays?: number;
  /** Days before an access-log object expires. @default 365 */
  readonly accessLogRetentionDays?: number;
  /** `prevent_destroy` on the key (issue 11). @default true */
  readonly deletionProtection?: boolean;
}

export class BackupBucket extends Construct {
  /** Name of the bucket. */
  public readonly bucketName: string;
  /** ARN of the bucket. */
  public readonly bucketArn: string;
  /** ARN of the customer-managed key that encrypts the backups; writers need GenerateDataKey on it. */
  public readonly keyArn: string;

  constructor(scope: Construct, id: string, props: BackupBucketProps) {
    super(scope, id);
    const { partition, accountId } = props;
    // Administration and use are separate statements (issue 11): the account administers the key
    // without using it; the writers use it through S3, for this bucket's objects only.
    const keyPolicy = new DataAwsIamPolicyDocument(this, "key-policy", {
      statement: [
        keyAdministrationOnlyStatement(partition, accountId),
        keyUseThroughS3Statement(
          { partition, accountId, region: props.region, principalArnPatterns: props.keyUserArns },
          bucketArn(partition, props.bucketName),
        ),
      ],
    });
    const key = new KmsKey(this, "key", {
      description: `Encrypts the backups in s3://${props.bucketName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      lifecycle: { preventDestroy: props.deletionProtection ?? true },
      policy: keyPolicy.json,
      tags: { Name: props.keyAliasName.replace(/^alias\//, "") },
    });
    new KmsAlias(this, "key-alias", { name: props.keyAliasName, targetKeyId: key.keyId });

    const logPrefix = `${props.bucketName}/`;
    const accessLogs = new AccessLogBucket(this, "access-logs", {
      bucketName: props.accessLogBucketName,
      sourceBucketArn: bucketArn(partition, props.bucketName),
      sourceAccountId: accountId,
      partition,
      logPrefix,
      retentionDays: props.accessLogRetentionDays,
    });

    const bucket = new S3Bucket(this, "bucket", { bucket: props.bucketName, forceDestroy: false });
    const { versioning, publicAccessBlock } = addBucketGuardrails(this, bucket);
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
    });
    // The bucket's ARN from its name, so the policy is known on a first plan; the policy resource
    // still waits for the bucket through its `bucket` argument.
    const arn = bucketArn(partition, props.bucketName);
    const document = new DataAwsIamPolicyDocument(this, "policy-document", {
      statement: [denyInsecureTransportStatement(arn), denyNonKmsUploadsStatement(arn)],
    });
    new S3BucketPolicy(this, "policy", {
      bucket: bucket.id,
      policy: document.json,
      // S3 rejects concurrent changes to a bucket's policy and its public access block.
      dependsOn: [publicAccessBlock],
    });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: bucket.id,
      rule: [
        {
          id: "expire-backups",
          status: "Enabled",
          filter: [{}],
          expiration: [{ days: props.retentionDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays ?? 7 }],
        },
        abortIncompleteUploadsRule(props.abortIncompleteMultipartUploadDays),
      ],
      // Rules on noncurrent versions need versioning configured first.
      dependsOn: [versioning],
    });
    new S3BucketLoggingA(this, "access-logging", {
      bucket: bucket.id,
      // The log bucket's name as read from its policy: logging starts once delivery is allowed.
      targetBucket: accessLogs.bucketName,
      targetPrefix: logPrefix,
    });

    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    this.keyArn = key.arn;
  }
}
