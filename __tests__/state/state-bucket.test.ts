import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { TerraformOutput, Testing } from "cdktf";
import { LandingZoneStack } from "../../src/stacks/landing-zone-stack";
import { StateBucket, type StateBucketProps } from "../../src/state/state-bucket";

const KEY_ARN = "arn:aws:kms:us-east-1:111111111111:key/11111111-2222-3333-4444-555555555555";
const props: StateBucketProps = {
  bucketName: "acme-terraform-state",
  kmsKeyArn: KEY_ARN,
  accessLogBucketName: "acme-terraform-state-logs",
  accessLogPrefix: "acme-terraform-state/",
  noncurrentVersionDays: 90,
};

function build(p: StateBucketProps = props) {
  const stack = new LandingZoneStack(Testing.app(), "test");
  const bucket = new StateBucket(stack, "state-bucket", p);
  new TerraformOutput(stack, "name", { value: bucket.bucketName });
  new TerraformOutput(stack, "arn", { value: bucket.bucketArn });
  return { synth: Testing.synth(stack) };
}

describe("StateBucket", () => {
  describe("with a key and a log bucket", () => {
    const { synth } = build();

    it("creates the bucket, which Terraform may neither empty nor destroy", () => {
      expect(synth).toHaveResourceWithProperties(S3Bucket, {
        bucket: "acme-terraform-state",
        force_destroy: false,
        lifecycle: { prevent_destroy: true },
      });
    });

    it("enables versioning", () => {
      expect(synth).toHaveResourceWithProperties(S3BucketVersioningA, {
        bucket: "${aws_s3_bucket.state-bucket_bucket.id}",
        versioning_configuration: { status: "Enabled" },
      });
    });

    it("encrypts with SSE-KMS under the customer-managed key, with S3 Bucket Keys", () => {
      expect(synth).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
        rule: [
          {
            apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: KEY_ARN },
            bucket_key_enabled: true,
          },
        ],
      });
    });

    it("blocks all four kinds of public access", () => {
      expect(synth).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
        bucket: "${aws_s3_bucket.state-bucket_bucket.id}",
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
    });

    it("disables ACLs with BucketOwnerEnforced", () => {
      expect(synth).toHaveResourceWithProperties(S3BucketOwnershipControls, { rule: { object_ownership: "BucketOwnerEnforced" } });
    });

    it("denies every request made without TLS, on the bucket and its objects", () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: expect.arrayContaining([
          {
            sid: "DenyInsecureTransport",
            effect: "Deny",
            principals: [{ type: "AWS", identifiers: ["*"] }],
            actions: ["s3:*"],
            resources: ["${aws_s3_bucket.state-bucket_bucket.arn}", "${aws_s3_bucket.state-bucket_bucket.arn}/*"],
            condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
          },
        ]),
      });
    });

    it("denies uploads that ask for an encryption other than aws:kms", () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: expect.arrayContaining([
          expect.objectContaining({
            sid: "DenyNonKmsEncryptedUploads",
            effect: "Deny",
            actions: ["s3:PutObject"],
            resources: ["${aws_s3_bucket.state-bucket_bucket.arn}/*"],
          }),
        ]),
      });
    });

    it("attaches the policy after the public access block", () => {
      expect(synth).toHaveResourceWithProperties(S3BucketPolicy, {
        bucket: "${aws_s3_bucket.state-bucket_bucket.id}",
        policy: "${data.aws_iam_policy_document.state-bucket_policy-document.minified_json}",
        depends_on: ["aws_s3_bucket_public_access_block.state-bucket_public-access-block"],
      });
    });

    it("expires noncurrent versions after the configured days and never expires current ones", () => {
      expect(synth).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
        depends_on: ["aws_s3_bucket_versioning.state-bucket_versioning"],
        rule: expect.arrayContaining([
          expect.objectContaining({ status: "Enabled", noncurrent_version_expiration: [{ noncurrent_days: 90 }] }),
        ]),
      });
      const rules = JSON.parse(synth).resource.aws_s3_bucket_lifecycle_configuration["state-bucket_lifecycle"].rule;
      expect(rules.filter((r: { expiration?: unknown }) => r.expiration !== undefined)).toEqual([]);
    });

    it("aborts incomplete multipart uploads after 7 days", () => {
      expect(synth).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
        rule: expect.arrayContaining([
          expect.objectContaining({ status: "Enabled", abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] }),
        ]),
      });
    });

    it("logs server access to the log bucket under the prefix", () => {
      expect(synth).toHaveResourceWithProperties(S3BucketLoggingA, {
        bucket: "${aws_s3_bucket.state-bucket_bucket.id}",
        target_bucket: "acme-terraform-state-logs",
        target_prefix: "acme-terraform-state/",
      });
    });

    it("exposes the bucket's name and ARN as references", () => {
      const output = JSON.parse(synth).output;
      expect(output.name.value).toBe("${aws_s3_bucket.state-bucket_bucket.bucket}");
      expect(output.arn.value).toBe("${aws_s3_bucket.state-bucket_bucket.arn}");
    });
  });

  describe("with a shorter multipart-upload window and a longer version history", () => {
    const { synth } = build({ ...props, noncurrentVersionDays: 365, abortIncompleteMultipartUploadDays: 1 });

    it("uses them", () => {
      expect(synth).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
        rule: [
          expect.objectContaining({ noncurrent_version_expiration: [{ noncurrent_days: 365 }] }),
          expect.objectContaining({ abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }] }),
        ],
      });
    });
  });

  describe("the bucket policy's guards", () => {
    const GUARD = {
      stackRolePatterns: ["arn:aws:iam::111111111111:role/acme-*-state"],
      deployerFolder: "state/*",
      deployer: "arn:aws:iam::111111111111:role/deployer",
      deployerEverywhere: false,
    };
    const statementsOf = (p: StateBucketProps): any[] =>
      JSON.parse(build(p).synth).data.aws_iam_policy_document["state-bucket_policy-document"].statement;
    const bySid = (p: StateBucketProps) => new Map(statementsOf(p).map((st) => [st.sid, st]));

    describe("by default", () => {
      const statements = bySid(props);

      it("denies uploads that name a key other than the state key, by key ARN", () => {
        expect(statements.get("DenyUploadsWithAnotherKmsKey").condition).toEqual([
          { test: "StringNotEquals", variable: "s3:x-amz-server-side-encryption-aws-kms-key-id", values: [KEY_ARN] },
          { test: "Null", variable: "s3:x-amz-server-side-encryption-aws-kms-key-id", values: ["false"] },
        ]);
      });

      it("denies SSE-KMS uploads without a key id", () => {
        expect(statements.get("DenyKmsUploadsWithoutTheStateKey").effect).toBe("Deny");
      });

      it("denies deleting object versions to everyone, without exception", () => {
        expect(statements.get("DenyStateVersionDeletion")).toMatchObject({ effect: "Deny", actions: ["s3:DeleteObjectVersion"] });
        expect(statements.get("DenyStateVersionDeletion")).not.toHaveProperty("condition");
      });

      it("denies changing the bucket policy to everyone", () => {
        expect(statements.get("DenyBucketPolicyChanges")).toMatchObject({ actions: ["s3:PutBucketPolicy", "s3:DeleteBucketPolicy"] });
        expect(statements.get("DenyBucketPolicyChanges")).not.toHaveProperty("condition");
      });

      it("keeps S3 Bucket Keys on", () => {
        expect(build().synth).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
          rule: [expect.objectContaining({ bucket_key_enabled: true })],
        });
      });
    });

    describe("with an object guard, policy administrators and a break-glass principal", () => {
      const p: StateBucketProps = {
        ...props,
        objectGuard: GUARD,
        policyAdministrators: ["arn:aws:iam::111111111111:role/deployer"],
        breakGlassPrincipalArn: "arn:aws:iam::111111111111:role/break-glass",
        kmsKeyIds: [KEY_ARN, "arn:aws:kms:us-east-1:111111111111:alias/state"],
        bucketKeyEnabled: false,
      };
      const statements = bySid(p);

      it("denies state objects to all but the stack roles, the deployer and the break-glass principal", () => {
        expect(statements.get("DenyStateObjectsExceptStateRoles")).toMatchObject({
          actions: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject"],
          resources: ["${aws_s3_bucket.state-bucket_bucket.arn}/*"],
          condition: [
            {
              test: "ArnNotLike",
              variable: "aws:PrincipalArn",
              values: [...GUARD.stackRolePatterns, GUARD.deployer, "arn:aws:iam::111111111111:role/break-glass"],
            },
          ],
        });
      });

      it("keeps the deployer to the state stack's folder", () => {
        expect(statements.get("DenyDeployerOtherStateObjects")).toMatchObject({
          not_resources: ["${aws_s3_bucket.state-bucket_bucket.arn}/state/*"],
          condition: [{ test: "ArnEquals", variable: "aws:PrincipalArn", values: [GUARD.deployer] }],
        });
      });

      it("excepts the administrators and the break-glass principal from the bucket policy deny, and only break-glass from version deletion", () => {
        expect(statements.get("DenyBucketPolicyChanges").condition[0].values).toEqual([
          "arn:aws:iam::111111111111:role/deployer",
          "arn:aws:iam::111111111111:role/break-glass",
        ]);
        expect(statements.get("DenyStateVersionDeletion").condition[0].values).toEqual(["arn:aws:iam::111111111111:role/break-glass"]);
      });

      it("accepts every listed form of the state key", () => {
        expect(statements.get("DenyUploadsWithAnotherKmsKey").condition[0].values).toEqual(p.kmsKeyIds);
      });

      it("turns S3 Bucket Keys off when asked", () => {
        expect(build(p).synth).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
          rule: [expect.objectContaining({ bucket_key_enabled: false })],
        });
      });
    });
  });
});
