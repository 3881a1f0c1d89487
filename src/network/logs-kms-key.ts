/**
 * The customer-managed KMS key of an environment's CloudWatch log groups (VPC flow logs, and
 * the EKS control-plane log group, which reuses it through `Network.logsKmsKeyArn`).
 * Rotation on, an explicit key policy (CKV_AWS_7, CKV2_AWS_64, CKV_AWS_33) that separates
 * administration (the account, no cryptographic use) from use (CloudWatch Logs, for the named
 * log groups only), a 30-day deletion window, and `prevent_destroy` by default.
 */
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import { logGroupArn } from "../model/arns";

/** KMS's longest deletion window (7-30 days): the most time to cancel a scheduled deletion. */
export const KMS_DELETION_WINDOW_DAYS = 30;

/**
 * Key administration without use: the "key administrators" actions of AWS's default key policy
 * ("Default key policy", AWS KMS Developer Guide), listed one by one so that no wildcard admits a
 * cryptographic operation (Encrypt, Decrypt, ReEncrypt*, GenerateDataKey*) or CreateGrant.
 */
export const KEY_ADMINISTRATION_ACTIONS: readonly string[] = [
  "kms:CancelKeyDeletion",
  "kms:CreateAlias",
  "kms:DeleteAlias",
  "kms:DescribeKey",
  "kms:DisableKey",
  "kms:DisableKeyRotation",
  "kms:EnableKey",
  "kms:EnableKeyRotation",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListAliases",
  "kms:ListGrants",
  "kms:ListKeyPolicies",
  "kms:ListKeyRotations",
  "kms:ListResourceTags",
  "kms:PutKeyPolicy",
  "kms:RevokeGrant",
  "kms:RotateKeyOnDemand",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
];

/**
 * The account administers the key through IAM (so it can never be locked out), without using it.
 * In a key policy "Resource" is the key itself, so "*" is the only value.
 */
export function keyAdministrationOnlyStatement(partition: string, accountId: string): DataAwsIamPolicyDocumentStatement {
  return {
    sid: "AccountAdministersKey",
    effect: "Allow",
    principals: [{ type: "AWS", identifiers: [`arn:${partition}:iam::${accountId}:root`] }],
    actions: [...KEY_ADMINISTRATION_ACTIONS],
    resources: ["*"],
  };
}

/** The log-group ARN CloudWatch Logs puts in the encryption context (`kms:EncryptionContext:aws:logs:arn`). */
export { logGroupArn } from "../model/arns";

export interface LogsKmsKeyProps {
  /** `${organization}-${environment}`: the alias is `alias/${namePrefix}-logs`. */
  readonly namePrefix: string;
  /** Account that owns the key and whose log groups may use it. */
  readonly accountId: string;
  /** AWS partition (`aws`, `aws-cn`, `aws-us-gov`). */
  readonly partition: string;
  /** Region of the key and of the log groups. */
  readonly region: string;
  /**
   * Names of the log groups the key encrypts, exact or with `*` (`/aws/vpc/acme-dev/flow-logs`,
   * `/aws/containerinsights/acme-dev/*`); CloudWatch Logs may use the key for these only. A bare `*`
   * (every log group of the account) is refused.
   */
  readonly logGroupNames: readonly string[];
  /** `prevent_destroy` on the key. @default true */
  readonly deletionProtection?: boolean;
}

export class LogsKmsKey extends Construct {
  /** ARN of the key, for `kms_key_id` of log groups. */
  public readonly keyArn: string;
  /** Id of the key. */
  public readonly keyId: string;
  /** Name of the alias, `alias/${namePrefix}-logs`. */
  public readonly aliasName: string;

  constructor(scope: Construct, id: string, props: LogsKmsKeyProps) {
    super(scope, id);
    const { accountId, partition, region } = props;
    if (props.logGroupNames.length === 0) throw new Error(`${this.node.path}: logGroupNames is empty; name the log groups the key encrypts`);
    const everything = props.logGroupNames.filter((n) => /^\**$/.test(n.trim()));
    if (everything.length > 0) {
      throw new Error(`${this.node.path}: logGroupNames contains "${everything[0]}", every log group of the account; name the environment's log groups`);
    }
    // CloudWatch Logs of this account and region may use the key for the named log groups only,
    // by the encryption context it always sends, as AWS documents in "Encrypt log data in
    // CloudWatch Logs using AWS KMS" (step 2: the kms:EncryptionContext:aws:logs:arn condition).
    const policy = new DataAwsIamPolicyDocument(this, "policy", {
      statement: [
        keyAdministrationOnlyStatement(partition, accountId),
        {
          sid: "CloudWatchLogsUsesKey",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: [`logs.${region}.amazonaws.com`] }],
          actions: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
          resources: ["*"],
          condition: [
            {
              test: "ArnLike",
              variable: "kms:EncryptionContext:aws:logs:arn",
              values: [...new Set(props.logGroupNames)].map((name) => logGroupArn(partition, region, accountId, name)),
            },
          ],
        },
      ],
    });
    const key = new KmsKey(this, "key", {
      description: `Encrypts the CloudWatch log groups of ${props.namePrefix} (VPC flow logs, EKS control-plane logs)`,
      enableKeyRotation: true,
      deletionWindowInDays: KMS_DELETION_WINDOW_DAYS,
      policy: policy.json,
      tags: { Name: `${props.namePrefix}-logs` },
      lifecycle: { preventDestroy: props.deletionProtection ?? true },
    });
    this.aliasName = `alias/${props.namePrefix}-logs`;
    new KmsAlias(this, "alias", { name: this.aliasName, targetKeyId: key.keyId });
    this.keyArn = key.arn;
    this.keyId = key.keyId;
  }
}
