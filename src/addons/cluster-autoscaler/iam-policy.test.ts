import { isUnscopable } from "../../policy/rules/iam-rules";
import { autoDiscoveryTags, clusterAutoscalerStatements } from "./iam-policy";

const statements = clusterAutoscalerStatements({ partition: "aws", region: "us-east-1", accountId: "333333333333", clusterName: "acme-development" });
const bySid = (sid: string) => statements.find((s) => s.sid === sid)!;

describe("clusterAutoscalerStatements", () => {
  it("has the README's actions, no more: two that change groups, the node group read, and the reads", () => {
    expect(statements.flatMap((s) => s.actions).sort()).toEqual(
      [
        "autoscaling:SetDesiredCapacity",
        "autoscaling:TerminateInstanceInAutoScalingGroup",
        "autoscaling:DescribeAutoScalingGroups",
        "autoscaling:DescribeAutoScalingInstances",
        "autoscaling:DescribeLaunchConfigurations",
        "autoscaling:DescribeScalingActivities",
        "ec2:DescribeImages",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeLaunchTemplateVersions",
        "ec2:GetInstanceTypesFromInstanceRequirements",
        "eks:DescribeNodegroup",
      ].sort(),
    );
  });

  it("changes only this account's and region's Auto Scaling groups that carry this cluster's discovery tags", () => {
    expect(bySid("ScaleThisClustersGroups")).toEqual({
      sid: "ScaleThisClustersGroups",
      effect: "Allow",
      actions: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
      resources: ["arn:aws:autoscaling:us-east-1:333333333333:autoScalingGroup:*:autoScalingGroupName/*"],
      condition: [
        { test: "StringEquals", variable: "autoscaling:ResourceTag/k8s.io/cluster-autoscaler/enabled", values: ["true"] },
        { test: "StringEquals", variable: "autoscaling:ResourceTag/k8s.io/cluster-autoscaler/acme-development", values: ["owned"] },
      ],
    });
  });

  it("reads only this cluster's node groups", () => {
    expect(bySid("DescribeThisClustersNodeGroups").resources).toEqual(["arn:aws:eks:us-east-1:333333333333:nodegroup/acme-development/*/*"]);
  });

  it("keeps Resource \"*\" only for reads that take no resource (CKV_AWS_355)", () => {
    const starred = statements.filter((s) => s.resources?.includes("*"));
    expect(starred.map((s) => s.sid)).toEqual(["ReadGroupsAndInstanceTypes"]);
    expect(starred[0].actions!.filter((a) => !isUnscopable(a))).toEqual([]);
  });

  it("conditions on the tags the node groups' Auto Scaling groups carry", () => {
    expect(autoDiscoveryTags("acme-development")).toEqual({ "k8s.io/cluster-autoscaler/enabled": "true", "k8s.io/cluster-autoscaler/acme-development": "owned" });
  });
});
