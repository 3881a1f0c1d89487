/**
 * The bootstrap `state` stack: the S3 bucket every other stack keeps its state in, the KMS
 * key that encrypts it, the bucket for its access logs, with `locking: dynamodb` the lock
 * table, and (with `state.isolation` perStack or transition) each stack's backend role, which
 * may write only that stack's key and read only the keys it consumes; the bucket policy denies
 * every other principal the state objects (src/state/key-guards.ts), deleting versions and changing
 * the policy (except `state.roleArn` and the break-glass principal), and the key policy lets only
 * those principals use the key, through S3 or DynamoDB. Deployed first, with its own state in a local file because the bucket does not exist
 * yet; once deployed, its state moves into the bucket (`ownState: "s3"`, then
 * `npx cdktf diff state --migrate-state`, see the README).
 */
import { join, relative, sep } from "node:path";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { LocalBackend, TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { partitionOf, stackNames, stateKeys } from "../model/naming";
import type { Org, StateConfig } from "../model/org";
import { addAwsProvider } from "./aws-provider";
import { LandingZoneStack } from "./landing-zone-stack";
import { addS3Backend, stateKmsKeyId } from "./s3-backend";
import { AccessLogBucket } from "../state/access-log-bucket";
import { LockTable } from "../state/lock-table";
import { stateObjectGuard } from "../state/key-guards";
import { bucketArn } from "../state/policy-statements";
import { StateBackendRole } from "../state/state-backend-role";
import { StateBucket } from "../state/state-bucket";
import { StateKey } from "../state/state-key";


/**
 * Where the local backend keeps the state stack's state before migration, relative to the
 * stack's working directory `cdktf.out/stacks/state`: the project root, under the name cdktf
 * itself gives local state (`terraform.<stack>.tfstate`), so `rm -rf cdktf.out` cannot lose it.
 */
export const STATE_STACK_LOCAL_PATH = "../../../terraform.state.tfstate";

/**
 * The state stack's local state path for an output folder: `stateFile` relative to the stack's
 * working directory `<outdir>/stacks/state`, with `/` separators. Relative, so the synthesized JSON
 * does not depend on where the checkout lives: with the default output folder it is
 * STATE_STACK_LOCAL_PATH; with another CDKTF_OUTDIR it still reaches the same file.
 */
export function stateStackLocalPath(outdir: string, stateFile: string): string {
  return relative(join(outdir, "stacks", stackNames.state), stateFile).split(sep).join("/");
}

export interface StateStackProps {
  /** The organization: state bucket, region, locking, account. */
  readonly org: Org;
  /**
   * Where this stack keeps its own state: `local` to bootstrap (the bucket does not exist yet),
   * `s3` once the bucket exists and the state was migrated into it under `state/state.tfstate`.
   * @default - org.state.ownState from the environments file
   */
  readonly ownState?: "local" | "s3";
  /**
   * Path of the local state file, relative to `cdktf.out/stacks/state`. Only with `ownState: "local"`.
   * @default "../../../terraform.state.tfstate" (the project root)
   */
  readonly localStatePath?: string;
}

export class StateStack extends LandingZoneStack {
  /** Name of the state bucket. */
  public readonly bucketName: string;
  /** ARN of the state bucket. */
  public readonly bucketArn: string;
  /** ARN of the customer-managed key that encrypts the state. */
  public readonly kmsKeyArn: string;
  /** Name of the DynamoDB lock table; undefined with `locking: lockfile`. */
  public readonly lockTableName?: string;
  /** Each stack's backend role in the state account, by stack name (empty with `isolation: shared`). */
  public readonly backendRoles: ReadonlyMap<string, StateBackendRole>;

  constructor(scope: Construct, id: string, props: StateStackProps) {
    super(scope, id);
    const { org } = props;
    const state = org.state;

    if ((props.ownState ?? state.ownState) === "s3") {
      addS3Backend(this, state, stateKeys.state);
    } else {
      new LocalBackend(this, { path: props.localStatePath ?? STATE_STACK_LOCAL_PATH });
    }

    addAwsProvider(this, "aws", {
      region: state.region,
      accountId: state.accountId,
      roleArn: state.roleArn,
      tags: { ...org.tags, environment: "state" },
    });

    // The key policy and the log-delivery grant need the state account. The model knows it when
    // `state.accountId` is set. Otherwise this stack, and only this one (the <env> stacks stay
    // offline), asks AWS who the caller is: the bootstrap runs with the state account's
    // credentials, and its plan needs those credentials anyway to read the bucket's state.
    const { accountId, partition } = state.accountId
      ? { accountId: state.accountId, partition: partitionOf(state.region) }
      : {
          accountId: new DataAwsCallerIdentity(this, "caller-identity").accountId,
          partition: new DataAwsPartition(this, "partition").partition,
        };

    const objectGuard = stateObjectGuard(org.organization, state);
    const key = new StateKey(this, "state-key", {
      aliasName: state.kmsAlias,
      accountId,
      partition,
      region: state.region,
      bucketArn: bucketArn(partition, state.bucket),
      encryptsLockTable: state.locking === "dynamodb",
      userArnPatterns: stateKeyUsers(state, objectGuard?.stackRolePatterns ?? []),
    });

    const accessLogPrefix = `${state.bucket}/`;
    const accessLogs = new AccessLogBucket(this, "access-log-bucket", {
      bucketName: state.accessLogBucket,
      sourceBucketArn: bucketArn(partition, state.bucket),
      sourceAccountId: accountId,
      partition,
      logPrefix: accessLogPrefix,
    });

    const access = state.stackAccess ?? [];
    const bucket = new StateBucket(this, "state-bucket", {
      bucketName: state.bucket,
      kmsKeyArn: key.keyArn,
      // The backends name the key by its alias ARN (or alias); other clients by key ARN or id.
      kmsKeyIds: [key.keyArn, key.keyId, stateKmsKeyId(state)],
      accessLogBucketName: accessLogs.bucketName,
      accessLogPrefix,
      noncurrentVersionDays: state.noncurrentVersionDays,
      objectGuard,
      // The state stack's provider assumes state.roleArn: it applies the bucket policy, now and later.
      policyAdministrators: state.roleArn ? [state.roleArn] : [],
      breakGlassPrincipalArn: state.breakGlassPrincipal,
      // Per-stack roles are granted the key for their own objects' encryption context only.
      bucketKeyEnabled: access.length === 0,
    });

    const lockTable =
      state.locking === "dynamodb"
        ? new LockTable(this, "lock-table", { tableName: requireLockTable(state), kmsKeyArn: key.keyArn })
        : undefined;
    const roles = new Map<string, StateBackendRole>();
    for (const a of access) {
      roles.set(
        a.stack,
        new StateBackendRole(this, `backend-role-${a.stack}`, {
          roleName: a.roleName,
          trustedPrincipalArn: a.deployer,
          bucketArn: bucket.bucketArn,
          bucketName: state.bucket,
          stateKey: a.key,
          readKeys: a.reads,
          kmsKeyArn: key.keyArn,
          region: state.region,
          lockFile: state.locking === "lockfile",
          lockTableArn: lockTable?.tableArn,
          lockTableName: lockTable?.tableName,
          allowBucketKeyDecrypt: state.isolation === "transition",
        }),
      );
    }
    this.backendRoles = roles;

    this.bucketName = bucket.bucketName;
    this.bucketArn = bucket.bucketArn;
    this.kmsKeyArn = key.keyArn;

    new TerraformOutput(this, "bucket-name", { value: bucket.bucketName, description: "S3 bucket holding every stack's Terraform state." });
    new TerraformOutput(this, "bucket-arn", { value: bucket.bucketArn, description: "ARN of the state bucket." });
    new TerraformOutput(this, "kms-key-arn", { value: key.keyArn, description: "ARN of the customer-managed KMS key that encrypts the state." });
    new TerraformOutput(this, "access-log-bucket-name", {
      value: accessLogs.bucketName,
      description: "S3 bucket receiving the state bucket's server access logs.",
    });

    if (lockTable) {
      this.lockTableName = lockTable.tableName;
      new TerraformOutput(this, "lock-table-name", { value: lockTable.tableName, description: "DynamoDB table the S3 backends lock state with." });
    }
  }
}

/**
 * Who may use the state key: the stacks' backend roles, the state stack's deployer and the
 * break-glass principal. Undefined when the deployer is not known (ambient credentials): a
 * condition naming only the others would lock the deployer out of its own state.
 */
export function stateKeyUsers(state: Pick<StateConfig, "roleArn" | "breakGlassPrincipal">, stackRolePatterns: readonly string[]): string[] | undefined {
  if (!state.roleArn) return undefined;
  return [...stackRolePatterns, state.roleArn, ...(state.breakGlassPrincipal ? [state.breakGlassPrincipal] : [])];
}

function requireLockTable(state: StateConfig): string {
  if (!state.lockTable) throw new Error("org.state.lockTable must be set with locking: dynamodb (the loader derives it)");
  return state.lockTable;
}
