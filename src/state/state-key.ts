/**
 * The customer-managed KMS key of the state: it encrypts the state bucket and, with
 * `locking: dynamodb`, the lock table. Rotates yearly; its policy is explicit and separates
 * administration (the account, no cryptographic use) from use (through S3 for the state bucket's
 * objects, through DynamoDB for the lock table, and only by the principals that hold state).
 */
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import { keyAdministrationOnlyStatement } from "../network/logs-kms-key";
import { keyUseThroughDynamoDbStatement, keyUseThroughS3Statement, type KeyUsers } from "./policy-statements";

export interface StateKeyProps {
  /** Alias of the key, `alias/<name>`; S3 backends name the key by it. */
  readonly aliasName: string;
  /** Account that owns and administers the key. */
  readonly accountId: string;
  /** AWS partition of that account (`aws`, `aws-cn`, `aws-us-gov`). */
  readonly partition: string;
  /** Region of the key, the bucket and the lock table. */
  readonly region: string;
  /** ARN of the state bucket: S3 may use the key for its objects only. */
  readonly bucketArn: string;
  /** Whether the lock table is a DynamoDB table encrypted with this key (`locking: dynamodb`). @default false */
  readonly encryptsLockTable?: boolean;
  /**
   * ARN patterns of the only principals that may use the key (`aws:PrincipalArn`): the stacks'
   * backend roles, the state stack's deployer, the break-glass principal.
   * @default - every principal of the account that its IAM policies allow
   */
  readonly userArnPatterns?: readonly string[];
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
    const users: KeyUsers = {
      partition: props.partition,
      accountId: props.accountId,
      region: props.region,
      principalArnPatterns: props.userArnPatterns,
    };
    const policy = new DataAwsIamPolicyDocument(this, "policy", {
      statement: [
        keyAdministrationOnlyStatement(props.partition, props.accountId),
        keyUseThroughS3Statement(users, props.bucketArn),
        ...(props.encryptsLockTable ? [keyUseThroughDynamoDbStatement(users)] : []),
      ],
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
