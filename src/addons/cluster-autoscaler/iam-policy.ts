/**
 * The Cluster Autoscaler's IAM policy: the least-privilege policy of its AWS provider's README
 * (kubernetes/autoscaler, cluster-autoscaler/cloudprovider/aws/README.md, "IAM Policy"), scoped to
 * this cluster. No constructs.
 *
 * - Changing a group (SetDesiredCapacity, TerminateInstanceInAutoScalingGroup) only on Auto
 *   Scaling groups of this account and region tagged `k8s.io/cluster-autoscaler/<cluster>: owned`
 *   and `k8s.io/cluster-autoscaler/enabled: true`, the auto-discovery tags EKS puts on every
 *   managed node group's Auto Scaling group. Another cluster's groups carry another name.
 * - `eks:DescribeNodegroup` (labels, taints and resources of managed node groups for scale from
 *   zero) only on this cluster's node groups.
 * - The reads that take no resource (`autoscaling:Describe*`, `ec2:Describe*`,
 *   `ec2:GetInstanceTypesFromInstanceRequirements`) on "*".
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

/** What scopes the policy to one cluster. */
export interface ClusterAutoscalerPolicyScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly clusterName: string;
}

/** The auto-discovery tags (`--node-group-auto-discovery=asg:tag=...`) of a cluster's groups. */
export function autoDiscoveryTags(clusterName: string): Record<string, string> {
  return { "k8s.io/cluster-autoscaler/enabled": "true", [`k8s.io/cluster-autoscaler/${clusterName}`]: "owned" };
}

export function clusterAutoscalerStatements(scope: ClusterAutoscalerPolicyScope): DataAwsIamPolicyDocumentStatement[] {
  const { partition: p, region: r, accountId: a, clusterName: c } = scope;
  return [
    {
      sid: "ScaleThisClustersGroups",
      effect: "Allow",
      actions: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
      resources: [`arn:${p}:autoscaling:${r}:${a}:autoScalingGroup:*:autoScalingGroupName/*`],
      condition: Object.entries(autoDiscoveryTags(c)).map(([key, value]) => ({
        test: "StringEquals",
        variable: `autoscaling:ResourceTag/${key}`,
        values: [value],
      })),
    },
    {
      sid: "DescribeThisClustersNodeGroups",
      effect: "Allow",
      actions: ["eks:DescribeNodegroup"],
      resources: [`arn:${p}:eks:${r}:${a}:nodegroup/${c}/*/*`],
    },
    {
      sid: "ReadGroupsAndInstanceTypes",
      effect: "Allow",
      actions: [
        "autoscaling:DescribeAutoScalingGroups",
        "autoscaling:DescribeAutoScalingInstances",
        "autoscaling:DescribeLaunchConfigurations",
        "autoscaling:DescribeScalingActivities",
        "ec2:DescribeImages",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeLaunchTemplateVersions",
        "ec2:GetInstanceTypesFromInstanceRequirements",
      ],
      resources: ["*"],
    },
  ];
}
