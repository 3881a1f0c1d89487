/**
 * The S3 backend every stack but the bootstrap `state` stack uses: one key per stack,
 * encryption on, S3 native lockfile locking by default (Terraform >= 1.10) or the DynamoDB
 * table when the model asks, and the state account's role when one is configured.
 */
import { S3Backend, type TerraformStack } from "cdktf";
import type { StateConfig } from "../model/org";

/** Configures the stack's S3 backend under `key`. */
export function addS3Backend(stack: TerraformStack, state: StateConfig, key: string): S3Backend {
  const backend = new S3Backend(stack, {
    bucket: state.bucket,
    key,
    region: state.region,
    encrypt: true,
    dynamodbTable: state.locking === "dynamodb" ? state.lockTable : undefined,
    assumeRole: state.roleArn ? { roleArn: state.roleArn, sessionName: "cdktf-landing-zone-state" } : undefined,
  });
  // cdktf 0.21's S3Backend has no use_lockfile property; Terraform >= 1.10 reads it from the JSON.
  if (state.locking === "lockfile") backend.addOverride("use_lockfile", true);
  return backend;
}
