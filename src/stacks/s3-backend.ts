/**
 * The S3 backend every stack but the bootstrap `state` stack uses: one key per stack,
 * encryption on with the state stack's KMS key, S3 native lockfile locking by default
 * (Terraform >= 1.10) or the DynamoDB table when the model asks, and the role it reaches the
 * state through: with per-stack isolation the stack's own backend role in the state account
 * (org.state.stackAccess), else the state account's role when one is configured.
 *
 * cdktf builds a cross-stack reference's `terraform_remote_state` from the producing stack's
 * backend, role included. Here the read assumes the consuming stack's role instead: that role
 * may read the producer's key, never write it (src/state/state-backend-role.ts).
 */
import { DataTerraformRemoteStateS3, S3Backend, TerraformStack, type S3BackendConfig, type TerraformRemoteState } from "cdktf";
import type { Construct } from "constructs";
import { partitionOf } from "../model/naming";
import type { StateConfig } from "../model/org";

/** Session name of every backend and remote-state read in CloudTrail. */
const SESSION_NAME = "cdktf-landing-zone-state";

/**
 * The state key as the backend names it: the alias ARN when the state account is known, else the
 * alias name, which KMS resolves in the caller's account (the state account: ambient credentials
 * there, or `roleArn` assumed into it).
 */
export function stateKmsKeyId(state: StateConfig): string {
  return state.accountId
    ? `arn:${partitionOf(state.region)}:kms:${state.region}:${state.accountId}:${state.kmsAlias}`
    : state.kmsAlias;
}

/**
 * The role a stack's backend assumes for `key`: the stack's own backend role when the model
 * isolates state per stack, else `state.roleArn` (undefined: ambient credentials).
 */
export function stateRoleArnFor(state: StateConfig, key: string): string | undefined {
  return state.stackAccess?.find((a) => a.key === key)?.roleArn ?? state.roleArn;
}

/** An S3 backend whose remote-state reads assume the reading stack's role, not the writer's. */
export class IsolatedS3Backend extends S3Backend {
  /** The role this backend assumes; undefined means ambient credentials. */
  public readonly roleArn?: string;

  constructor(scope: Construct, private readonly config: S3BackendConfig) {
    super(scope, config);
    this.roleArn = config.assumeRole?.roleArn;
  }

  public getRemoteStateDataSource(scope: Construct, name: string, fromStack: string): TerraformRemoteState {
    const reader = TerraformStack.of(scope).node.tryFindChild("backend");
    // A reader that is not one of ours (a stack composed by hand) reads as cdktf does.
    if (!(reader instanceof IsolatedS3Backend)) return super.getRemoteStateDataSource(scope, name, fromStack);
    return new DataTerraformRemoteStateS3(scope, name, {
      ...this.config,
      assumeRole: reader.roleArn ? { roleArn: reader.roleArn, sessionName: SESSION_NAME } : undefined,
      workspace: "${terraform.workspace}",
    });
  }
}

/** Configures the stack's S3 backend under `key`. */
export function addS3Backend(stack: TerraformStack, state: StateConfig, key: string): S3Backend {
  const roleArn = stateRoleArnFor(state, key);
  const backend = new IsolatedS3Backend(stack, {
    bucket: state.bucket,
    key,
    region: state.region,
    encrypt: true,
    // Without kms_key_id, `encrypt` makes Terraform upload with an explicit SSE-S3 (AES256) header,
    // which overrides the bucket's default KMS encryption (and the bucket policy denies it).
    kmsKeyId: stateKmsKeyId(state),
    dynamodbTable: state.locking === "dynamodb" ? state.lockTable : undefined,
    assumeRole: roleArn ? { roleArn, sessionName: SESSION_NAME } : undefined,
  });
  // cdktf 0.21's S3Backend has no use_lockfile property; Terraform >= 1.10 reads it from the JSON.
  if (state.locking === "lockfile") backend.addOverride("use_lockfile", true);
  return backend;
}
