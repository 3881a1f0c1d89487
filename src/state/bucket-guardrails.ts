/**
 * The settings every bucket of the state stack shares: versioning, the four public access
 * blocks and ACLs disabled. A function rather than a construct so the resources keep the
 * bucket construct's short ids (`state-bucket_versioning`, not `state-bucket_guardrails_versioning`).
 */
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import type { S3BucketLifecycleConfigurationRule } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import type { Construct } from "constructs";

/** The resources addBucketGuardrails created, for `dependsOn`. */
export interface BucketGuardrails {
  /** Versioning Enabled; lifecycle rules on noncurrent versions wait for it. */
  readonly versioning: S3BucketVersioningA;
  /** All four public access blocks; the bucket policy waits for it (S3 rejects concurrent changes). */
  readonly publicAccessBlock: S3BucketPublicAccessBlock;
  /** Object ownership BucketOwnerEnforced (ACLs disabled). */
  readonly ownershipControls: S3BucketOwnershipControls;
}

/** Adds versioning (CKV_AWS_21), a full public access block (CKV2_AWS_6) and BucketOwnerEnforced (CKV2_AWS_65). */
export function addBucketGuardrails(scope: Construct, bucket: S3Bucket): BucketGuardrails {
  const versioning = new S3BucketVersioningA(scope, "versioning", {
    bucket: bucket.id,
    versioningConfiguration: { status: "Enabled" },
  });
  const publicAccessBlock = new S3BucketPublicAccessBlock(scope, "public-access-block", {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  const ownershipControls = new S3BucketOwnershipControls(scope, "ownership-controls", {
    bucket: bucket.id,
    rule: { objectOwnership: "BucketOwnerEnforced" },
  });
  return { versioning, publicAccessBlock, ownershipControls };
}

/** Days before an incomplete multipart upload is aborted, unless a bucket's props say otherwise. */
export const ABORT_INCOMPLETE_UPLOADS_DAYS = 7;

/**
 * The lifecycle rule every bucket here has: incomplete multipart uploads are aborted (their parts
 * are stored and billed until then, CKV_AWS_300).
 */
export function abortIncompleteUploadsRule(days: number = ABORT_INCOMPLETE_UPLOADS_DAYS): S3BucketLifecycleConfigurationRule {
  return {
    id: "abort-incomplete-multipart-uploads",
    status: "Enabled",
    filter: [{}],
    abortIncompleteMultipartUpload: [{ daysAfterInitiation: days }],
  };
}
