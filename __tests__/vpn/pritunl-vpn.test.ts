import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { EipAssociation } from "@cdktf/provider-aws/lib/eip-association";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { NetworkInterface } from "@cdktf/provider-aws/lib/network-interface";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { TerraformOutput, Testing } from "cdktf";
import { LandingZoneStack } from "../../src/stacks/landing-zone-stack";
import { countResources, resourceCounts, resourcesOf } from "../../src/testing";
import { PritunlVpn, type PritunlVpnProps } from "../../src/vpn/pritunl-vpn";

const props: PritunlVpnProps = {
  namePrefix: "acme-management",
  accountId: "111111111111",
  partition: "aws",
  region: "us-east-1",
  vpcId: "vpc-0123",
  subnetId: "subnet-0123",
  privateIp: "10.120.192.10",
  instanceType: "t3.small",
  imageId: "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
  port: 1194,
  clientCidrs: ["0.0.0.0/0"],
  adminCidrs: ["198.18.10.0/24"],
  routes: ["10.120.0.0/16", "10.130.0.0/16"],
  logsKmsKeyArn: "arn:aws:kms:us-east-1:111111111111:key/logs",
  logRetentionDays: 365,
  backupBucketName: "acme-management-vpn-backups-111111111111",
  accessLogBucketName: "acme-management-vpn-access-logs-111111111111",
  backupRetentionDays: 30,
};

function build(p: PritunlVpnProps = props) {
  const stack = new LandingZoneStack(Testing.app(), "test");
  const vpn = new PritunlVpn(stack, "vpn", p);
  new TerraformOutput(stack, "ip", { value: vpn.publicIp });
  return { vpn, synth: Testing.synth(stack) };
}

/** The one resource of a type, asserting there is exactly one. */
function only(synth: string, type: { tfResourceType: string }): any {
  const all = Object.values(resourcesOf(synth, type));
  expect(all).toHaveLength(1);
  return all[0];
}

