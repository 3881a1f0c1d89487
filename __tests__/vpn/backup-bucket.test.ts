import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { TerraformOutput, Testing } from "cdktf";
import { evaluateStack } from "../../src/policy/engine";
import { stateRules } from "../../src/policy/rules/state-rules";
import { LandingZoneStack } from "../../src/stacks/landing-zone-stack";
import { countResources } from "../../src/testing";
import { BackupBucket, type BackupBucketProps } from "../../src/vpn/backup-bucket";

const props: BackupBucketProps = {
  bucketName: "acme-management-vpn-backups-111111111111",
  accessLogBucketName: "acme-management-vpn-access-logs-111111111111",
  keyAliasName: "alias/acme-management-vpn-backups",
  accountId: "111111111111",
  partition: "aws",
  region: "eu-west-1",
  retentionDays: 30,
};

function build(p: BackupBucketProps = props) {
  const stack = new LandingZoneStack(Testing.app(), "test");
  const bucket = new BackupBucket(stack, "backups", p);
  new TerraformOutput(stack, "name", { value: bucket.bucketName });
  return Testing.synth(stack);
}

describe("BackupBucket", () => {
  describe("with a 30-day retention", () => {
    const synth = build();

    it("encrypts with its own rotating customer-managed key and S3 Bucket Keys", () => {
      expect(synth).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
      expect(synth).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
        bucket: "${aws_s3_bucket.backups_bucket.id}",
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: "${aws_kms_key.backups_key.arn}" }, bucket_key_enabled: true }],
      });
    });

    it("versions both buckets and blocks all public access to them", () => {
      expect(countResources(synth, S3BucketVersioningA)).toBe(2);
      expect(synth).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
        bucket: "${aws_s3_bucket.backups_bucket.id}",
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
    });

    it("denies requests without TLS and uploads asking for another encryption", () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: [expect.objectContaining({ sid: "DenyInsecureTransport" }), expect.objectContaining({ sid: "DenyNonKmsEncryptedUploads" })],
      });
    });

    it("names both buckets in their policies by ARN, so the policies are known on a first plan", () => {
      const documents = JSON.parse(synth).data.aws_iam_policy_document as Record<string, { statement: { resources?: string[] }[] }>;
      expect(documents["backups_policy-document"].statement.map((st) => st.resources)).toEqual([
        ["arn:aws:s3:::acme-management-vpn-backups-111111111111", "arn:aws:s3:::acme-management-vpn-backups-111111111111/*"],
        ["arn:aws:s3:::acme-management-vpn-backups-111111111111/*"],
      ]);
      expect(JSON.stringify(documents["backups_access-logs_policy-document"])).not.toContain("${");
    });

    it("expires backups after the retention and cleans up old versions and incomplete uploads", () => {
      expect(synth).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
        bucket: "${aws_s3_bucket.backups_bucket.id}",
        rule: [
          expect.objectContaining({ id: "expire-backups", expiration: [{ days: 30 }], noncurrent_version_expiration: [{ noncurrent_days: 7 }] }),
          expect.objectContaining({ id: "abort-incomplete-multipart-uploads", abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] }),
        ],
      });
    });

    it("sends its access logs to its own log bucket, under its name", () => {
      expect(synth).toHaveResourceWithProperties(S3BucketLoggingA, {
        bucket: "${aws_s3_bucket.backups_bucket.id}",
        target_bucket: "${aws_s3_bucket_policy.backups_access-logs_policy.bucket}",
        target_prefix: "acme-management-vpn-backups-111111111111/",
      });
    });

    it("passes every S3 rule of POLICY.md, except the two it lists for the access-log bucket", () => {
      const findings = evaluateStack("test", JSON.parse(synth), stateRules);
      expect(findings.map((f) => `${f.ruleId} ${f.address} ${JSON.stringify(f.detail ?? {})}`).sort()).toEqual([
        'CKV_AWS_145 aws_s3_bucket.backups_access-logs_bucket {"sseAlgorithm":"AES256","accessLogTarget":true}',
        'CKV_AWS_18 aws_s3_bucket.backups_access-logs_bucket {"accessLogTarget":true}',
      ]);
    });
  });
});
