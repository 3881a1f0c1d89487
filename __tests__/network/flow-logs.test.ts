import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Testing } from "cdktf";
import { FlowLogs } from "../../src/network/flow-logs";

const props = {
  namePrefix: "acme-production",
  vpcId: "vpc-0123456789abcdef0",
  accountId: "222222222222",
  partition: "aws",
  region: "us-east-1",
  retentionDays: 365,
  kmsKeyArn: "arn:aws:kms:us-east-1:222222222222:key/11111111-2222-3333-4444-555555555555",
};

describe("FlowLogs", () => {
  describe("with a VPC and a key", () => {
    const synth = Testing.synthScope((scope) => new FlowLogs(scope, "flow-logs", props));
    const data = JSON.parse(synth).data.aws_iam_policy_document as Record<string, { statement: { actions: string[]; resources?: string[] }[] }>;

    it("logs all traffic of the VPC to the CloudWatch log group through the role", () => {
      expect(synth).toHaveResourceWithProperties(FlowLog, {
        vpc_id: "vpc-0123456789abcdef0",
        traffic_type: "ALL",
        log_destination_type: "cloud-watch-logs",
        log_destination: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\..*\.arn\}$/),
        iam_role_arn: expect.stringMatching(/^\$\{aws_iam_role\..*\.arn\}$/),
      });
    });

    it("starts delivering only once the role may write, so it never starts in 'Access error'", () => {
      expect(synth).toHaveResourceWithProperties(FlowLog, {
        depends_on: [expect.stringMatching(/^aws_iam_role_policy\./)],
      });
    });

    it("keeps the logs in a KMS-encrypted group with retention", () => {
      expect(synth).toHaveResourceWithProperties(CloudwatchLogGroup, {
        name: "/aws/vpc/acme-production/flow-logs",
        retention_in_days: 365,
        kms_key_id: props.kmsKeyArn,
      });
    });

    it("names the role after the model's role names", () => {
      expect(synth).toHaveResourceWithProperties(IamRole, { name: "acme-production-vpc-flow-logs" });
    });

    it("lets only VPC flow logs of this account assume the role", () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: [
          expect.objectContaining({
            principals: [{ type: "Service", identifiers: ["vpc-flow-logs.amazonaws.com"] }],
            actions: ["sts:AssumeRole"],
            condition: expect.arrayContaining([{ test: "StringEquals", variable: "aws:SourceAccount", values: ["222222222222"] }]),
          }),
        ],
      });
    });

    it("lets the role write only streams of its log group", () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: [
          expect.objectContaining({
            actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            // The group's ARN from its name (known on a first plan), and its streams.
            resources: [
              "arn:aws:logs:us-east-1:222222222222:log-group:/aws/vpc/acme-production/flow-logs",
              "arn:aws:logs:us-east-1:222222222222:log-group:/aws/vpc/acme-production/flow-logs:*",
            ],
          }),
        ],
      });
      expect(synth).toHaveResourceWithProperties(IamRolePolicy, {
        role: expect.stringMatching(/^\$\{aws_iam_role\..*\.id\}$/),
        policy: expect.stringMatching(/^\$\{data\.aws_iam_policy_document\..*\.json\}$/),
      });
    });

    it("grants no action on a wildcard resource", () => {
      const resources = Object.values(data).flatMap((doc) => doc.statement.flatMap((s) => s.resources ?? []));
      expect(resources).not.toContain("*");
    });
  });
});
