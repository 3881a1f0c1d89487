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
import { environmentByName } from "../../src/model/org";
import { isAllowed } from "../../src/policy/policy-evaluator";
import { stateKmsKeyId } from "../../src/stacks/s3-backend";
import { synthesizeOrg } from "../../src/testing/synthesize-org";
import { loadChanged } from "../../test-helpers/model-fixtures";
import { StatePolicies } from "../../test-helpers/state-policies";

function build(org: Org, options: Omit<StateStackProps, "org"> = {}) {
  const stack = new StateStack(Testing.app(), "state", { org, ...options });
  const synth = Testing.synth(stack, true);
  return { stack, synth, json: JSON.parse(synth) };
}

/** Resources of one type in the synthesized JSON, by logical id. */
function resourcesOf(json: any, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

/** An organization that keeps one principal for all state and names no state account (today's upgrade path). */
function sharedWithoutAccount(): Org {
  return loadChanged((f) => {
    delete f.state.accountId;
    f.state.isolation = "shared";
    f.state.breakGlassPrincipal = BREAK_GLASS;
  });
}

const BREAK_GLASS = "arn:aws:iam::111111111111:role/break-glass";

describe("StateStack", () => {
  describe("with isolation shared and no state account (lockfile locking)", () => {
    const org = sharedWithoutAccount();
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
        statement: expect.arrayContaining([
          expect.objectContaining({
            principals: [
              {
                type: "AWS",
                identifiers: ["arn:${data.aws_partition.partition.partition}:iam::${data.aws_caller_identity.caller-identity.account_id}:root"],
              },
            ],
          }),
        ]),
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
        statement: expect.arrayContaining([
          expect.objectContaining({ sid: "AccountAdministersKey", principals: [{ type: "AWS", identifiers: ["arn:aws:iam::444444444444:root"] }] }),
        ]),
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

/** The synthesized organization, its state account's policies, and the role each stack's backend assumes. */
function stateWorld(org: Org) {
  const stacks = new Map(synthesizeOrg(org).map((s) => [s.name, (typeof s.json === "string" ? JSON.parse(s.json) : s.json) as any]));
  const policies = new StatePolicies(stacks.get("state")!, org.state.accountId!, org.state.region, stateKmsKeyId(org.state));
  const backendRole = (stack: string): string => stacks.get(stack)!.terraform.backend.s3.assume_role.role_arn;
  return { stacks, policies, backendRole };
}

const KEYS = {
  devNetwork: stateKeys.environment("development"),
  devPlatform: stateKeys.platform("development"),
  prodNetwork: stateKeys.environment("production"),
  prodPlatform: stateKeys.platform("production"),
  mgmtNetwork: stateKeys.environment("management"),
};

describe("state isolation, evaluated from the synthesized policies", () => {
  describe("the default organization (isolation perStack)", () => {
    const org = loadOrgFile();
    const { policies, backendRole, stacks } = stateWorld(org);
    const dev = environmentByName(org, "development").deployRoleArn!;
    const stateAdmin = org.state.roleArn!;
    // Every principal development's stacks can act as: their deployer (admin in its own account), the
    // state roles it can assume, and the roles their backends assume (an admin unless the state stack defines it).
    const devPrincipals = [...new Set([dev, ...policies.assumableBy(dev), backendRole("development"), backendRole("development-platform")])];

    it("declares, for every stack, exactly the keys its cross-stack references read, and reads them with its own role", () => {
      for (const [name, json] of stacks) {
        if (name === "state") continue;
        const access = org.state.stackAccess!.find((a) => a.stack === name)!;
        const remote = Object.values<any>(json.data?.terraform_remote_state ?? {});
        expect({ name, reads: remote.map((r) => r.config.key).sort() }).toEqual({ name, reads: [...access.reads].sort() });
        for (const r of remote) expect(r.config.assume_role.role_arn).toBe(access.roleArn);
      }
    });

    it("lets development's deployer assume only development's two state roles", () => {
      expect(policies.assumableBy(dev).sort()).toEqual([
        "arn:aws:iam::111111111111:role/acme-development-platform-state",
        "arn:aws:iam::111111111111:role/acme-development-state",
      ]);
    });

    it("lets no principal of development put production's keys or their lock files", () => {
      for (const principal of devPrincipals) {
        for (const key of [KEYS.prodNetwork, `${KEYS.prodNetwork}.tflock`, KEYS.prodPlatform, stateKeys.state]) {
          expect({ principal, key, put: policies.canPut(principal, key) }).toEqual({ principal, key, put: false });
        }
      }
    });

    it("lets no principal of development read production's keys", () => {
      for (const principal of devPrincipals) {
        for (const key of [KEYS.prodNetwork, KEYS.prodPlatform, KEYS.mgmtNetwork]) {
          expect({ principal, key, read: policies.canRead(principal, key) }).toEqual({ principal, key, read: false });
        }
      }
    });

    it("lets the role development's backend assumes put and read its own key and lock file", () => {
      const role = backendRole("development");
      expect(policies.canPut(role, KEYS.devNetwork)).toBe(true);
      expect(policies.canPut(role, `${KEYS.devNetwork}.tflock`)).toBe(true);
      expect(policies.canRead(role, KEYS.devNetwork)).toBe(true);
      expect(policies.s3(role, "s3:DeleteObject", `${policies.bucketArn}/${KEYS.devNetwork}.tflock`)).toBe(true);
    });

    it("lets development-platform's role read its environment's key but write only its own", () => {
      const role = backendRole("development-platform");
      expect(policies.canRead(role, KEYS.devNetwork)).toBe(true);
      expect(policies.canPut(role, KEYS.devNetwork)).toBe(false);
      expect(policies.canPut(role, KEYS.devPlatform)).toBe(true);
    });

    it("lets the peering role read every peered environment's key and write none of them", () => {
      const role = backendRole("peering");
      for (const key of [KEYS.devNetwork, KEYS.prodNetwork, KEYS.mgmtNetwork]) {
        expect(policies.canRead(role, key)).toBe(true);
        expect(policies.canPut(role, key)).toBe(false);
      }
      expect(policies.canPut(role, stateKeys.peering)).toBe(true);
      expect(policies.assumableBy(environmentByName(org, "management").deployRoleArn!)).toContain(role);
    });

    it("denies even an admin of the state account (the state stack's deployer) production's key, but not the state stack's own", () => {
      expect(policies.canPut(stateAdmin, KEYS.prodNetwork)).toBe(false);
      expect(policies.canRead(stateAdmin, KEYS.prodNetwork)).toBe(false);
      expect(policies.canPut(stateAdmin, stateKeys.state)).toBe(true);
    });

    it("scopes each role's use of the state key to its objects' encryption context", () => {
      expect(policies.kmsForObject(backendRole("development"), "kms:Decrypt", KEYS.prodNetwork)).toBe(false);
      expect(policies.kmsForObject(backendRole("development"), "kms:Decrypt", KEYS.devNetwork)).toBe(true);
    });

    it("lets no other principal of the state account use the state key, even one whose IAM policies allow everything (point 11)", () => {
      const otherAdmin = "arn:aws:iam::111111111111:role/another-admin";
      expect(policies.kmsForObject(otherAdmin, "kms:Decrypt", KEYS.devNetwork)).toBe(false);
      expect(policies.kmsForObject(stateAdmin, "kms:GenerateDataKey", stateKeys.state)).toBe(true);
    });

    it("lets the key be used only through S3 for the state bucket's objects, not directly", () => {
      const direct = (principalArn: string) =>
        isAllowed(
          { principalArn, action: "kms:Decrypt", resource: policies.keyArn },
          { identity: policies.identityOf(principalArn), resource: policies.keyPolicy, resourceAccount: policies.accountId, kind: "kms" },
        );
      expect(direct(stateAdmin)).toBe(false);
      expect(direct(backendRole("development"))).toBe(false);
    });

    it("still lets the account administer the key, so no one is locked out, without using it", () => {
      const admin = (action: string) =>
        isAllowed(
          { principalArn: stateAdmin, action, resource: policies.keyArn },
          { identity: policies.identityOf(stateAdmin), resource: policies.keyPolicy, resourceAccount: policies.accountId, kind: "kms" },
        );
      expect(admin("kms:PutKeyPolicy")).toBe(true);
      expect(admin("kms:ScheduleKeyDeletion")).toBe(true);
      expect(admin("kms:CreateGrant")).toBe(false);
    });

    it("turns S3 Bucket Keys off, so the encryption context is the object's ARN", () => {
      const encryption = stateWorld(org).stacks.get("state")!.resource.aws_s3_bucket_server_side_encryption_configuration["state-bucket_encryption"];
      expect(encryption.rule[0].bucket_key_enabled).toBe(false);
    });
  });

  describe("the bucket policy's break-glass and key guards (point 13)", () => {
    const org = loadOrgFile();
    const { policies, backendRole } = stateWorld(org);
    const devRole = backendRole("development");
    const objectOf = (key: string) => `${policies.bucketArn}/${key}`;

    it("denies an upload that names another KMS key, even to the key's owner", () => {
      const other = { "s3:x-amz-server-side-encryption": "aws:kms", "s3:x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:us-east-1:111111111111:key/other" };
      expect(policies.s3(devRole, "s3:PutObject", objectOf(KEYS.devNetwork), other)).toBe(false);
    });

    it("denies an SSE-KMS upload that names no key (S3 would use aws/s3)", () => {
      expect(policies.s3(devRole, "s3:PutObject", objectOf(KEYS.devNetwork), { "s3:x-amz-server-side-encryption": "aws:kms" })).toBe(false);
    });

    it("accepts the state key by its key ARN as well as by the alias ARN the backends send", () => {
      const byArn = { "s3:x-amz-server-side-encryption": "aws:kms", "s3:x-amz-server-side-encryption-aws-kms-key-id": policies.keyArn };
      expect(policies.s3(devRole, "s3:PutObject", objectOf(KEYS.devNetwork), byArn)).toBe(true);
    });

    it("denies deleting state versions to everyone, the state account's admin included, without a break-glass principal", () => {
      expect(org.state.breakGlassPrincipal).toBeUndefined();
      expect(policies.s3(org.state.roleArn!, "s3:DeleteObjectVersion", objectOf(KEYS.prodNetwork))).toBe(false);
      expect(policies.s3(devRole, "s3:DeleteObjectVersion", objectOf(KEYS.devNetwork))).toBe(false);
    });

    it("lets only the state stack's deployer change the bucket policy, so the state stack can apply it again", () => {
      const bucket = policies.bucketArn;
      expect(policies.s3(org.state.roleArn!, "s3:PutBucketPolicy", bucket)).toBe(true);
      expect(policies.s3("arn:aws:iam::111111111111:role/another-admin", "s3:PutBucketPolicy", bucket)).toBe(false);
      expect(policies.s3("arn:aws:iam::111111111111:role/another-admin", "s3:DeleteBucketPolicy", bucket)).toBe(false);
    });

    describe("with a break-glass principal", () => {
      const withBreakGlass = loadChanged((f) => (f.state.breakGlassPrincipal = BREAK_GLASS));
      const world = stateWorld(withBreakGlass);

      it("lets it, and only it, delete versions, change the policy and read any key", () => {
        expect(world.policies.s3(BREAK_GLASS, "s3:DeleteObjectVersion", `${world.policies.bucketArn}/${KEYS.prodNetwork}`)).toBe(true);
        expect(world.policies.s3(BREAK_GLASS, "s3:PutBucketPolicy", world.policies.bucketArn)).toBe(true);
        expect(world.policies.s3(BREAK_GLASS, "s3:GetObject", `${world.policies.bucketArn}/${KEYS.prodNetwork}`)).toBe(true);
        expect(world.policies.s3(withBreakGlass.state.roleArn!, "s3:DeleteObjectVersion", `${world.policies.bucketArn}/${KEYS.prodNetwork}`)).toBe(false);
      });
    });
  });

  describe("while upgrading (isolation transition)", () => {
    const org = loadChanged((f) => (f.state.isolation = "transition"));
    const { policies, backendRole } = stateWorld(org);

    it("keeps the state account's deploy role able to write every key, so pipelines not yet moved keep working", () => {
      expect(policies.canPut(org.state.roleArn!, KEYS.prodNetwork)).toBe(true);
      expect(policies.canRead(org.state.roleArn!, KEYS.devNetwork)).toBe(true);
    });

    it("already moves each stack to its own role, which can decrypt objects written with an S3 Bucket Key", () => {
      expect(backendRole("production")).toBe("arn:aws:iam::111111111111:role/acme-production-state");
      const bucketKeyDecrypt = isAllowed(
        {
          principalArn: backendRole("production"),
          action: "kms:Decrypt",
          resource: policies.keyArn,
          context: { "kms:ViaService": "s3.us-east-1.amazonaws.com", "kms:EncryptionContext:aws:s3:arn": policies.bucketArn },
        },
        { identity: policies.identityOf(backendRole("production")), resource: policies.keyPolicy, resourceAccount: "111111111111", kind: "kms" },
      );
      expect(bucketKeyDecrypt).toBe(true);
    });

    it("still keeps development's roles off production's key", () => {
      expect(policies.canPut(backendRole("development"), KEYS.prodNetwork)).toBe(false);
    });
  });

  describe("with locking: dynamodb", () => {
    const org = loadChanged((f) => (f.state.locking = "dynamodb"));
    const { policies, backendRole } = stateWorld(org);
    const table = "arn:aws:dynamodb:us-east-1:111111111111:table/acme-terraform-locks";
    const lock = (principalArn: string, key: string) =>
      isAllowed(
        { principalArn, action: "dynamodb:PutItem", resource: table, context: { "dynamodb:LeadingKeys": [`acme-terraform-state/${key}`] } },
        { identity: policies.identityOf(principalArn), resourceAccount: "111111111111", kind: "s3" },
      );

    it("lets a stack's role lock only its own state's item", () => {
      expect(lock(backendRole("development"), KEYS.devNetwork)).toBe(true);
      expect(lock(backendRole("development"), KEYS.prodNetwork)).toBe(false);
    });

    it("gives no role a lock file grant", () => {
      expect(policies.canPut(backendRole("development"), `${KEYS.devNetwork}.tflock`)).toBe(false);
    });
  });
});
