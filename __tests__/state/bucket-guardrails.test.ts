import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Testing } from "cdktf";
import { abortIncompleteUploadsRule, addBucketGuardrails } from "../../src/state/bucket-guardrails";

describe("addBucketGuardrails", () => {
  describe("on a bucket", () => {
    const synth = Testing.synthScope((scope) => {
      addBucketGuardrails(scope, new S3Bucket(scope, "bucket", { bucket: "b" }));
    });

    it("enables versioning", () => {
      expect(synth).toHaveResourceWithProperties(S3BucketVersioningA, {
        bucket: "${aws_s3_bucket.bucket.id}",
        versioning_configuration: { status: "Enabled" },
      });
    });

    it("sets all four public access blocks", () => {
      expect(synth).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
        bucket: "${aws_s3_bucket.bucket.id}",
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
    });

    it("disables ACLs with BucketOwnerEnforced", () => {
      expect(synth).toHaveResourceWithProperties(S3BucketOwnershipControls, {
        bucket: "${aws_s3_bucket.bucket.id}",
        rule: { object_ownership: "BucketOwnerEnforced" },
      });
    });
  });
});

describe("abortIncompleteUploadsRule", () => {
  it("aborts incomplete multipart uploads of the whole bucket after 7 days by default", () => {
    expect(abortIncompleteUploadsRule()).toEqual({
      id: "abort-incomplete-multipart-uploads",
      status: "Enabled",
      filter: [{}],
      abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
    });
  });

  it("takes another number of days, and undefined as the default", () => {
    expect(abortIncompleteUploadsRule(2).abortIncompleteMultipartUpload).toEqual([{ daysAfterInitiation: 2 }]);
    expect(abortIncompleteUploadsRule(undefined).abortIncompleteMultipartUpload).toEqual([{ daysAfterInitiation: 7 }]);
  });
});
