/**
 * The S3 backend every stack but the bootstrap `state` stack uses: one key per stack,
 * encryption on with the state stack's KMS key, S3 native lockfile locking by default
 * (Terraform >= 1.10) or the DynamoDB table when the model asks, and the state account's role
 * when one is configured.
 */
import { S3Backend, type TerraformStack } from "cdktf";
import { partitionOf } from "../model/naming";
import type { StateConfig } from "../model/org";

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

/** Configures the stack's S3 backend under `key`. */
export function addS3Backend(stack: TerraformStack, state: StateConfig, key: string): S3Backend {
  const backend = new S3Backend(stack, {
    bucket: state.bucket,
    key,
    region: state.region,
    encrypt: true,
    // Without kms_key_id, `encrypt` makes Terraform upload with an explicit SSE-S3 (AES256) header,
    // which overrides the bucket's default KMS encryption (and the bucket policy denies it).
    kmsKeyId: stateKmsKeyId(state),
    dynamodbTable: state.locking === "dynamodb" ? state.lockTable : undefined,
    assumeRole: state.roleArn ? { roleArn: state.roleArn, sessionName: "cdktf-landing-zone-state" } : undefined,
  });
  // cdktf 0.21's S3Backend has no use_lockfile property; Terraform >= 1.10 reads it from the JSON.
  if (state.locking === "lockfile") backend.addOverride("use_lockfile", true);
  return backend;
}
