/**
 * One stack's way into the state bucket: a role in the state account, trusted only by the
 * principal that runs the stack's Terraform, that may write only the stack's own key and lock
 * file, read only the keys the stack consumes, and use the state key only for those objects
 * (the `kms:EncryptionContext:aws:s3:arn` S3 passes to KMS is the object's ARN when S3 Bucket
 * Keys are off, which the state bucket ensures with per-stack roles).
 */
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { lockFileKey, objectArn } from "./policy-statements";

export interface StateBackendRoleProps {
  /** Name of the role in the state account. */
  readonly roleName: string;
  /** The only principal that may assume the role: the one that runs the stack's Terraform. */
  readonly trustedPrincipalArn: string;
  /** ARN of the state bucket. */
  readonly bucketArn: string;
  /** The stack's own state key; the role writes it and its lock file. */
  readonly stateKey: string;
  /** Keys the stack reads through remote state. @default [] */
  readonly readKeys?: readonly string[];
  /** ARN of the state's KMS key. */
  readonly kmsKeyArn: string;
  /** Region of the bucket and key (the `kms:ViaService` S3 endpoint). */
  readonly region: string;
  /** Lock with the S3 lock file `<key>.tflock`. Conflicts with `lockTableArn`. @default true */
  readonly lockFile?: boolean;
  /** The DynamoDB lock table's ARN, with `locking: dynamodb`. @default - no DynamoDB access */
  readonly lockTableArn?: string;
  /** The lock table's name (its `kms:EncryptionContext:aws:dynamodb:tableName`). Requires `lockTableArn`. @default - none */
  readonly lockTableName?: string;
  /** Name of the state bucket (the prefix of the DynamoDB lock items). */
  readonly bucketName: string;
  /**
   * Also decrypt objects written with an S3 Bucket Key (encryption context: the bucket ARN), as
   * every object written before isolation was. Only while upgrading. @default false
   */
  readonly allowBucketKeyDecrypt?: boolean;
}

export class StateBackendRole extends Construct {
  /** ARN of the role. */
  public readonly roleArn: string;
  /** Name of the role. */
  public readonly roleName: string;

  constructor(scope: Construct, id: string, props: StateBackendRoleProps) {
    super(scope, id);
    if (props.lockTableArn && props.lockFile) throw new Error(`${this.node.path}: lockFile and lockTableArn conflict; a backend locks one way`);
    const own = objectArn(props.bucketArn, props.stateKey);
    const lock = objectArn(props.bucketArn, lockFileKey(props.stateKey));
    const lockFile = props.lockFile ?? !props.lockTableArn;
    const reads = (props.readKeys ?? []).map((k) => objectArn(props.bucketArn, k));
    const viaS3 = { test: "StringEquals", variable: "kms:ViaService", values: [`s3.${props.region}.amazonaws.com`] };

    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [
        {
          sid: "OnlyTheStackDeployer",
          effect: "Allow",
          principals: [{ type: "AWS", identifiers: [props.trustedPrincipalArn] }],
          actions: ["sts:AssumeRole"],
        },
      ],
    });
    const role = new IamRole(this, "role", {
      name: props.roleName,
      description: `Terraform state of one stack: writes ${props.stateKey} only`,
      assumeRolePolicy: trust.json,
      maxSessionDuration: 3600,
    });

    const statements: DataAwsIamPolicyDocumentStatement[] = [
      {
        // Terraform lists the bucket for workspaces (prefix `env:/`) and the state key.
        sid: "ListOwnKeys",
        effect: "Allow",
        actions: ["s3:ListBucket"],
        resources: [props.bucketArn],
        condition: [{ test: "StringLike", variable: "s3:prefix", values: ["env:/*", props.stateKey, ...(lockFile ? [lockFileKey(props.stateKey)] : [])] }],
      },
      {
        sid: "ReadWriteOwnState",
        effect: "Allow",
        actions: ["s3:GetObject", "s3:PutObject"],
        resources: [own],
      },
      ...(lockFile
        ? [{ sid: "LockOwnState", effect: "Allow", actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], resources: [lock] }]
        : []),
      ...(reads.length ? [{ sid: "ReadConsumedState", effect: "Allow", actions: ["s3:GetObject"], resources: reads }] : []),
      {
        sid: "UseStateKeyForOwnObjects",
        effect: "Allow",
        actions: ["kms:GenerateDataKey", "kms:Decrypt"],
        resources: [props.kmsKeyArn],
        condition: [viaS3, { test: "StringEquals", variable: "kms:EncryptionContext:aws:s3:arn", values: lockFile ? [own, lock] : [own] }],
      },
      ...(reads.length || props.allowBucketKeyDecrypt
        ? [
            {
              sid: "DecryptConsumedState",
              effect: "Allow",
              actions: ["kms:Decrypt"],
              resources: [props.kmsKeyArn],
              condition: [
                viaS3,
                {
                  test: "StringEquals",
                  variable: "kms:EncryptionContext:aws:s3:arn",
                  values: [...reads, ...(props.allowBucketKeyDecrypt ? [props.bucketArn] : [])],
                },
              ],
            },
          ]
        : []),
      ...(props.lockTableArn
        ? [
            {
              // The S3 backend's lock item is `<bucket>/<key>`, its checksum item `<bucket>/<key>-md5`.
              sid: "LockOwnStateInTable",
              effect: "Allow",
              actions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"],
              resources: [props.lockTableArn],
              condition: [
                {
                  test: "ForAllValues:StringEquals",
                  variable: "dynamodb:LeadingKeys",
                  values: [`${props.bucketName}/${props.stateKey}`, `${props.bucketName}/${props.stateKey}-md5`],
                },
              ],
            },
            {
              sid: "UseStateKeyForLockTable",
              effect: "Allow",
              actions: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
              resources: [props.kmsKeyArn],
              condition: [
                { test: "StringEquals", variable: "kms:ViaService", values: [`dynamodb.${props.region}.amazonaws.com`] },
                ...(props.lockTableName
                  ? [{ test: "StringEquals", variable: "kms:EncryptionContext:aws:dynamodb:tableName", values: [props.lockTableName] }]
                  : []),
              ],
            },
            {
              // DescribeKey carries no encryption context.
              sid: "DescribeStateKeyForLockTable",
              effect: "Allow",
              actions: ["kms:DescribeKey"],
              resources: [props.kmsKeyArn],
              condition: [{ test: "StringEquals", variable: "kms:ViaService", values: [`dynamodb.${props.region}.amazonaws.com`] }],
            },
          ]
        : []),
    ];
    const access = new DataAwsIamPolicyDocument(this, "access", { statement: statements });
    new IamRolePolicy(this, "access-policy", { name: "terraform-state", role: role.name, policy: access.json });
    this.roleArn = role.arn;
    this.roleName = role.name;
  }
}
