/**
 * VPC flow logs (CKV2_AWS_11, CIS AWS 3.7): every accepted and rejected flow of the VPC to a
 * KMS-encrypted CloudWatch log group with retention, delivered by a role that may only write
 * to that group.
 */
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { logGroupArn } from "../model/arns";
import { roleNames } from "../model/naming";

export interface FlowLogsProps {
  /** `${organization}-${environment}`: names the log group and the role. */
  readonly namePrefix: string;
  /** VPC whose traffic is logged. */
  readonly vpcId: string;
  /** Account of the VPC (trust policy condition). */
  readonly accountId: string;
  /** AWS partition (`aws`, `aws-cn`, `aws-us-gov`). */
  readonly partition: string;
  /** Region of the VPC. */
  readonly region: string;
  /** Retention of the log group in days. */
  readonly retentionDays: number;
  /** ARN of the KMS key that encrypts the log group; its policy must let CloudWatch Logs use it. */
  readonly kmsKeyArn: string;
  /** `prevent_destroy` on the log group. @default true */
  readonly deletionProtection?: boolean;
}

/** The flow-log group of an environment, `/aws/vpc/${namePrefix}/flow-logs`. */
export function flowLogGroupName(namePrefix: string): string {
  return `/aws/vpc/${namePrefix}/flow-logs`;
}

export class FlowLogs extends Construct {
  /** Name of the log group, `/aws/vpc/${namePrefix}/flow-logs`. */
  public readonly logGroupName: string;
  /** ARN of the log group. */
  public readonly logGroupArn: string;
  /** ARN of the delivery role. */
  public readonly roleArn: string;

  constructor(scope: Construct, id: string, props: FlowLogsProps) {
    super(scope, id);
    const { accountId, partition, region } = props;
    this.logGroupName = flowLogGroupName(props.namePrefix);
    const logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: this.logGroupName,
      retentionInDays: props.retentionDays,
      kmsKeyId: props.kmsKeyArn,
      tags: { Name: `${props.namePrefix}-flow-logs` },
      // Network audit evidence: a destroy leaves the group (and its retention) in place.
      skipDestroy: true,
      lifecycle: { preventDestroy: props.deletionProtection ?? true },
    });

    // Confused-deputy guard: only flow logs of this account (and region) may assume the role.
    const trust = new DataAwsIamPolicyDocument(this, "trust-policy", {
      statement: [
        {
          sid: "VpcFlowLogsAssumesRole",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["vpc-flow-logs.amazonaws.com"] }],
          actions: ["sts:AssumeRole"],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] },
            { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:${partition}:ec2:${region}:${accountId}:vpc-flow-log/*`] },
          ],
        },
      ],
    });
    const role = new IamRole(this, "role", {
      name: roleNames(props.namePrefix).flowLogs,
      description: `Delivers the VPC flow logs of ${props.namePrefix} to ${this.logGroupName}`,
      assumeRolePolicy: trust.json,
      tags: { Name: roleNames(props.namePrefix).flowLogs },
    });
    // The log group exists (created above), so the role needs no CreateLogGroup nor any
    // account-wide Describe: it writes streams of this one group. Its ARN is built from the name
    // (known on a first plan); an identity policy may name a resource that does not exist yet.
    const groupArn = logGroupArn(partition, region, accountId, this.logGroupName);
    const permissions = new DataAwsIamPolicyDocument(this, "permissions", {
      statement: [
        {
          sid: "WriteFlowLogStreams",
          effect: "Allow",
          actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          resources: [groupArn, `${groupArn}:*`],
        },
      ],
    });
    const rolePolicy = new IamRolePolicy(this, "role-policy", {
      name: "write-flow-logs",
      role: role.id,
      policy: permissions.json,
    });
    new FlowLog(this, "flow-log", {
      // Without the permissions in place first, delivery starts in "Access error".
      dependsOn: [rolePolicy],
      vpcId: props.vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      tags: { Name: `${props.namePrefix}-flow-logs` },
    });
    this.logGroupArn = logGroup.arn;
    this.roleArn = role.arn;
  }
}
