/**
 * A Pritunl VPN server in a public subnet: the way operators reach private cluster APIs and data
 * tiers. One EC2 instance (IMDSv2 with one hop, encrypted gp3 root, detailed monitoring,
 * EBS-optimized, termination protection, Session Manager instead of SSH) behind a network
 * interface that holds a fixed private address and an Elastic IP, so replacing the instance
 * keeps both; client traffic leaves through that interface with the source/destination check
 * off and is NATed by Pritunl into the VPC, from where it reaches what the VPC reaches.
 *
 * The image: the launch template carries the model's AMI id or `resolve:ssm:<public parameter>`,
 * which EC2 resolves when it launches the instance. The aws_instance names no AMI and no root
 * block device (the aws provider would call DescribeImages with the SSM alias, and fail:
 * hashicorp/terraform-provider-aws#43488), so a new AMI behind the parameter changes nothing in
 * Terraform. A change to the template (the model's AMI, the user data) does show as a replacement
 * in the plan, and termination protection stops the apply until an operator lifts it on purpose.
 *
 * Also here: the log group the server ships its logs to, the backup bucket with the server's
 * write-only access to its prefix, and the CloudWatch alarm that recovers the instance when
 * its host fails the system status check.
 */
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { EipAssociation } from "@cdktf/provider-aws/lib/eip-association";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { NetworkInterface } from "@cdktf/provider-aws/lib/network-interface";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { BackupBucket } from "./backup-bucket";
import { vpnSecurityGroupRules } from "./security-group-rules";
import { renderUserData } from "./user-data";

export interface PritunlVpnProps {
  /** `${organization}-${environment}`: prefix of every name. */
  readonly namePrefix: string;
  /** `prevent_destroy` on the backup key (the environment's `deletionProtection`). @default true */
  readonly deletionProtection?: boolean;
  /** Account of the server (ARNs, key policy, bucket names). */
  readonly accountId: string;
  /** AWS partition (`aws`, `aws-cn`, `aws-us-gov`). */
  readonly partition: string;
  /** Region of the server. */
  readonly region: string;
  /** VPC of the server. */
  readonly vpcId: string;
  /** Public subnet that holds the server (its route table routes to the internet gateway and to the peers). */
  readonly subnetId: string;
  /** Fixed private address of the server in that subnet. */
  readonly privateIp: string;
  /** Resources the Elastic IP's association waits for: the VPC's internet gateway. @default - none */
  readonly internetGatewayDependencies?: ITerraformDependable[];
  /** EC2 instance type (x86_64). */
  readonly instanceType: string;
  /** Image id of the launch template: an Amazon Linux 2023 x86_64 AMI id, or `resolve:ssm:<parameter>`. */
  readonly imageId: string;
  /** Size of the encrypted gp3 root volume in GiB. @default 20 */
  readonly rootVolumeSizeGiB?: number;
  /** UDP port of the VPN server. */
  readonly port: number;
  /** CIDRs clients connect from. */
  readonly clientCidrs: readonly string[];
  /** CIDRs admitted to the web console (TCP 443); never 0.0.0.0/0 (the model rejects it). */
  readonly adminCidrs: readonly string[];
  /** CIDRs pushed to clients; the server may send client traffic there only. */
  readonly routes: readonly string[];
  /** ARN of the customer-managed key of the environment's log groups (its policy lets CloudWatch Logs use it). */
  readonly logsKmsKeyArn: string;
  /** Retention of the server's log group in days. */
  readonly logRetentionDays: number;
  /** Name of the backup bucket. */
  readonly backupBucketName: string;
  /** Name of the bucket that receives the backup bucket's access logs. */
  readonly accessLogBucketName: string;
  /** Days a backup is kept. */
  readonly backupRetentionDays: number;
  /** Further actions of the recovery alarm, e.g. an SNS topic ARN that pages someone. @default - the EC2 recover action only */
  readonly alarmActions?: readonly string[];
}

/** Key prefix of the database dumps in the backup bucket. */
export const BACKUP_PREFIX = "pritunl/";

