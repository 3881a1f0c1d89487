/**
 * The Cluster Autoscaler as an add-on, the alternative to Karpenter
 * (`eks.autoscaling: cluster-autoscaler`): the model's node groups scale between min and max.
 * - AWS side: an IRSA role for cluster-autoscaler/cluster-autoscaler with its README's policy
 *   scoped to this cluster's groups (iam-policy.ts), and each node group's labels and taints as
 *   node-template tags on its Auto Scaling group, so a group can scale up from zero.
 * - Cluster side: the chart, auto-discovering the groups by cluster name.
 */
import type { Construct } from "constructs";
import { roleNames } from "../../model/naming";
import { readableInPlan } from "../../platform/readable-in-plan";
import type { Addon, AddonAwsContext, AddonClusterContext, AddonOutputs, InstalledAddon } from "../addon";
import { ClusterAutoscaler } from "./cluster-autoscaler";
import { clusterAutoscalerStatements } from "./iam-policy";
import { NodeTemplateTags } from "./node-template-tags";
import { CLUSTER_AUTOSCALER_SERVICE_ACCOUNT } from "./service-account";

const OUTPUT_ROLE = "cluster-autoscaler-role-arn";

export const clusterAutoscalerAddon: Addon = {
  name: "cluster-autoscaler",
  namespace: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT.namespace,

  isEnabled: (env) => env.eks?.autoscaling === "cluster-autoscaler",

  addAwsResources({ environment: env, cluster }: AddonAwsContext): AddonOutputs {
    const eks = env.eks!;
    const role = cluster.addServiceAccountRole("irsa-cluster-autoscaler", {
      roleName: roleNames(env.prefix).clusterAutoscaler,
      serviceAccount: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT,
      inlinePolicyStatements: clusterAutoscalerStatements({
        partition: env.partition,
        region: env.region,
        accountId: env.accountId,
        clusterName: eks.clusterName,
      }),
    });
    for (const group of eks.nodeGroups) {
      const nodeGroup = cluster.nodeGroups.get(group.name);
      if (!nodeGroup) throw new Error(`${cluster.node.path}: node group ${group.name} of the model is not in the cluster`);
      if (Object.keys(group.labels).length === 0 && group.taints.length === 0) continue;
      new NodeTemplateTags(cluster, `cluster-autoscaler-node-template-${group.name}`, {
        autoscalingGroupName: nodeGroup.autoscalingGroupName,
        labels: group.labels,
        taints: group.taints,
      });
    }
    return { [OUTPUT_ROLE]: { value: role.roleArn, description: "IRSA role of the Cluster Autoscaler (cluster-autoscaler/cluster-autoscaler)" } };
  },

  addClusterResources(scope: Construct, { environment: env, cluster, outputs }: AddonClusterContext): InstalledAddon {
    const roleArn = outputs[OUTPUT_ROLE];
    if (roleArn === undefined) {
      throw new Error(
        `${cluster.clusterName}: the cluster has no ${OUTPUT_ROLE} output of the cluster-autoscaler add-on; build the cluster's AWS side with the add-on (EnvironmentStack does) or record its outputs with EksCluster.recordAddonOutputs`,
      );
    }
    const autoscaler = new ClusterAutoscaler(scope, "cluster-autoscaler", {
      clusterName: env.eks!.clusterName,
      region: env.region,
      roleArn: readableInPlan(roleArn),
      highAvailability: env.production,
    });
    return { namespace: autoscaler.namespace.name, construct: autoscaler, ready: [autoscaler.release] };
  },
};
