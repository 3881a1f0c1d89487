/**
 * The Cluster Autoscaler's node-template tags of one node group, on its Auto Scaling group:
 * `k8s.io/cluster-autoscaler/node-template/label/<key>: <value>` per label and
 * `k8s.io/cluster-autoscaler/node-template/taint/<key>: <value>:<Effect>` per taint (the AWS
 * provider README's "Scaling a node group to 0"). With them the autoscaler knows what a node of an
 * empty group would look like, so it can scale the group up from zero for a pod that selects the
 * label or tolerates the taint. A managed node group's own `tags` never reach its Auto Scaling
 * group, so each tag is an aws_autoscaling_group_tag, not propagated to instances.
 * Ids come from the key, never a position.
 */
import { AutoscalingGroupTagA as AutoscalingGroupTag } from "@cdktf/provider-aws/lib/autoscaling-group-tag";
import { Construct } from "constructs";

export interface NodeTemplateTagsProps {
  /** The node group's Auto Scaling group (`ManagedNodeGroup.autoscalingGroupName`). */
  readonly autoscalingGroupName: string;
  /** Kubernetes labels of the group's nodes. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Kubernetes taints of the group's nodes. @default - none */
  readonly taints?: readonly { readonly key: string; readonly value?: string; readonly effect: string }[];
}

/** The tags, by key. */
export function nodeTemplateTags(props: Pick<NodeTemplateTagsProps, "labels" | "taints">): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(props.labels ?? {})) tags[`k8s.io/cluster-autoscaler/node-template/label/${key}`] = value;
  for (const t of props.taints ?? []) tags[`k8s.io/cluster-autoscaler/node-template/taint/${t.key}`] = `${t.value ?? ""}:${t.effect}`;
  return tags;
}

export class NodeTemplateTags extends Construct {
  /** The tag resources by tag key. */
  public readonly tags: ReadonlyMap<string, AutoscalingGroupTag>;

  constructor(scope: Construct, id: string, props: NodeTemplateTagsProps) {
    super(scope, id);
    const tags = new Map<string, AutoscalingGroupTag>();
    const ids = new Map<string, string>();
    for (const [key, value] of Object.entries(nodeTemplateTags(props))) {
      const tagId = key.replace(/^k8s\.io\/cluster-autoscaler\/node-template\//, "").replace(/[^A-Za-z0-9-]/g, "-");
      const clash = ids.get(tagId);
      if (clash !== undefined) throw new Error(`${this.node.path}: tags ${clash} and ${key} map to one id (${tagId}); rename one label or taint key`);
      ids.set(tagId, key);
      tags.set(
        key,
        new AutoscalingGroupTag(this, tagId, {
          autoscalingGroupName: props.autoscalingGroupName,
          tag: { key, value, propagateAtLaunch: false },
        }),
      );
    }
    this.tags = tags;
  }
}
