import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { Testing } from "cdktf";
import { loadOrgFile } from "../../src/model/load";
import type { Org } from "../../src/model/org";
import { stateKeys } from "../../src/model/naming";
import { STATE_STACK_LOCAL_PATH, StateStack, stateStackLocalPath, type StateStackProps } from "../../src/stacks/state-stack";
import { loadChanged } from "../../test-helpers/model-fixtures";

function build(org: Org, options: Omit<StateStackProps, "org"> = {}) {
  const stack = new StateStack(Testing.app(), "state", { org, ...options });
  const synth = Testing.synth(stack, true);
  return { stack, synth, json: JSON.parse(synth) };
}

/** Resources of one type in the synthesized JSON, by logical id. */
function resourcesOf(json: any, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

describe("StateStack", () => {
  describe("the default organization (lockfile locking, no state account)", () => {
    const org = loadOrgFile();
    const { stack, synth, json } = build(org);

    it("keeps its own state in an explicit local backend at the project root", () => {
      expect(json.terraform.backend).toEqual({ local: { path: STATE_STACK_LOCAL_PATH } });
      expect(STATE_STACK_LOCAL_PATH).toBe("../../../terraform.state.tfstate");
    });

    it("configures the aws provider in the state region with the organization's tags", () => {
      expect(synth).toHaveProviderWithProperties(AwsProvider, {
        region: "us-east-1",
        default_tags: [{ tags: expect.objectContaining({ organization: "acme", environment: "state" }) }],
      });
    });

    it("asks AWS for the account and partition, since the model does not name the state account", () => {
      expect(synth).toHaveDataSource(DataAwsCallerIdentity);
      expect(synth).toHaveDataSource(DataAwsPartition);
      expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: [
          expect.objectContaining({
            principals: [
              {
                type: "AWS",
                identifiers: ["arn:${data.aws_partition.partition.partition}:iam::${data.aws_caller_identity.caller-identity.account_id}:root"],
              },
            ],
          }),
        ],
      });
    });

    it("creates a rotating customer-managed key with an explicit policy and the model's alias", () => {
      expect(synth).toHaveResourceWithProperties(KmsKey, {
        enable_key_rotation: true,
        policy: "${data.aws_iam_policy_document.state-key_policy.json}",
      });
      expect(synth).toHaveResourceWithProperties(KmsAlias, { name: org.state.kmsAlias });
      expect(org.state.kmsAlias).toBe("alias/acme-terraform-state");
    });

    it("creates the state bucket, encrypted with that key", () => {
      expect(synth).toHaveResourceWithProperties(S3Bucket, { bucket: "acme-terraform-state" });
      expect(synth).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
        bucket: "${aws_s3_bucket.state-bucket_bucket.id}",
        rule: [
          {
            apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: "${aws_kms_key.state-key_key.arn}" },
            bucket_key_enabled: true,
          },
        ],
      });
    });

    it("expires noncurrent state versions after the model's noncurrentVersionDays", () => {
      expect(synth).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
        bucket: "${aws_s3_bucket.state-bucket_bucket.id}",
        rule: expect.arrayContaining([
          expect.objectContaining({ noncurrent_version_expiration: [{ noncurrent_days: org.state.noncurrentVersionDays }] }),
        ]),
      });
    });

    it("creates the access-log bucket with SSE-S3 and sends the state bucket's access logs there", () => {
      expect(synth).toHaveResourceWithProperties(S3Bucket, { bucket: "acme-terraform-state-logs" });
      expect(synth).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
        bucket: "${aws_s3_bucket.access-log-bucket_bucket.id}",
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }],
      });
      expect(synth).toHaveResourceWithProperties(S3BucketLoggingA, {
        bucket: "${aws_s3_bucket.state-bucket_bucket.id}",
        target_bucket: "${aws_s3_bucket_policy.access-log-bucket_policy.bucket}",
        target_prefix: "acme-terraform-state/",
      });
    });

    it("lets log delivery write only for the state bucket and the caller's account", () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: expect.arrayContaining([
          expect.objectContaining({
            sid: "AllowServerAccessLogDelivery",
            condition: [
              { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:${data.aws_partition.partition.partition}:s3:::acme-terraform-state"] },
              { test: "StringEquals", variable: "aws:SourceAccount", values: ["${data.aws_caller_identity.caller-identity.account_id}"] },
            ],
          }),
        ]),
      });
    });

    it("creates no lock table", () => {
      expect(synth).not.toHaveResource(DynamodbTable);
      expect(json.output["lock-table-name"]).toBeUndefined();
      expect(stack.lockTableName).toBeUndefined();
    });

    it("outputs the bucket name, bucket ARN and key ARN, each with a description", () => {
      expect(json.output["bucket-name"]).toEqual({
        value: "${aws_s3_bucket.state-bucket_bucket.bucket}",
        description: expect.any(String),
      });
      expect(json.output["bucket-arn"]).toEqual({ value: "${aws_s3_bucket.state-bucket_bucket.arn}", description: expect.any(String) });
      expect(json.output["kms-key-arn"]).toEqual({ value: "${aws_kms_key.state-key_key.arn}", description: expect.any(String) });
      for (const output of Object.values<any>(json.output)) expect(output.description.length).toBeGreaterThan(10);
    });

    it("has exactly two buckets, one key and one alias", () => {
      expect(Object.keys(resourcesOf(json, "aws_s3_bucket")).sort()).toEqual(["access-log-bucket_bucket", "state-bucket_bucket"]);
      expect(Object.keys(resourcesOf(json, "aws_kms_key"))).toEqual(["state-key_key"]);
      expect(Object.keys(resourcesOf(json, "aws_kms_alias"))).toEqual(["state-key_alias"]);
    });

    it("gives both buckets versioning, a full public access block, BucketOwnerEnforced and a bucket policy", () => {
      for (const type of [
        "aws_s3_bucket_versioning",
        "aws_s3_bucket_public_access_block",
        "aws_s3_bucket_ownership_controls",
        "aws_s3_bucket_policy",
        "aws_s3_bucket_lifecycle_configuration",
      ]) {
        expect(Object.keys(resourcesOf(json, type)).sort()).toEqual([
          expect.stringMatching(/^access-log-bucket_/),
          expect.stringMatching(/^state-bucket_/),
        ]);
      }
    });
  });

  describe("with locking: dynamodb", () => {
    const org = loadChanged((f) => {
      f.state.locking = "dynamodb";
    });
    const { stack, synth, json } = build(org);

    it("creates the lock table: LockID string hash key, on demand, PITR, encrypted with the state key", () => {
      expect(synth).toHaveResourceWithProperties(DynamodbTable, {
        name: "acme-terraform-locks",
        hash_key: "LockID",
        attribute: [{ name: "LockID", type: "S" }],
        billing_mode: "PAY_PER_REQUEST",
        point_in_time_recovery: { enabled: true },
        server_side_encryption: { enabled: true, kms_key_arn: "${aws_kms_key.state-key_key.arn}" },
      });
      expect(org.state.lockTable).toBe("acme-terraform-locks");
    });

    it("outputs the lock table name with a description", () => {
      expect(json.output["lock-table-name"]).toEqual({
        value: "${aws_dynamodb_table.lock-table_table.name}",
        description: expect.any(String),
      });
      expect(stack.lockTableName).toBeDefined();
    });

    it("still keeps the state bucket and key", () => {
      expect(synth).toHaveResourceWithProperties(S3Bucket, { bucket: "acme-terraform-state" });
      expect(synth).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
    });
  });

  describe("with state.accountId set", () => {
    const org = loadChanged((f) => {
      f.state.accountId = "444444444444";
    });
    const { synth, json } = build(org);

    it("calls no AWS data source: account and partition come from the model", () => {
      expect(synth).not.toHaveDataSource(DataAwsCallerIdentity);
      expect(synth).not.toHaveDataSource(DataAwsPartition);
      expect(Object.keys(json.data)).toEqual(["aws_iam_policy_document"]);
    });

    it("lets that account's root administer the key", () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: [expect.objectContaining({ principals: [{ type: "AWS", identifiers: ["arn:aws:iam::444444444444:root"] }] })],
      });
    });

    it("pins the provider to that account and assumes the state role", () => {
      expect(synth).toHaveProviderWithProperties(AwsProvider, {
        allowed_account_ids: ["444444444444"],
        assume_role: [expect.objectContaining({ role_arn: org.state.roleArn })],
      });
      expect(org.state.roleArn).toMatch(/^arn:aws:iam::444444444444:role\//);
    });

    it("limits log delivery to that account", () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: expect.arrayContaining([
          expect.objectContaining({
            sid: "AllowServerAccessLogDelivery",
            condition: [
              { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:s3:::acme-terraform-state"] },
              { test: "StringEquals", variable: "aws:SourceAccount", values: ["444444444444"] },
            ],
          }),
        ]),
      });
    });
  });

  describe("after migration (ownState: s3)", () => {
    const org = loadOrgFile();
    const { json } = build(org, { ownState: "s3" });

    it("keeps its own state in the bucket under state/state.tfstate, like every other stack", () => {
      expect(stateKeys.state).toBe("state/state.tfstate");
      expect(json.terraform.backend).toEqual({
        s3: expect.objectContaining({ bucket: "acme-terraform-state", key: "state/state.tfstate", encrypt: true, use_lockfile: true }),
      });
    });
  });

  describe("after migration, set in the environments file (state.ownState: s3)", () => {
    it("moves its backend to the bucket", () => {
      const { json } = build(loadChanged((f) => (f.state.ownState = "s3")));
      expect(Object.keys(json.terraform.backend)).toEqual(["s3"]);
    });
  });

  describe("with a custom local state path", () => {
    const { json } = build(loadOrgFile(), { localStatePath: "bootstrap/state.tfstate" });

    it("uses it", () => {
      expect(json.terraform.backend).toEqual({ local: { path: "bootstrap/state.tfstate" } });
    });
  });
});

describe("stateStackLocalPath", () => {
  it("is the default path for the default output folder, wherever the checkout lives", () => {
    for (const checkout of ["/home/me/landing-zone", "/srv/ci/builds/42/lz"]) {
      expect(stateStackLocalPath(`${checkout}/cdktf.out`, `${checkout}/terraform.state.tfstate`)).toBe(STATE_STACK_LOCAL_PATH);
    }
  });

  it("still reaches the project root's file from another output folder, without an absolute path", () => {
    expect(stateStackLocalPath("/home/me/lz/build/out", "/home/me/lz/terraform.state.tfstate")).toBe("../../../../terraform.state.tfstate");
  });
});