describe("PritunlVpn", () => {
  describe("with the default organization's settings", () => {
    const { synth } = build();

    it("launches one instance from its template, with IMDSv2 at one hop, monitoring, EBS optimization, a profile and termination protection", () => {
      const instance = only(synth, Instance);
      expect(instance).toMatchObject({
        instance_type: "t3.small",
        launch_template: { id: "${aws_launch_template.vpn_launch-template.id}", version: "${aws_launch_template.vpn_launch-template.latest_version}" },
        metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 },
        monitoring: true,
        ebs_optimized: true,
        iam_instance_profile: "${aws_iam_instance_profile.vpn_instance-profile.name}",
        disable_api_termination: true,
        lifecycle: { ignore_changes: ["user_data"] },
        network_interface: [{ device_index: 0, network_interface_id: "${aws_network_interface.vpn_network-interface.id}" }],
      });
    });

    it("names neither an AMI nor a root block device on the instance: a new AMI behind the parameter never replaces it", () => {
      const instance = only(synth, Instance);
      expect(instance.ami).toBeUndefined();
      expect(instance.root_block_device).toBeUndefined();
      expect(instance.key_name).toBeUndefined();
    });

    it("resolves the image at launch and encrypts a gp3 root volume in the template", () => {
      expect(only(synth, LaunchTemplate)).toMatchObject({
        image_id: "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
        block_device_mappings: [{ device_name: "/dev/xvda", ebs: { encrypted: "true", volume_type: "gp3", volume_size: 20, delete_on_termination: "true" } }],
        metadata_options: { http_tokens: "required", http_put_response_hop_limit: 1 },
        monitoring: { enabled: true },
        ebs_optimized: "true",
      });
    });

    it("carries the rendered user data, base64-encoded, with the settings of this server", () => {
      const userData = Buffer.from(only(synth, LaunchTemplate).user_data, "base64").toString("utf8");
      expect(userData).toMatch(/^#!\/bin\/bash\n/);
      expect(userData).toContain('readonly VPN_BACKUP_BUCKET="acme-management-vpn-backups-111111111111"');
      expect(userData).toContain('readonly VPN_LOG_GROUP="/acme-management/vpn"');
    });

    it("keeps the fixed address on a network interface with the source/destination check off, its Elastic IP associated there", () => {
      expect(only(synth, NetworkInterface)).toMatchObject({ private_ips: ["10.120.192.10"], source_dest_check: false, subnet_id: "subnet-0123" });
      expect(only(synth, EipAssociation)).toMatchObject({
        allocation_id: "${aws_eip.vpn_eip.allocation_id}",
        network_interface_id: "${aws_network_interface.vpn_network-interface.id}",
      });
    });

    it("opens the VPN port to the clients and the console to the admins only, never port 22", () => {
      const ingress = Object.values(resourcesOf(synth, VpcSecurityGroupIngressRule));
      expect(ingress.map((r) => [r.ip_protocol, r.from_port, r.cidr_ipv4]).sort()).toEqual([
        ["tcp", 443, "198.18.10.0/24"],
        ["udp", 1194, "0.0.0.0/0"],
      ]);
      expect(ingress.every((r) => typeof r.description === "string" && r.description.length > 0)).toBe(true);
    });

    it("lets out HTTPS to the internet and client traffic to the pushed routes only", () => {
      const egress = Object.values(resourcesOf(synth, VpcSecurityGroupEgressRule));
      expect(egress.map((r) => [r.ip_protocol, r.from_port ?? null, r.cidr_ipv4]).sort()).toEqual([
        ["-1", null, "10.120.0.0/16"],
        ["-1", null, "10.130.0.0/16"],
        ["tcp", 443, "0.0.0.0/0"],
      ]);
    });

    it("attaches Session Manager's managed policy to the role", () => {
      expect(synth).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" });
      expect(countResources(synth, IamRolePolicyAttachment)).toBe(1);
    });

    it("lets the role write its log streams and put objects under the backup prefix only, with the backup key through S3", () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: [
          expect.objectContaining({ sid: "WriteOwnLogStreams", resources: ["${aws_cloudwatch_log_group.vpn_log-group.arn}", "${aws_cloudwatch_log_group.vpn_log-group.arn}:*"] }),
          expect.objectContaining({ sid: "WriteBackups", actions: ["s3:PutObject"], resources: ["${aws_s3_bucket.vpn_backups_bucket.arn}/pritunl/*"] }),
          expect.objectContaining({
            sid: "EncryptBackups",
            actions: ["kms:GenerateDataKey", "kms:Decrypt"],
            resources: ["${aws_kms_key.vpn_backups_key.arn}"],
            condition: [{ test: "StringEquals", variable: "kms:ViaService", values: ["s3.us-east-1.amazonaws.com"] }],
          }),
        ],
      });
    });

    it("writes to a log group encrypted with the logs key, with the environment's retention", () => {
      expect(only(synth, CloudwatchLogGroup)).toMatchObject({ name: "/acme-management/vpn", kms_key_id: props.logsKmsKeyArn, retention_in_days: 365 });
    });

    it("recovers the instance when its host fails the system status check", () => {
      expect(only(synth, CloudwatchMetricAlarm)).toMatchObject({
        metric_name: "StatusCheckFailed_System",
        namespace: "AWS/EC2",
        dimensions: { InstanceId: "${aws_instance.vpn_instance.id}" },
        statistic: "Maximum",
        period: 60,
        evaluation_periods: 2,
        threshold: 1,
        comparison_operator: "GreaterThanOrEqualToThreshold",
        actions_enabled: true,
        alarm_actions: ["arn:aws:automate:us-east-1:ec2:recover"],
      });
    });

    it("creates exactly these resources", () => {
      expect(resourceCounts(synth)).toEqual({
        aws_cloudwatch_log_group: 1,
        aws_cloudwatch_metric_alarm: 1,
        aws_eip: 1,
        aws_eip_association: 1,
        aws_iam_instance_profile: 1,
        aws_iam_role: 1,
        aws_iam_role_policy: 1,
        aws_iam_role_policy_attachment: 1,
        aws_instance: 1,
        aws_kms_alias: 1,
        aws_kms_key: 1,
        aws_launch_template: 1,
        aws_network_interface: 1,
        aws_s3_bucket: 2,
        aws_s3_bucket_lifecycle_configuration: 2,
        aws_s3_bucket_logging: 1,
        aws_s3_bucket_ownership_controls: 2,
        aws_s3_bucket_policy: 2,
        aws_s3_bucket_public_access_block: 2,
        aws_s3_bucket_server_side_encryption_configuration: 2,
        aws_s3_bucket_versioning: 2,
        aws_security_group: 1,
        aws_vpc_security_group_egress_rule: 3,
        aws_vpc_security_group_ingress_rule: 2,
      });
    });
  });

  describe("with an alert topic", () => {
    it("adds it to the recovery alarm's actions after the recover action", () => {
      const topic = "arn:aws:sns:us-east-1:111111111111:acme-management-alerts";
      const { synth } = build({ ...props, alarmActions: [topic] });
      expect(only(synth, CloudwatchMetricAlarm).alarm_actions).toEqual(["arn:aws:automate:us-east-1:ec2:recover", topic]);
    });
  });

  describe("in another partition", () => {
    it("builds the recover action's and the managed policy's ARNs in it", () => {
      const { synth } = build({ ...props, partition: "aws-us-gov", region: "us-gov-west-1" });
      expect(only(synth, CloudwatchMetricAlarm).alarm_actions).toEqual(["arn:aws-us-gov:automate:us-gov-west-1:ec2:recover"]);
      expect(synth).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: "arn:aws-us-gov:iam::aws:policy/AmazonSSMManagedInstanceCore" });
    });
  });

  describe("with a model AMI and a bigger root volume", () => {
    it("puts them in the template", () => {
      const { synth } = build({ ...props, imageId: "ami-0123456789abcdef0", rootVolumeSizeGiB: 40 });
      expect(only(synth, LaunchTemplate)).toMatchObject({ image_id: "ami-0123456789abcdef0", block_device_mappings: [{ ebs: { volume_size: 40 } }] });
    });
  });
});
