/**
 * An EKS managed node group in the private subnets with its own launch template:
 * IMDSv2 required with a hop limit of 1 (pods cannot borrow the node role; they use IRSA),
 * the node security group (not the cluster security group), an encrypted gp3 root volume, Name tags on instances and volumes, and the desired size left
 * to the cluster autoscaler after creation. Changes that force a new group are made
 * create-before-destroy under a generated name (`<group>-<suffix>`).
 */
import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { Token, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { nodeGroupNamePrefix } from "../model/naming";
import { nodeGroupTaintEffect } from "./eks-util";

/** What a managed node group is: its name, instances, sizes and scheduling. The model's NodeGroup is one. */
export interface NodeGroupOptions {
  /** Name, unique in the cluster, at most 32 characters: the group's name prefix (`<name>-`) and its launch template's suffix. */
  readonly name: string;
  /** EC2 instance types, more than one for spot capacity. */
  readonly instanceTypes: readonly string[];
  /** Fewest nodes. */
  readonly minSize: number;
  /** Most nodes. */
  readonly maxSize: number;
  /** Nodes at creation; ignored afterwards, so an autoscaler owns it. @default minSize */
  readonly desiredSize?: number;
  /** On-demand or spot instances. @default "ON_DEMAND" */
  readonly capacityType?: "ON_DEMAND" | "SPOT";
  /** Size of the encrypted gp3 root volume. @default 50 */
  readonly diskSizeGiB?: number;
  /** Kubernetes labels on the nodes. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Kubernetes taints on the nodes. @default - none */
  readonly taints?: readonly { readonly key: string; readonly value?: string; readonly effect: "NoSchedule" | "NoExecute" | "PreferNoSchedule" }[];
  /** Share of nodes a rolling update replaces at once. @default 33 */
  readonly maxUnavailablePercent?: number;
}

export interface ManagedNodeGroupProps {
  /** Name of the cluster the group joins; a plain string (not a token), as it is part of names and tag keys. */
  readonly clusterName: string;
  /** Kubernetes version of the nodes; pass the cluster's `version` attribute so nodes follow control-plane upgrades (and depend on the cluster). */
  readonly kubernetesVersion: string;
  /** ARN of the node IAM role. */
  readonly nodeRoleArn: string;
  /** Private subnets the nodes run in (one per AZ). */
  readonly subnetIds: string[];
  /**
   * Security groups of the nodes, named in the launch template: EKS then attaches these and not the
   * cluster security group (https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html).
   * The cluster's node security group (NodeSecurityGroup); exactly one group tagged
   * `kubernetes.io/cluster/<name>` among them.
   */
  readonly securityGroupIds: string[];
  /** The node group: name, sizes, instance types, labels, taints. */
  readonly nodeGroup: NodeGroupOptions;
  /** Resources that must exist before the nodes join (node role attachments, the VPC CNI add-on). @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

export class ManagedNodeGroup extends Construct {
  /** Name of the node group (`<group>-` and a suffix the aws provider generates; known after apply). */
  public readonly nodeGroupName: string;
  /** The node group resource, for `dependsOn` of add-ons that need running nodes. */
  public readonly resource: EksNodeGroup;
  /**
   * Name of the Auto Scaling group EKS created for the group (known after apply). The group's
   * `tags` do not reach it: tags the Cluster Autoscaler reads from it (node templates) go on it
   * directly (aws_autoscaling_group_tag).
   */
  public readonly autoscalingGroupName: string;

  constructor(scope: Construct, id: string, props: ManagedNodeGroupProps) {
    super(scope, id);
    const group = props.nodeGroup;
    const name = `${props.clusterName}-${group.name}`;

    const launchTemplate = new LaunchTemplate(this, "launch-template", {
      name,
      description: `Nodes of EKS managed node group ${name}`,
      updateDefaultVersion: true,
      // IMDSv2 only, one hop: containers cannot reach the node's credentials (CKV_AWS_79/341, AWS-0130).
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
      blockDeviceMappings: [
        {
          // Root device of the EKS-optimized Amazon Linux AMIs.
          deviceName: "/dev/xvda",
          ebs: { volumeSize: group.diskSizeGiB ?? 50, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
        },
      ],
      // The node security group, by name of the launch template's top-level field (no
      // network_interfaces block: the nodes get no public IP because the private subnets do not map
      // one and nothing asks for one, CKV_AWS_88). EKS adds the cluster security group only to
      // nodes whose launch template names none; changing this field is a new template version,
      // which the group rolls out in place.
      vpcSecurityGroupIds: [...props.securityGroupIds],
      tagSpecifications: [
        { resourceType: "instance", tags: { Name: name } },
        { resourceType: "volume", tags: { Name: name } },
      ],
      tags: { Name: name },
    });

    this.resource = new EksNodeGroup(this, "node-group", {
      clusterName: props.clusterName,
      // A prefix, not a name: a change EKS cannot make in place (instance types, capacity type,
      // subnets, an AZ added) replaces the group, and the replacement needs a name of its own to
      // exist beside the old one until it has joined (create_before_destroy below).
      nodeGroupNamePrefix: nodeGroupNamePrefix(group.name),
      version: props.kubernetesVersion,
      nodeRoleArn: props.nodeRoleArn,
      subnetIds: props.subnetIds,
      capacityType: group.capacityType ?? "ON_DEMAND",
      instanceTypes: [...group.instanceTypes],
      labels: group.labels && Object.keys(group.labels).length > 0 ? { ...group.labels } : undefined,
      taint: group.taints && group.taints.length > 0 ? group.taints.map((t) => ({ key: t.key, value: t.value, effect: nodeGroupTaintEffect(t.effect) })) : undefined,
      scalingConfig: { minSize: group.minSize, maxSize: group.maxSize, desiredSize: group.desiredSize ?? group.minSize },
      updateConfig: { maxUnavailablePercentage: group.maxUnavailablePercent ?? 33 },
      launchTemplate: { id: launchTemplate.id, version: Token.asString(launchTemplate.latestVersion) },
      tags: {
        Name: name,
        "k8s.io/cluster-autoscaler/enabled": "true",
        [`k8s.io/cluster-autoscaler/${props.clusterName}`]: "owned",
      },
      // After creation the cluster autoscaler owns the desired size; a plan must not reset it.
      // A replacement is created, and its nodes join, before the old group drains and goes:
      // the cluster never runs without this group's capacity.
      lifecycle: { ignoreChanges: ["scaling_config[0].desired_size"], createBeforeDestroy: true },
      dependsOn: props.dependsOn,
    });
    this.nodeGroupName = this.resource.nodeGroupName;
    this.autoscalingGroupName = this.resource.resources.get(0).autoscalingGroups.get(0).name;
  }
}
