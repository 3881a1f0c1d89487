/**
 * Karpenter's AWS side, as the getting-started `cloudformation.yaml` of the pinned release builds
 * it (../shared/charts/karpenter/1.14.1), inside the cluster's construct:
 * - the controller's policies (iam-policy.ts) on an IRSA role for karpenter/karpenter, and, with a
 *   spot pool, leave to create the account's spot service-linked role on first use;
 * - the node role Karpenter's EC2NodeClass names (worker, ECR pull-only, SSM core; no CNI policy:
 *   the VPC CNI has its own IRSA role), with an EC2_LINUX access entry so its nodes can join;
 * - the interruption queue (SQS-managed SSE, CKV_AWS_27; 300 s retention) with the template's five
 *   EventBridge rules (scheduled change, spot interruption, rebalance, state change, capacity
 *   reservation interruption), whose policy admits EventBridge only for those rules and refuses
 *   non-TLS requests;
 * - the `karpenter.sh/discovery` tag on the cluster's node security group, the group the managed
 *   nodes run in, so the EC2NodeClass selects the same one (the private subnets get theirs from Network).
 *
 * Identity: IRSA, not EKS Pod Identity as upstream's guide uses. Every other role of the project
 * is IRSA, and its trust policy names the one service account with `:sub` and `:aud` conditions in
 * the role itself (CKV_AWS_60/61 as POLICY.md words them); a Pod Identity role trusts the service
 * principal `pods.eks.amazonaws.com`, and which pod gets it is decided by an association
 * elsewhere. Karpenter supports both (its chart annotates the service account).
 */
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { Construct } from "constructs";
import type { EksCluster } from "../../eks/eks-cluster";
import { managedPolicyArn } from "../../eks/eks-util";
import { eventRuleArn, iamRoleArn, sqsQueueArn } from "../../model/arns";
import { KARPENTER_CONTROLLER_POLICIES, KARPENTER_NODE_MANAGED_POLICIES, karpenterControllerPolicies, spotServiceLinkedRolePolicy } from "./iam-policy";
import { KARPENTER_DISCOVERY_TAG, KARPENTER_SERVICE_ACCOUNT } from "./service-account";

/** The template's EventBridge rules: construct id and the event each one forwards. */
export const INTERRUPTION_EVENTS: readonly { readonly id: string; readonly source: string; readonly detailType: string }[] = [
  { id: "scheduled-change", source: "aws.health", detailType: "AWS Health Event" },
  { id: "spot-interruption", source: "aws.ec2", detailType: "EC2 Spot Instance Interruption Warning" },
  { id: "rebalance", source: "aws.ec2", detailType: "EC2 Instance Rebalance Recommendation" },
  { id: "instance-state-change", source: "aws.ec2", detailType: "EC2 Instance State-change Notification" },
  { id: "capacity-reservation-interruption", source: "aws.ec2", detailType: "EC2 Capacity Reservation Instance Interruption Warning" },
];

export interface KarpenterAwsProps {
  /** The cluster: scope of the IRSA role, owner of the access entry and the node security group. */
  readonly cluster: EksCluster;
  /** Name of the cluster (a plain string: it is part of tag keys and conditions). */
  readonly clusterName: string;
  /** AWS partition (`aws`, ...). */
  readonly partition: string;
  /** Region of the cluster. */
  readonly region: string;
  /** Account of the cluster. */
  readonly accountId: string;
  /** Name of the controller's IRSA role. */
  readonly controllerRoleName: string;
  /** Name of the node role (the EC2NodeClass's `role`). */
  readonly nodeRoleName: string;
  /**
   * Whether a NodePool may launch spot: the controller may then create the account's spot
   * service-linked role on first use (iam-policy.ts `spotServiceLinkedRolePolicy`). @default false
   */
  readonly spot?: boolean;
}

export class KarpenterAws extends Construct {
  /** ARN of the controller's IRSA role (the service account's annotation). */
  public readonly controllerRoleArn: string;
  /** Name of the node role. */
  public readonly nodeRoleName: string;
  /** Name of the interruption queue (`settings.interruptionQueue`). */
  public readonly interruptionQueueName: string;

