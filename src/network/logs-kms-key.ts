/**
 * The customer-managed KMS key of an environment's CloudWatch log groups (VPC flow logs, and
 * the EKS control-plane log group, which reuses it through `Network.logsKmsKeyArn`).
 * Rotation on, an explicit key policy (CKV_AWS_7, CKV2_AWS_64, CKV_AWS_33).
 */
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";

export interface LogsKmsKeyProps {
  /** `${organization}-${environment}`: the alias is `alias/${namePrefix}-logs`. */
  readonly namePrefix: string;
  /** Account that owns the key and whose log groups may use it. */
  readonly accountId: string;
  /** AWS partition (`aws`, `aws-cn`, `aws-us-gov`). */
  readonly partition: string;
  /** Region of the key and of the log groups. */
  readonly region: string;
  /** Days KMS waits before deleting the key once scheduled. @default 30 */
  readonly deletionWindowInDays?: number;
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
    // The account administers the key through IAM (AWS's default key policy statement; in a
    // key policy "Resource" is the key itself, so "*" is the only value). CloudWatch Logs of
    // this account and region may use it for its log groups only, as AWS documents in
    // "Encrypt log data in CloudWatch Logs using AWS KMS".
    const policy = new DataAwsIamPolicyDocument(this, "policy", {
      statement: [
        {
          sid: "AccountAdministersKey",
          effect: "Allow",
          principals: [{ type: "AWS", identifiers: [`arn:${partition}:iam::${accountId}:root`] }],
          actions: ["kms:*"],
          resources: ["*"],
        },
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
              values: [`arn:${partition}:logs:${region}:${accountId}:log-group:*`],
            },
          ],
        },
      ],
    });
    const key = new KmsKey(this, "key", {
      description: `Encrypts the CloudWatch log groups of ${props.namePrefix} (VPC flow logs, EKS control-plane logs)`,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowInDays ?? 30,
      policy: policy.json,
      tags: { Name: `${props.namePrefix}-logs` },
    });
    this.aliasName = `alias/${props.namePrefix}-logs`;
    new KmsAlias(this, "alias", { name: this.aliasName, targetKeyId: key.keyId });
    this.keyArn = key.arn;
    this.keyId = key.keyId;
  }
}
