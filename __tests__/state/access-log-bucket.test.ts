import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { TerraformOutput, Testing } from "cdktf";
import { LandingZoneStack } from "../../src/stacks/landing-zone-stack";
import { AccessLogBucket, type AccessLogBucketProps } from "../../src/state/access-log-bucket";

const props: AccessLogBucketProps = {
  bucketName: "acme-terraform-state-logs",
  sourceBucketArn: "arn:aws:s3:::acme-terraform-state",
  sourceAccountId: "111111111111",
  logPrefix: "acme-terraform-state/",
};

function build(p: AccessLogBucketProps = props) {
  const stack = new LandingZoneStack(Testing.app(), "test");
  const bucket = new AccessLogBucket(stack, "access-log-bucket", p);
  new TerraformOutput(stack, "name", { value: bucket.bucketName });
  return { synth: Testing.synth(stack) };
}

describe("AccessLogBucket", () => {
  describe("with the default retention", () => {
    const { synth } = build();

    it("creates the bucket under its name", () => {
      expect(synth).toHaveResourceWithProperties(S3Bucket, { bucket: "acme-terraform-state-logs", force_destroy: false });
    });

    it("encrypts with SSE-S3, the only encryption S3 log delivery supports", () => {
      expect(synth).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }],
      });
    });

    it("is versioned, fully public-access-blocked and has ACLs disabled", () => {
      expect(synth).toHaveResourceWithProperties(S3BucketVersioningA, { versioning_configuration: { status: "Enabled" } });
      expect(synth).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(synth).toHaveResourceWithProperties(S3BucketOwnershipControls, { rule: { object_ownership: "BucketOwnerEnforced" } });
    });

    it("lets only the S3 logging service deliver, for the state bucket and its account, under the prefix", () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: expect.arrayContaining([
          {
            sid: "AllowServerAccessLogDelivery",
            effect: "Allow",
            principals: [{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }],
            actions: ["s3:PutObject"],
            resources: ["${aws_s3_bucket.access-log-bucket_bucket.arn}/acme-terraform-state/*"],
            condition: [
              { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:s3:::acme-terraform-state"] },
              { test: "StringEquals", variable: "aws:SourceAccount", values: ["111111111111"] },
            ],
          },
        ]),
      });
    });

    it("denies requests without TLS", () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: expect.arrayContaining([
          expect.objectContaining({
            effect: "Deny",
            condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
          }),
        ]),
      });
    });

    it("attaches the policy after the public access block", () => {
      expect(synth).toHaveResourceWithProperties(S3BucketPolicy, {
        policy: "${data.aws_iam_policy_document.access-log-bucket_policy-document.json}",
        depends_on: ["aws_s3_bucket_public_access_block.access-log-bucket_public-access-block"],
      });
    });

    it("expires logs after 365 days and their noncurrent versions after 30", () => {
      expect(synth).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
        rule: expect.arrayContaining([
          expect.objectContaining({
            status: "Enabled",
            expiration: [{ days: 365 }],
            noncurrent_version_expiration: [{ noncurrent_days: 30 }],
          }),
        ]),
      });
    });

    it("aborts incomplete multipart uploads after 7 days", () => {
      expect(synth).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
        rule: expect.arrayContaining([
          expect.objectContaining({ status: "Enabled", abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] }),
        ]),
      });
    });

    it("exposes its name through the bucket policy, so log targets wait for the delivery grant", () => {
      expect(JSON.parse(synth).output.name.value).toBe("${aws_s3_bucket_policy.access-log-bucket_policy.bucket}");
    });
  });

  describe("with its partition", () => {
    const { synth } = build({ ...props, partition: "aws" });

    it("names the bucket in its policy by ARN, so the policy is known on a first plan", () => {
      const documents = Object.values(JSON.parse(synth).data.aws_iam_policy_document) as { statement: { resources: string[] }[] }[];
      expect(documents.flatMap((d) => d.statement.map((st) => st.resources))).toEqual([
        ["arn:aws:s3:::acme-terraform-state-logs/acme-terraform-state/*"],
        ["arn:aws:s3:::acme-terraform-state-logs", "arn:aws:s3:::acme-terraform-state-logs/*"],
      ]);
    });
  });

  describe("with a custom retention", () => {
    const { synth } = build({ ...props, retentionDays: 730, noncurrentVersionDays: 14, abortIncompleteMultipartUploadDays: 3 });

    it("uses it", () => {
      expect(synth).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
        rule: [
          expect.objectContaining({ expiration: [{ days: 730 }], noncurrent_version_expiration: [{ noncurrent_days: 14 }] }),
          expect.objectContaining({ abort_incomplete_multipart_upload: [{ days_after_initiation: 3 }] }),
        ],
      });
    });
  });
});