export class PritunlVpn extends Construct {
  /** Id of the instance. */
  public readonly instanceId: string;
  /** The Elastic IP clients connect to. */
  public readonly publicIp: string;
  /** The server's fixed private address. */
  public readonly privateIp: string;
  /** Id of the server's security group. */
  public readonly securityGroupId: string;
  /** Name of the log group the server writes to. */
  public readonly logGroupName: string;
  /** Name of the backup bucket. */
  public readonly backupBucketName: string;
  /** ARN of the server's IAM role. */
  public readonly roleArn: string;

  constructor(scope: Construct, id: string, props: PritunlVpnProps) {
    super(scope, id);
    const { namePrefix: prefix, partition, accountId, region } = props;
    const name = `${prefix}-vpn`;

    // --- Network: group, interface with a fixed address, Elastic IP ----------------------------
    const group = new SecurityGroup(this, "security-group", {
      name,
      description: `Pritunl VPN server of ${prefix}: the VPN port from clients, the console from admins; no SSH`,
      vpcId: props.vpcId,
      tags: { Name: name },
    });
    for (const rule of vpnSecurityGroupRules(props)) {
      const Rule = rule.direction === "ingress" ? VpcSecurityGroupIngressRule : VpcSecurityGroupEgressRule;
      new Rule(this, rule.id, {
        securityGroupId: group.id,
        description: rule.description,
        ipProtocol: rule.ipProtocol,
        fromPort: rule.fromPort,
        toPort: rule.toPort,
        cidrIpv4: rule.cidrIpv4,
      });
    }
    const networkInterface = new NetworkInterface(this, "network-interface", {
      subnetId: props.subnetId,
      privateIps: [props.privateIp],
      securityGroups: [group.id],
      // The server forwards client traffic: packets leave with the clients' destinations.
      sourceDestCheck: false,
      description: `Pritunl VPN server of ${prefix}`,
      tags: { Name: name },
    });
    const eip = new Eip(this, "eip", { domain: "vpc", tags: { Name: name } });
    new EipAssociation(this, "eip-association", {
      allocationId: eip.allocationId,
      networkInterfaceId: networkInterface.id,
      // Associating an address needs the VPC attached to an internet gateway.
      dependsOn: props.internetGatewayDependencies,
    });

    // --- Logs ----------------------------------------------------------------------------------
    this.logGroupName = `/${prefix}/vpn`;
    const logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: this.logGroupName,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKmsKeyArn,
      tags: { Name: name },
    });

    // --- Backups -------------------------------------------------------------------------------
    const backups = new BackupBucket(this, "backups", {
      bucketName: props.backupBucketName,
      accessLogBucketName: props.accessLogBucketName,
      keyAliasName: `alias/${prefix}-vpn-backups`,
      accountId,
      partition,
      region,
      // Only the server's role (created below, under this name) uses the key.
      keyUserArns: [`arn:${partition}:iam::${accountId}:role/${name}`],
      retentionDays: props.backupRetentionDays,
      deletionProtection: props.deletionProtection,
    });
    this.backupBucketName = backups.bucketName;

    // --- Identity: Session Manager, its own log streams, its own backup prefix ------------------
    const trust = new DataAwsIamPolicyDocument(this, "trust-policy", {
      statement: [
        {
          sid: "Ec2AssumesRole",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }],
          actions: ["sts:AssumeRole"],
          // AWS's trust policy for an instance profile role (IAM user guide, "Use an IAM role to
          // grant permissions to applications running on Amazon EC2 instances"): the service alone.
        },
      ],
    });
    const role = new IamRole(this, "role", {
      name,
      description: `Pritunl VPN server of ${prefix}: Session Manager, its log group, its backup prefix`,
      assumeRolePolicy: trust.json,
      tags: { Name: name },
    });
    this.roleArn = role.arn;
    // AWS's managed policy for Session Manager, as the Systems Manager user guide prescribes
    // ("Configure instance permissions required for Systems Manager").
    new IamRolePolicyAttachment(this, "ssm-core", {
      role: role.name,
      policyArn: `arn:${partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
    });
    const permissions = new DataAwsIamPolicyDocument(this, "permissions", {
      statement: [
        {
          sid: "WriteOwnLogStreams",
          effect: "Allow",
          actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          resources: [logGroup.arn, `${logGroup.arn}:*`],
        },
        {
          // Write only: the server can add dumps, never read, list or delete them.
          sid: "WriteBackups",
          effect: "Allow",
          actions: ["s3:PutObject"],
          resources: [`${backups.bucketArn}/${BACKUP_PREFIX}*`],
        },
        {
          // SSE-KMS uploads need a data key; multipart uploads also decrypt it (S3 user guide,
          // "Using server-side encryption with AWS KMS keys"). Only through S3 in this region.
          sid: "EncryptBackups",
          effect: "Allow",
          actions: ["kms:GenerateDataKey", "kms:Decrypt"],
          resources: [backups.keyArn],
          condition: [{ test: "StringEquals", variable: "kms:ViaService", values: [`s3.${region}.amazonaws.com`] }],
        },
      ],
    });
    new IamRolePolicy(this, "role-policy", { name: "logs-and-backups", role: role.id, policy: permissions.json });
    const profile = new IamInstanceProfile(this, "instance-profile", { name, role: role.name, tags: { Name: name } });

    // --- Instance -------------------------------------------------------------------------------
    // IMDSv2 only, one hop (CKV_AWS_79, CIS AWS 5.7), on the template and on the instance.
    const metadataOptions = { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 };
    const userData = renderUserData({
      region,
      logGroupName: this.logGroupName,
      backupBucket: props.backupBucketName,
      backupPrefix: BACKUP_PREFIX,
    });
    const template = new LaunchTemplate(this, "launch-template", {
      name,
      description: `Pritunl VPN server of ${prefix}`,
      imageId: props.imageId,
      userData: Buffer.from(userData, "utf8").toString("base64"),
      metadataOptions,
      blockDeviceMappings: [
        {
          // Root device of the Amazon Linux 2023 AMIs.
          deviceName: "/dev/xvda",
          ebs: { volumeSize: props.rootVolumeSizeGiB ?? 20, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
        },
      ],
      monitoring: { enabled: true },
      ebsOptimized: "true",
      iamInstanceProfile: { arn: profile.arn },
      tagSpecifications: [
        { resourceType: "instance", tags: { Name: name } },
        { resourceType: "volume", tags: { Name: name } },
      ],
      tags: { Name: name },
    });
    const instance = new Instance(this, "instance", {
      // The template's current version: a change to it is a replacement the plan shows.
      launchTemplate: { id: template.id, version: `${template.latestVersion}` },
      // Resizing is an in-place stop and start, not a replacement.
      instanceType: props.instanceType,
      networkInterface: [{ networkInterfaceId: networkInterface.id, deviceIndex: 0 }],
      metadataOptions,
      // CKV_AWS_126, CKV_AWS_135, CKV2_AWS_41.
      monitoring: true,
      ebsOptimized: true,
      iamInstanceProfile: profile.name,
      disableApiTermination: true,
      tags: { Name: name },
      // The user data is the launch template's; the instance's user_data is only its read-back
      // (a hash), and Terraform must never set it on the instance. Ignoring it also keeps the
      // offline change-safety fixpoint converging: a state written from planned values cannot
      // hold the provider's hash of user data it never saw.
      lifecycle: { ignoreChanges: ["user_data"] },
    });
    this.instanceId = instance.id;
    this.publicIp = eip.publicIp;
    this.privateIp = props.privateIp;
    this.securityGroupId = group.id;

    // --- Recovery ------------------------------------------------------------------------------
    // EC2 user guide, "Add recover actions to Amazon CloudWatch alarms": StatusCheckFailed_System,
    // Maximum over 60 s, 2 periods, >= 1, action arn:<partition>:automate:<region>:ec2:recover.
    // A recovered instance keeps its id, addresses, metadata and EBS volumes.
    new CloudwatchMetricAlarm(this, "recover-alarm", {
      alarmName: `${name}-recover`,
      alarmDescription:
        `Runbook: the host of ${name} failed the EC2 system status check; EC2 moves the instance to healthy hardware ` +
        "(same id, addresses and volumes). If the alarm stays in ALARM, see README \"The VPN\" (recovery).",
      namespace: "AWS/EC2",
      metricName: "StatusCheckFailed_System",
      dimensions: { InstanceId: instance.id },
      statistic: "Maximum",
      period: 60,
      evaluationPeriods: 2,
      threshold: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      actionsEnabled: true,
      alarmActions: [`arn:${partition}:automate:${region}:ec2:recover`, ...(props.alarmActions ?? [])],
      tags: { Name: `${name}-recover` },
    });
  }
}
