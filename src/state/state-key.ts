/**
 * The customer-managed KMS key of the state: it encrypts the state bucket and, with
 * `locking: dynamodb`, the lock table. Rotates yearly; its policy is explicit.
 */
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import { keyAdministrationStatement } from "./policy-statements";

export interface StateKeyProps {
  /** Alias of the key, `alias/<name>`; S3 backends name the key by it. */
  readonly aliasName: string;
  /** Account that owns and administers the key. */
  readonly accountId: string;
  /** AWS partition of that account (`aws`, `aws-cn`, `aws-us-gov`). */
  readonly partition: string;
  /** Key description shown in the console. @default "Terraform state: S3 bucket and lock table" */
  readonly description?: string;
  /** Days between scheduling the key's deletion and the deletion (7-30). @default 30 */
  readonly deletionWindowInDays?: number;
}

export class StateKey extends Construct {
  /** ARN of the key. */
  public readonly keyArn: string;
  /** Id of the key. */
  public readonly keyId: string;
  /** The alias, `alias/<name>`. */
  public readonly aliasName: string;

  constructor(scope: Construct, id: string, props: StateKeyProps) {
    super(scope, id);
    const policy = new DataAwsIamPolicyDocument(this, "policy", {
      statement: [keyAdministrationStatement(props.partition, props.accountId)],
    });
    const key = new KmsKey(this, "key", {
      description: props.description ?? "Terraform state: S3 bucket and lock table",
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowInDays ?? 30,
      policy: policy.json,
      // Every state object is encrypted with it: losing it loses all state.
      lifecycle: { preventDestroy: true },
    });
    new KmsAlias(this, "alias", { name: props.aliasName, targetKeyId: key.keyId });
    this.keyArn = key.arn;
    this.keyId = key.keyId;
    this.aliasName = props.aliasName;
  }
}
