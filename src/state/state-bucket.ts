/**
 * The S3 bucket that holds every stack's Terraform state: versioned, SSE-KMS with the state
 * key and S3 Bucket Keys, private, ACLs disabled, TLS-only, noncurrent versions expiring,
 * server access logs to the access-log bucket. It cannot be destroyed by Terraform.
 */
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { Construct } from "constructs";
import { abortIncompleteUploadsRule, addBucketGuardrails } from "./bucket-guardrails";
import { stateBucketPolicyStatements, type StateObjectGuard } from "./policy-statements";

export interface StateBucketProps {
  /** Name of the state bucket. */
  readonly bucketName: string;
  /** ARN of the customer-managed KMS key that encrypts the objects by default. */
  readonly kmsKeyArn: string;
  /** Bucket that receives the server access logs (it must allow delivery under `accessLogPrefix`). */
  readonly accessLogBucketName: string;
  /** Key prefix of the access logs in the log bucket, e.g. `acme-terraform-state/`. */
  readonly accessLogPrefix: string;
  /** Days before a noncurrent state version expires. */
  readonly noncurrentVersionDays: number;
  /** Days before an incomplete multipart upload is aborted. @default 7 */
  readonly abortIncompleteMultipartUploadDays?: number;
  /**
   * Every form uploads may name the KMS key by (`s3:x-amz-server-side-encryption-aws-kms-key-id`);
   * an upload naming another key is denied. @default - [kmsKeyArn]
   */
  readonly kmsKeyIds?: readonly string[];
  /**
   * Who may touch state objects at all; the bucket policy denies everyone else (break-glass
   * aside). @default - no guard
   */
  readonly objectGuard?: StateObjectGuard;
  /**
   * Principals that apply the bucket policy (the state stack's deployer): with the break-glass
   * principal, the only ones that may change or delete it. @default [] - nobody but the break-glass principal
   */
  readonly policyAdministrators?: readonly string[];
  /**
   * The one principal that may delete object versions, change the bucket policy and touch any
   * guarded key. @default - none: nobody may delete object versions
   */
  readonly breakGlassPrincipalArn?: string;
  /**
   * Encrypt with S3 Bucket Keys. They make the KMS encryption context the bucket's ARN instead of
   * the object's, so per-object KMS grants (per-stack roles) need them off. @default true
   */
  readonly bucketKeyEnabled?: boolean;
}

export class StateBucket extends Construct {
  /** Name of the bucket. */
  public readonly bucketName: string;
  /** ARN of the bucket. */
  public readonly bucketArn: string;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const bucket = new S3Bucket(this, "bucket", {
      bucket: props.bucketName,
      forceDestroy: false,
      // The state of every stack lives here.
      lifecycle: { preventDestroy: true },
    });
    const { versioning, publicAccessBlock } = addBucketGuardrails(this, bucket);

    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.kmsKeyArn },
          // S3 Bucket Keys: far fewer KMS requests per object, but the encryption context becomes the
          // bucket ARN (S3 User Guide, "Configuring your bucket to use an S3 Bucket Key"), which
          // per-stack roles cannot be scoped by; the state stack turns them off for those.
          bucketKeyEnabled: props.bucketKeyEnabled ?? true,
        },
      ],
    });

    const document = new DataAwsIamPolicyDocument(this, "policy-document", {
      statement: stateBucketPolicyStatements(bucket.arn, {
        kmsKeyIds: props.kmsKeyIds ?? [props.kmsKeyArn],
        objectGuard: props.objectGuard,
        policyAdministrators: props.policyAdministrators ?? [],
        breakGlassPrincipalArn: props.breakGlassPrincipalArn,
      }),
    });
    new S3BucketPolicy(this, "policy", {
      bucket: bucket.id,
      // Minified: S3 caps a bucket policy at 20 KB.
      policy: document.minifiedJson,
      // S3 rejects concurrent changes to a bucket's policy and its public access block.
      dependsOn: [publicAccessBlock],
    });

    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: bucket.id,
      rule: [
        {
          // Current versions never expire: they are the state.
          id: "expire-noncurrent-versions",
          status: "Enabled",
          filter: [{}],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays }],
        },
        abortIncompleteUploadsRule(props.abortIncompleteMultipartUploadDays),
      ],
      // Rules on noncurrent versions need versioning configured first.
      dependsOn: [versioning],
    });

    new S3BucketLoggingA(this, "access-logging", {
      bucket: bucket.id,
      targetBucket: props.accessLogBucketName,
      targetPrefix: props.accessLogPrefix,
    });

    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
  }
}
