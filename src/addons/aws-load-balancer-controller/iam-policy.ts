/**
 * The AWS Load Balancer Controller's IAM policy, statement for statement the reference policy of
 * the pinned release (`docs/install/iam_policy.json` of v3.5.0, and `iam_policy_us-gov.json` for
 * GovCloud), with the partition in every ARN. No constructs: the test compares the result with
 * both upstream files as sets of statements.
 *
 * Kept exactly as upstream, including the tag-based conditions: every write on a load balancer,
 * target group or security group the controller did not create requires the
 * `elbv2.k8s.aws/cluster` tag (`Null` conditions on `aws:RequestTag` / `aws:ResourceTag`), so the
 * role can only change what it created. Some statements keep `Resource: "*"` without a condition
 * (security-group ingress rules, listeners and rules, WAF/Shield association); upstream needs them
 * because those resources carry no cluster tag at the moment they are changed.
 *
 * Partitions: the files for `aws`, `aws-us-gov`, `aws-cn` and `aws-eusc` of v3.5.0 hold the same
 * statements with their partition in the ARNs (checked by hand against the tag for `aws-cn` and
 * `aws-eusc`; the test checks `aws` and `aws-us-gov`, the two files vendored in ../shared). The
 * ISO partitions' files differ (they lack capacity-reservation and listener-attribute actions),
 * so they are refused rather than guessed.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

/** The partitions whose v3.5.0 reference policy this module reproduces. */
export const AWS_LOAD_BALANCER_CONTROLLER_PARTITIONS = ["aws", "aws-us-gov", "aws-cn", "aws-eusc"] as const;

/** A partition whose reference policy is the `aws` one with the partition in the ARNs. */
export type AwsLoadBalancerControllerPartition = (typeof AWS_LOAD_BALANCER_CONTROLLER_PARTITIONS)[number];

/** True when `partition` is one of AWS_LOAD_BALANCER_CONTROLLER_PARTITIONS. */
export function isAwsLoadBalancerControllerPartition(partition: string): partition is AwsLoadBalancerControllerPartition {
  return (AWS_LOAD_BALANCER_CONTROLLER_PARTITIONS as readonly string[]).includes(partition);
}

/** The tag the controller puts on everything it creates; the conditions below key on it. */
const CLUSTER_TAG = "elbv2.k8s.aws/cluster";
const requestTagPresent = { test: "Null", variable: `aws:RequestTag/${CLUSTER_TAG}`, values: ["false"] };
const requestTagAbsent = { test: "Null", variable: `aws:RequestTag/${CLUSTER_TAG}`, values: ["true"] };
const resourceTagPresent = { test: "Null", variable: `aws:ResourceTag/${CLUSTER_TAG}`, values: ["false"] };

