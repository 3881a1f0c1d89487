/**
 * Container Insights as an add-on: an AWS side only (the EKS managed add-on, its IRSA role and
 * its log groups, in the `<env>` stack under the cluster); EKS installs its workloads, so there
 * is no Helm release. Installed in every cluster: the cluster alarms and the dashboard read its
 * metrics.
 */
import { addonUnitVersionFor } from "../../eks/addon-versions";
import { roleNames } from "../../model/naming";
import type { Addon, AddonAwsContext, AddonOutputs } from "../addon";
import { CLOUDWATCH_AGENT_SERVICE_ACCOUNT, ContainerInsights } from "./container-insights";

export const containerInsightsAddon: Addon = {
  name: "amazon-cloudwatch-observability",
  namespace: CLOUDWATCH_AGENT_SERVICE_ACCOUNT.namespace,

  isEnabled: () => true,

  addAwsResources({ environment: env, cluster }: AddonAwsContext): AddonOutputs {
    const eks = env.eks;
    if (!eks) throw new Error(`environments.${env.name}: Container Insights needs the environment's eks block`);
    new ContainerInsights(cluster, "container-insights", {
      cluster,
      clusterName: eks.clusterName,
      addonVersion: addonUnitVersionFor(eks.version, "amazon-cloudwatch-observability"),
      roleName: roleNames(env.prefix).cloudwatchAgent,
      partition: env.partition,
      logRetentionDays: eks.logRetentionDays,
      logsKmsKeyArn: cluster.logsKmsKeyArn,
      // The agent and Fluent Bit are DaemonSets: EKS reports the add-on healthy only once nodes run them.
      dependsOn: [...cluster.nodeGroups.values()].map((g) => g.resource),
    });
    return {};
  },
};
