/**
 * Karpenter's controller policies, statement for statement those of the getting-started
 * `cloudformation.yaml` of the pinned release (../shared/charts/karpenter/1.14.1), scoped to this
 * cluster. No constructs: iam-policy.test.ts compares them with that template.
 *
 * Differences from the template, all narrowing it:
 * - ARNs that the template leaves open to any account (`arn:...:ec2:<region>:*:subnet/*`) name
 *   the cluster's account: Karpenter launches nodes only in its own account.
 * - ZonalShift (`arc-zonal-shift:GetManagedResource`) is left out: the values keep the chart's
 *   `settings.enableZonalShift: false`, so the controller never calls it.
 * - Everything else is the template's: the tag conditions (`kubernetes.io/cluster/<name>: owned`,
 *   `karpenter.sh/nodepool`, `eks:eks-cluster-name`) are what keep the controller to the
 *   instances, launch templates and instance profiles of this cluster.
 *
 * Resource "*" remains only where the template has it and the action takes no ARN (CKV_AWS_355):
 * the regional `ec2:Describe*` reads, `pricing:GetProducts` and `iam:ListInstanceProfiles`
 * (upstream's Sid calls it "Unscoped").
 */

/** A statement in IAM's JSON spelling (as the template writes it). */
export interface IamStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** A policy document in IAM's JSON spelling. */
export interface IamPolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly IamStatement[];
}

/** What scopes the policies to one cluster. */
export interface KarpenterPolicyScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly clusterName: string;
  /** ARN of the node role Karpenter passes to its instance profiles. */
  readonly nodeRoleArn: string;
  /** ARN of the interruption queue. */
  readonly queueArn: string;
}

/** The template's policy names (`KarpenterController<Name>Policy-<cluster>`), in its order, without ZonalShift. */
export const KARPENTER_CONTROLLER_POLICIES = ["NodeLifecycle", "IAMIntegration", "EKSIntegration", "Interruption", "ResourceDiscovery"] as const;
export type KarpenterControllerPolicy = (typeof KARPENTER_CONTROLLER_POLICIES)[number];

const doc = (...statements: IamStatement[]): IamPolicyDocument => ({ Version: "2012-10-17", Statement: statements });

