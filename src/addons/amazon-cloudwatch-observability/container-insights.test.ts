import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { EksCluster } from "../../eks/eks-cluster";
import { synthInLandingZoneStack } from "../../../test-helpers/landing-zone-scope";
import { CONTAINER_INSIGHTS_LOG_GROUPS, containerInsightsLogGroupName, ContainerInsights } from "./container-insights";

const LOGS_KEY = "arn:aws:kms:us-east-1:222222222222:key/logs";

function synth() {
  return synthInLandingZoneStack((scope) => {
    const cluster = new EksCluster(scope, "eks", {
      clusterName: "acme-production",
      namePrefix: "acme-production",
      kubernetesVersion: "1.33",
      accountId: "222222222222",
      partition: "aws",
      vpcId: "vpc-123",
      vpcCidr: "10.130.0.0/16",
      privateSubnetIds: ["subnet-a", "subnet-b"],
      controlPlaneSubnetIds: ["subnet-cp-a", "subnet-cp-b"],
      logsKmsKeyArn: LOGS_KEY,
      logRetentionDays: 365,
      nodeGroups: [
        { name: "general", instanceTypes: ["m6i.large"], minSize: 2, maxSize: 4, desiredSize: 2, capacityType: "ON_DEMAND", diskSizeGiB: 50, labels: {}, taints: [], maxUnavailablePercent: 33 },
      ],
    });
    new ContainerInsights(cluster, "container-insights", {
      cluster,
      clusterName: "acme-production",
      addonVersion: "v4.10.3-eksbuild.1",
      roleName: "acme-production-irsa-cw-agent",
      partition: "aws",
      logRetentionDays: 400,
      logsKmsKeyArn: cluster.logsKmsKeyArn,
      dependsOn: [...cluster.nodeGroups.values()].map((g) => g.resource),
    });
  });
}

describe("ContainerInsights", () => {
  const text = synth();
  const json = JSON.parse(text);

  it("creates the four Container Insights log groups first, with the given retention and the logs key", () => {
    for (const kind of CONTAINER_INSIGHTS_LOG_GROUPS) {
      expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, {
        name: `/aws/containerinsights/acme-production/${kind}`,
        retention_in_days: 400,
        kms_key_id: LOGS_KEY,
      });
    }
    expect(json.resource.aws_eks_addon["eks_container-insights_addon"].depends_on).toEqual(
      expect.arrayContaining(CONTAINER_INSIGHTS_LOG_GROUPS.map((k) => `aws_cloudwatch_log_group.eks_container-insights_log-group-${k}`)),
    );
  });

  it("installs the pinned amazon-cloudwatch-observability add-on with the agent's IRSA role, after the nodes", () => {
    expect(text).toHaveResourceWithProperties(EksAddon, {
      addon_name: "amazon-cloudwatch-observability",
      addon_version: "v4.10.3-eksbuild.1",
      service_account_role_arn: "${aws_iam_role.eks_irsa-cloudwatch-agent_role.arn}",
      resolve_conflicts_on_create: "OVERWRITE",
      resolve_conflicts_on_update: "PRESERVE",
    });
    expect(json.resource.aws_eks_addon["eks_container-insights_addon"].depends_on).toEqual(
      expect.arrayContaining(["aws_eks_node_group.eks_node-group-general_node-group", "aws_iam_role_policy_attachment.eks_irsa-cloudwatch-agent_policy-CloudWatchAgentServerPolicy"]),
    );
  });

  it("trusts only amazon-cloudwatch/cloudwatch-agent and gives it CloudWatchAgentServerPolicy", () => {
    expect(json.resource.aws_iam_role["eks_irsa-cloudwatch-agent_role"].name).toBe("acme-production-irsa-cw-agent");
    const trust = Object.entries<any>(json.data.aws_iam_policy_document).find(([id]) => id.startsWith("eks_irsa-cloudwatch-agent"))![1];
    expect(trust.statement[0].condition).toEqual(
      expect.arrayContaining([expect.objectContaining({ test: "StringEquals", values: ["system:serviceaccount:amazon-cloudwatch:cloudwatch-agent"] })]),
    );
    expect(text).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy" });
  });
});

describe("containerInsightsLogGroupName", () => {
  it("is the name the add-on writes to", () => {
    expect(containerInsightsLogGroupName("c", "performance")).toBe("/aws/containerinsights/c/performance");
  });
});
