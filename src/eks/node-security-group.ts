/**
 * The security group of a cluster's nodes (and, under the VPC CNI without security groups for
 * pods, of its pods): the one group every managed node group's launch template names and the one
 * Karpenter's EC2NodeClass selects. With a launch template that names security groups, EKS does not
 * add the cluster security group to the nodes (https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html,
 * and sec-group-reqs.html: the security groups given to the cluster are not associated with node
 * groups), so this group is all the nodes have: the rules of node-security-group-rules.ts, each a
 * separate described resource, and no allow-all egress.
 *
 * It carries `kubernetes.io/cluster/<name>: owned`: the AWS Load Balancer Controller (and the
 * in-tree service controller) pick, on each target's network interface, the one security group with
 * that tag to add their backend rules to, and fail when there is more than one
 * ("expect exactly one securityGroup tagged with kubernetes.io/cluster/<name>", kubernetes-sigs/aws-load-balancer-controller;
 * https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/deploy/security_groups/).
 * The cluster security group EKS creates carries the same tag but is no longer on node interfaces.
 */
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import { clusterSecurityGroupBridgeRules, nodeSecurityGroupRules, type NodeSecurityGroupRule, type NodeSecurityGroupRuleOptions } from "./node-security-group-rules";

export interface NodeSecurityGroupProps extends NodeSecurityGroupRuleOptions {
  /** VPC of the cluster. */
  readonly vpcId: string;
  /** Security group on the control plane's network interfaces (the cluster's `vpc_config` group): source of the kubelet and webhook calls, destination of the nodes' API calls. */
  readonly controlPlaneSecurityGroupId: string;
}

/** The tag key that marks the one security group of a cluster's node interfaces. */
export function clusterOwnedTagKey(clusterName: string): string {
  return `kubernetes.io/cluster/${clusterName}`;
}

export class NodeSecurityGroup extends Construct {
  /** Id of the node security group. */
  public readonly securityGroupId: string;
  /** The rules, as data (what the resources were made from). */
  public readonly rules: readonly NodeSecurityGroupRule[];
  /** The security group resource. */
  public readonly resource: SecurityGroup;

  constructor(scope: Construct, id: string, props: NodeSecurityGroupProps) {
    super(scope, id);
    const name = `${props.clusterName}-eks-nodes`;
    this.resource = new SecurityGroup(this, "security-group", {
      name,
      description: `Nodes and pods of EKS cluster ${props.clusterName}: described rules only, no allow-all egress`,
      vpcId: props.vpcId,
      tags: { Name: name, [clusterOwnedTagKey(props.clusterName)]: "owned" },
    });
    this.securityGroupId = this.resource.id;
    this.rules = nodeSecurityGroupRules(props);
    for (const rule of this.rules) {
      const Rule = rule.direction === "ingress" ? VpcSecurityGroupIngressRule : VpcSecurityGroupEgressRule;
      const peer = rule.peer;
      new Rule(this, rule.id, {
        securityGroupId: this.resource.id,
        description: rule.description,
        ipProtocol: rule.ipProtocol,
        fromPort: rule.fromPort,
        toPort: rule.toPort,
        cidrIpv4: "cidrIpv4" in peer ? peer.cidrIpv4 : undefined,
        referencedSecurityGroupId: "self" in peer ? this.resource.id : "controlPlane" in peer ? props.controlPlaneSecurityGroupId : undefined,
      });
    }
  }

  /**
   * The migration bridge to the EKS cluster security group (clusterSecurityGroupBridgeRules): for
   * the rollout that moves an existing cluster's nodes into this group only.
   */
  public addClusterSecurityGroupBridge(clusterSecurityGroupId: string, clusterName: string): void {
    for (const rule of clusterSecurityGroupBridgeRules(clusterName)) {
      const Rule = rule.direction === "ingress" ? VpcSecurityGroupIngressRule : VpcSecurityGroupEgressRule;
      new Rule(this, rule.id, {
        securityGroupId: rule.on === "nodes" ? this.securityGroupId : clusterSecurityGroupId,
        description: rule.description,
        ipProtocol: "-1",
        referencedSecurityGroupId: rule.on === "nodes" ? clusterSecurityGroupId : this.securityGroupId,
      });
    }
  }

  /** Adds a tag to the group (Karpenter's discovery tag, say); a key the group has already is refused. */
  public addTag(key: string, value: string): void {
    const tags = { ...(this.resource.tagsInput ?? {}) };
    if (key in tags) throw new Error(`${this.node.path}: the node security group has a ${key} tag already`);
    this.resource.tags = { ...tags, [key]: value };
  }
}
