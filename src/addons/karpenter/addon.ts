/**
 * Karpenter as an add-on, the default node autoscaler (`eks.autoscaling: karpenter`): pending pods
 * get nodes launched for them, from the model's NodePools, and empty or underused nodes go.
 * - AWS side (karpenter-aws.ts): the controller's IRSA role with upstream's policies scoped to
 *   this cluster, the node role and its access entry, the interruption queue and its rules, the
 *   discovery tag on the node security group.
 * - Cluster side (karpenter.ts): the CRDs, the controller on the system node group, and the
 *   EC2NodeClass and NodePools.
 */
import type { Construct } from "constructs";
import { roleNames } from "../../model/naming";
import { readableInPlan } from "../../platform/readable-in-plan";
import type { Addon, AddonAwsContext, AddonClusterContext, AddonOutputs, InstalledAddon } from "../addon";
import { Karpenter } from "./karpenter";
import { KarpenterAws } from "./karpenter-aws";
import { KARPENTER_SERVICE_ACCOUNT } from "./service-account";

/** Output names of the AWS side. */
const OUTPUTS = {
  role: "karpenter-role-arn",
  nodeRole: "karpenter-node-role-name",
  queue: "karpenter-interruption-queue-name",
} as const;

export const karpenterAddon: Addon = {
  name: "karpenter",
  namespace: KARPENTER_SERVICE_ACCOUNT.namespace,

  isEnabled: (env) => env.eks?.autoscaling === "karpenter",

  addAwsResources({ environment: env, cluster }: AddonAwsContext): AddonOutputs {
    const names = roleNames(env.prefix);
    const aws = new KarpenterAws(cluster, "karpenter", {
      cluster,
      clusterName: env.eks!.clusterName,
      partition: env.partition,
      region: env.region,
      accountId: env.accountId,
      controllerRoleName: names.karpenter,
      nodeRoleName: names.karpenterNode,
      spot: env.eks!.nodePools.some((p) => p.capacityTypes.includes("spot")),
    });
    return {
      [OUTPUTS.role]: { value: aws.controllerRoleArn, description: "IRSA role of Karpenter (karpenter/karpenter)" },
      [OUTPUTS.nodeRole]: { value: aws.nodeRoleName, description: "IAM role of the nodes Karpenter launches (its EC2NodeClass's role)" },
      [OUTPUTS.queue]: { value: aws.interruptionQueueName, description: "SQS queue of the EC2 interruption events Karpenter handles" },
    };
  },

  addClusterResources(scope: Construct, { environment: env, cluster, outputs }: AddonClusterContext): InstalledAddon {
    const missing = Object.values(OUTPUTS).filter((name) => outputs[name] === undefined);
    if (missing.length > 0) {
      throw new Error(
        `${cluster.clusterName}: the cluster has no ${missing.join(", ")} output(s) of the karpenter add-on; build the cluster's AWS side with the add-on (EnvironmentStack does) or record its outputs with EksCluster.recordAddonOutputs`,
      );
    }
    const eks = env.eks!;
    const karpenter = new Karpenter(scope, "karpenter", {
      clusterName: eks.clusterName,
      clusterEndpoint: readableInPlan(cluster.clusterEndpoint),
      roleArn: readableInPlan(outputs[OUTPUTS.role]),
      interruptionQueue: readableInPlan(outputs[OUTPUTS.queue]),
      highAvailability: env.production,
      nodePools: {
        nodeRoleName: readableInPlan(outputs[OUTPUTS.nodeRole]),
        amiAlias: eks.karpenter!.amiAlias,
        diskSizeGiB: eks.karpenter!.diskSizeGiB,
        tags: env.tags,
        nodePools: eks.nodePools,
      },
    });
    return { namespace: karpenter.namespace.name, construct: karpenter, ready: [karpenter.nodePoolsRelease] };
  },
};