/** The controller's policy documents by template name. */
export function karpenterControllerPolicies(scope: KarpenterPolicyScope): Record<KarpenterControllerPolicy, IamPolicyDocument> {
  const { partition: p, region: r, accountId: a, clusterName: c } = scope;
  const ec2 = (type: string) => `arn:${p}:ec2:${r}:${a}:${type}/*`;
  const owned = { [`aws:ResourceTag/kubernetes.io/cluster/${c}`]: "owned" };
  const requestOwned = { [`aws:RequestTag/kubernetes.io/cluster/${c}`]: "owned", "aws:RequestTag/eks:eks-cluster-name": c };
  const taggedResources = ["fleet", "instance", "volume", "network-interface", "launch-template", "spot-instances-request"].map(ec2);
  const instanceProfiles = `arn:${p}:iam::${a}:instance-profile/*`;
  const clusterArn = `arn:${p}:eks:${r}:${a}:cluster/${c}`;
  return {
    NodeLifecycle: doc(
      {
        Sid: "AllowScopedEC2InstanceAccessActions",
        Effect: "Allow",
        Resource: [`arn:${p}:ec2:${r}::image/*`, `arn:${p}:ec2:${r}::snapshot/*`, ...["security-group", "subnet", "capacity-reservation", "placement-group"].map(ec2)],
        Action: ["ec2:RunInstances", "ec2:CreateFleet"],
      },
      {
        Sid: "AllowScopedEC2LaunchTemplateAccessActions",
        Effect: "Allow",
        Resource: ec2("launch-template"),
        Action: ["ec2:RunInstances", "ec2:CreateFleet"],
        Condition: { StringEquals: owned, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } },
      },
      {
        Sid: "AllowScopedEC2InstanceActionsWithTags",
        Effect: "Allow",
        Resource: taggedResources,
        Action: ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"],
        Condition: { StringEquals: requestOwned, StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" } },
      },
      {
        Sid: "AllowScopedResourceCreationTagging",
        Effect: "Allow",
        Resource: taggedResources,
        Action: "ec2:CreateTags",
        Condition: {
          StringEquals: { ...requestOwned, "ec2:CreateAction": ["RunInstances", "CreateFleet", "CreateLaunchTemplate"] },
          StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
        },
      },
      {
        Sid: "AllowScopedResourceTagging",
        Effect: "Allow",
        Resource: ec2("instance"),
        Action: "ec2:CreateTags",
        Condition: {
          StringEquals: owned,
          StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
          StringEqualsIfExists: { "aws:RequestTag/eks:eks-cluster-name": c },
          "ForAllValues:StringEquals": { "aws:TagKeys": ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"] },
        },
      },
      {
        Sid: "AllowScopedDeletion",
        Effect: "Allow",
        Resource: [ec2("instance"), ec2("launch-template")],
        Action: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"],
        Condition: { StringEquals: owned, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } },
      },
    ),
    IAMIntegration: doc(
      {
        Sid: "AllowPassingInstanceRole",
        Effect: "Allow",
        Resource: scope.nodeRoleArn,
        Action: "iam:PassRole",
        Condition: { StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"] } },
      },
      {
        Sid: "AllowScopedInstanceProfileCreationActions",
        Effect: "Allow",
        Resource: instanceProfiles,
        Action: ["iam:CreateInstanceProfile"],
        Condition: {
          StringEquals: { ...requestOwned, "aws:RequestTag/topology.kubernetes.io/region": r },
          StringLike: { "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*" },
        },
      },
      {
        Sid: "AllowScopedInstanceProfileTagActions",
        Effect: "Allow",
        Resource: instanceProfiles,
        Action: ["iam:TagInstanceProfile"],
        Condition: {
          StringEquals: {
            ...owned,
            "aws:ResourceTag/topology.kubernetes.io/region": r,
            ...requestOwned,
            "aws:RequestTag/topology.kubernetes.io/region": r,
          },
          StringLike: { "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*", "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*" },
        },
      },
      {
        Sid: "AllowScopedInstanceProfileActions",
        Effect: "Allow",
        Resource: instanceProfiles,
        Action: ["iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile"],
        Condition: {
          StringEquals: { ...owned, "aws:ResourceTag/topology.kubernetes.io/region": r },
          StringLike: { "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*" },
        },
      },
    ),
    EKSIntegration: doc({ Sid: "AllowAPIServerEndpointDiscovery", Effect: "Allow", Resource: clusterArn, Action: "eks:DescribeCluster" }),
    Interruption: doc({
      Sid: "AllowInterruptionQueueActions",
      Effect: "Allow",
      Resource: scope.queueArn,
      Action: ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"],
    }),
    ResourceDiscovery: doc(
      {
        Sid: "AllowRegionalReadActions",
        Effect: "Allow",
        Resource: "*",
        Action: [
          "ec2:DescribeCapacityReservations",
          "ec2:DescribeImages",
          "ec2:DescribeInstances",
          "ec2:DescribeInstanceStatus",
          "ec2:DescribeInstanceTypeOfferings",
          "ec2:DescribeInstanceTypes",
          "ec2:DescribeLaunchTemplates",
          "ec2:DescribePlacementGroups",
          "ec2:DescribeSecurityGroups",
          "ec2:DescribeSpotPriceHistory",
          "ec2:DescribeSubnets",
        ],
        Condition: { StringEquals: { "aws:RequestedRegion": r } },
      },
      { Sid: "AllowSSMReadActions", Effect: "Allow", Resource: `arn:${p}:ssm:${r}::parameter/aws/service/*`, Action: "ssm:GetParameter" },
      { Sid: "AllowPricingReadActions", Effect: "Allow", Resource: "*", Action: "pricing:GetProducts" },
      { Sid: "AllowUnscopedInstanceProfileListAction", Effect: "Allow", Resource: "*", Action: "iam:ListInstanceProfiles" },
      { Sid: "AllowInstanceProfileReadActions", Effect: "Allow", Resource: instanceProfiles, Action: "iam:GetInstanceProfile" },
    ),
  };
}

/**
 * Beyond the template, only for clusters with a spot pool: EC2 launches spot capacity through the
 * account's AWSServiceRoleForEC2Spot service-linked role and creates it on the first spot request
 * only when the caller may (`iam:CreateServiceLinkedRole`); otherwise CreateFleet fails with
 * AuthFailure.ServiceLinkedRoleCreationNotPermitted and upstream's guide has the operator create
 * the role by hand once per account. Scoped to that one role and service name.
 */
export function spotServiceLinkedRolePolicy(scope: Pick<KarpenterPolicyScope, "partition" | "accountId">): IamPolicyDocument {
  return doc({
    Sid: "AllowSpotServiceLinkedRoleCreation",
    Effect: "Allow",
    Resource: `arn:${scope.partition}:iam::${scope.accountId}:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot`,
    Action: "iam:CreateServiceLinkedRole",
    Condition: { StringEquals: { "iam:AWSServiceName": "spot.amazonaws.com" } },
  });
}

/**
 * The node role's AWS-managed policies: the template's minus AmazonEKS_CNI_Policy, which this
 * project gives the VPC CNI through its own IRSA role (kube-system/aws-node), never the nodes.
 */
export const KARPENTER_NODE_MANAGED_POLICIES = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryPullOnly", "AmazonSSMManagedInstanceCore"] as const;