  constructor(scope: Construct, id: string, props: KarpenterAwsProps) {
    super(scope, id);
    const { cluster, clusterName, partition, region, accountId } = props;

    // --- Node role ------------------------------------------------------------------------------
    const nodeTrust = new DataAwsIamPolicyDocument(this, "node-role-trust", {
      statement: [{ sid: "Ec2Nodes", effect: "Allow", actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }] }],
    });
    const nodeRole = new IamRole(this, "node-role", {
      name: props.nodeRoleName,
      description: `Nodes Karpenter launches in ${clusterName}`,
      assumeRolePolicy: nodeTrust.json,
    });
    for (const policy of KARPENTER_NODE_MANAGED_POLICIES) {
      new IamRolePolicyAttachment(this, `node-role-${policy}`, { role: nodeRole.name, policyArn: managedPolicyArn(partition, policy) });
    }
    this.nodeRoleName = nodeRole.name;
    cluster.addNodeAccessEntry("karpenter-node-access-entry", nodeRole.arn);

    // --- Interruption queue and its rules ----------------------------------------------------------
    const queueName = clusterName;
    const queue = new SqsQueue(this, "interruption-queue", {
      name: queueName,
      messageRetentionSeconds: 300,
      sqsManagedSseEnabled: true,
      tags: { Name: `${clusterName}-karpenter-interruption` },
    });
    this.interruptionQueueName = queue.name;
    // ARNs from the names given here, so that the queue policy and the controller's policies are
    // known on a first plan. Neither needs its resources to exist first: the queue policy names
    // them in conditions (and waits for the queue through `queue_url`), an identity policy may name
    // anything.
    const queueArn = sqsQueueArn(partition, region, accountId, queueName);
    const nodeRoleArn = iamRoleArn(partition, accountId, props.nodeRoleName);
    const ruleArns = INTERRUPTION_EVENTS.map((event) => {
      // EventBridge allows 64 characters. The model keeps cluster names to 47 (its IAM role names
      // fit in 64), so at least six characters of each event id survive the cut: still distinct.
      const ruleName = `${clusterName}-karpenter-${event.id}`.slice(0, 64);
      const rule = new CloudwatchEventRule(this, `interruption-${event.id}`, {
        name: ruleName,
        description: `${event.detailType} events to Karpenter's interruption queue of ${clusterName}`,
        eventPattern: JSON.stringify({ source: [event.source], "detail-type": [event.detailType] }),
      });
      new CloudwatchEventTarget(this, `interruption-${event.id}-target`, { rule: rule.name, targetId: "KarpenterInterruptionQueueTarget", arn: queue.arn });
      return eventRuleArn(partition, region, accountId, ruleName);
    });
    const queuePolicy = new DataAwsIamPolicyDocument(this, "interruption-queue-policy-document", {
      policyId: "EC2InterruptionPolicy",
      statement: [
        {
          sid: "EventBridgeRulesSend",
          effect: "Allow",
          actions: ["sqs:SendMessage"],
          resources: [queueArn],
          principals: [{ type: "Service", identifiers: ["events.amazonaws.com"] }],
          condition: [{ test: "ArnEquals", variable: "aws:SourceArn", values: ruleArns }],
        },
        {
          sid: "DenyHTTP",
          effect: "Deny",
          actions: ["sqs:*"],
          resources: [queueArn],
          principals: [{ type: "*", identifiers: ["*"] }],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
      ],
    });
    new SqsQueuePolicy(this, "interruption-queue-policy", { queueUrl: queue.url, policy: queuePolicy.json });

    // --- Controller ------------------------------------------------------------------------------
    const documents = karpenterControllerPolicies({
      partition,
      region,
      accountId,
      clusterName,
      nodeRoleArn,
      queueArn,
    });
    const role = cluster.addServiceAccountRole("irsa-karpenter", { roleName: props.controllerRoleName, serviceAccount: KARPENTER_SERVICE_ACCOUNT });
    for (const name of KARPENTER_CONTROLLER_POLICIES) {
      const policy = new IamPolicy(this, `controller-${name}`, {
        name: `${props.controllerRoleName}-${name}`,
        description: `Karpenter controller of ${clusterName}: ${name} (upstream KarpenterController${name}Policy)`,
        policy: JSON.stringify(documents[name]),
      });
      new IamRolePolicyAttachment(this, `controller-${name}-attachment`, { role: role.roleName, policyArn: policy.arn });
    }
    if (props.spot) {
      const spot = new IamPolicy(this, "controller-SpotServiceLinkedRole", {
        name: `${props.controllerRoleName}-SpotServiceLinkedRole`,
        description: `Karpenter controller of ${clusterName}: create the account's EC2 spot service-linked role on the first spot launch`,
        policy: JSON.stringify(spotServiceLinkedRolePolicy({ partition, accountId })),
      });
      new IamRolePolicyAttachment(this, "controller-SpotServiceLinkedRole-attachment", { role: role.roleName, policyArn: spot.arn });
    }
    this.controllerRoleArn = role.roleArn;

    // --- Discovery tag on the nodes' security group ------------------------------------------------
    // The cluster's node security group, which the managed node groups' launch templates name, so
    // Karpenter's nodes run in the same group (and the cluster security group, which EKS creates and
    // no node carries any more, stays untagged: no aws_ec2_tag on a group we do not own).
    cluster.nodeSecurityGroup.addTag(KARPENTER_DISCOVERY_TAG, clusterName);
  }
}