/** The controller's policy statements for `partition`, in the order of upstream's `iam_policy.json`. */
export function awsLoadBalancerControllerPolicyStatements(partition: AwsLoadBalancerControllerPartition): DataAwsIamPolicyDocumentStatement[] {
  const securityGroups = `arn:${partition}:ec2:*:*:security-group/*`;
  const elb = (path: string) => `arn:${partition}:elasticloadbalancing:*:*:${path}`;
  const taggableLoadBalancersAndTargetGroups = [elb("targetgroup/*/*"), elb("loadbalancer/net/*/*"), elb("loadbalancer/app/*/*")];
  return [
    {
      sid: "CreateElbServiceLinkedRole",
      effect: "Allow",
      actions: ["iam:CreateServiceLinkedRole"],
      resources: ["*"],
      condition: [{ test: "StringEquals", variable: "iam:AWSServiceName", values: ["elasticloadbalancing.amazonaws.com"] }],
    },
    {
      sid: "DescribeEc2AndElb",
      effect: "Allow",
      actions: [
        "ec2:DescribeAccountAttributes",
        "ec2:DescribeAddresses",
        "ec2:DescribeAvailabilityZones",
        "ec2:DescribeInternetGateways",
        "ec2:DescribeVpcs",
        "ec2:DescribeVpcPeeringConnections",
        "ec2:DescribeSubnets",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeInstances",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeTags",
        "ec2:GetCoipPoolUsage",
        "ec2:DescribeCoipPools",
        "ec2:GetSecurityGroupsForVpc",
        "ec2:DescribeIpamPools",
        "ec2:DescribeRouteTables",
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeListeners",
        "elasticloadbalancing:DescribeListenerCertificates",
        "elasticloadbalancing:DescribeSSLPolicies",
        "elasticloadbalancing:DescribeRules",
        "elasticloadbalancing:DescribeTargetGroups",
        "elasticloadbalancing:DescribeTargetGroupAttributes",
        "elasticloadbalancing:DescribeTargetHealth",
        "elasticloadbalancing:DescribeTags",
        "elasticloadbalancing:DescribeTrustStores",
        "elasticloadbalancing:DescribeListenerAttributes",
        "elasticloadbalancing:DescribeCapacityReservation",
      ],
      resources: ["*"],
    },
    {
      sid: "CertificatesWafAndShield",
      effect: "Allow",
      actions: [
        "cognito-idp:DescribeUserPoolClient",
        "acm:ListCertificates",
        "acm:DescribeCertificate",
        "iam:ListServerCertificates",
        "iam:GetServerCertificate",
        "waf-regional:GetWebACL",
        "waf-regional:GetWebACLForResource",
        "waf-regional:AssociateWebACL",
        "waf-regional:DisassociateWebACL",
        "wafv2:GetWebACL",
        "wafv2:GetWebACLForResource",
        "wafv2:AssociateWebACL",
        "wafv2:DisassociateWebACL",
        "shield:GetSubscriptionState",
        "shield:DescribeProtection",
        "shield:CreateProtection",
        "shield:DeleteProtection",
      ],
      resources: ["*"],
    },
    {
      sid: "ManageSecurityGroupIngress",
      effect: "Allow",
      actions: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"],
      resources: ["*"],
    },
    {
      sid: "CreateSecurityGroup",
      effect: "Allow",
      actions: ["ec2:CreateSecurityGroup"],
      resources: ["*"],
    },
    {
      sid: "TagSecurityGroupOnCreate",
      effect: "Allow",
      actions: ["ec2:CreateTags"],
      resources: [securityGroups],
      condition: [{ test: "StringEquals", variable: "ec2:CreateAction", values: ["CreateSecurityGroup"] }, requestTagPresent],
    },
    {
      sid: "RetagOwnSecurityGroups",
      effect: "Allow",
      actions: ["ec2:CreateTags", "ec2:DeleteTags"],
      resources: [securityGroups],
      condition: [requestTagAbsent, resourceTagPresent],
    },
    {
      sid: "ChangeOwnSecurityGroups",
      effect: "Allow",
      actions: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup"],
      resources: ["*"],
      condition: [resourceTagPresent],
    },
    {
      sid: "CreateTaggedLoadBalancers",
      effect: "Allow",
      actions: ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"],
      resources: ["*"],
      condition: [requestTagPresent],
    },
    {
      sid: "ManageListenersAndRules",
      effect: "Allow",
      actions: [
        "elasticloadbalancing:CreateListener",
        "elasticloadbalancing:DeleteListener",
        "elasticloadbalancing:CreateRule",
        "elasticloadbalancing:DeleteRule",
      ],
      resources: ["*"],
    },
    {
      sid: "RetagOwnLoadBalancers",
      effect: "Allow",
      actions: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
      resources: taggableLoadBalancersAndTargetGroups,
      condition: [requestTagAbsent, resourceTagPresent],
    },
    {
      sid: "TagListenersAndRules",
      effect: "Allow",
      actions: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
      resources: [elb("listener/net/*/*/*"), elb("listener/app/*/*/*"), elb("listener-rule/net/*/*/*"), elb("listener-rule/app/*/*/*")],
    },
    {
      sid: "ChangeOwnLoadBalancers",
      effect: "Allow",
      actions: [
        "elasticloadbalancing:ModifyLoadBalancerAttributes",
        "elasticloadbalancing:SetIpAddressType",
        "elasticloadbalancing:SetSecurityGroups",
        "elasticloadbalancing:SetSubnets",
        "elasticloadbalancing:DeleteLoadBalancer",
        "elasticloadbalancing:ModifyTargetGroup",
        "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:DeleteTargetGroup",
        "elasticloadbalancing:ModifyListenerAttributes",
        "elasticloadbalancing:ModifyCapacityReservation",
        "elasticloadbalancing:ModifyIpPools",
      ],
      resources: ["*"],
      condition: [resourceTagPresent],
    },
    {
      sid: "TagLoadBalancersOnCreate",
      effect: "Allow",
      actions: ["elasticloadbalancing:AddTags"],
      resources: taggableLoadBalancersAndTargetGroups,
      condition: [
        { test: "StringEquals", variable: "elasticloadbalancing:CreateAction", values: ["CreateTargetGroup", "CreateLoadBalancer"] },
        requestTagPresent,
      ],
    },
    {
      sid: "RegisterTargets",
      effect: "Allow",
      actions: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
      resources: [elb("targetgroup/*/*")],
    },
    {
      sid: "ModifyListenersRulesAndWebAcl",
      effect: "Allow",
      actions: [
        "elasticloadbalancing:SetWebAcl",
        "elasticloadbalancing:ModifyListener",
        "elasticloadbalancing:AddListenerCertificates",
        "elasticloadbalancing:RemoveListenerCertificates",
        "elasticloadbalancing:ModifyRule",
        "elasticloadbalancing:SetRulePriorities",
      ],
      resources: ["*"],
    },
  ];
}
