/**
 * Container Insights with enhanced observability through the `amazon-cloudwatch-observability`
 * EKS managed add-on ("Install the Amazon CloudWatch Observability EKS add-on", CloudWatch User
 * Guide): the CloudWatch agent (metrics) and Fluent Bit (container logs) as DaemonSets.
 * - Identity: an IRSA role for amazon-cloudwatch/cloudwatch-agent, the service account the EKS
 *   User Guide names for the add-on, with the AWS managed CloudWatchAgentServerPolicy that the
 *   guide attaches (metrics, log streams, the agent's SSM configuration parameters). IRSA rather
 *   than Pod Identity: every other add-on role of the cluster is IRSA (EksCluster.addServiceAccountRole).
 * - Log groups: `/aws/containerinsights/<cluster>/{application,dataplane,host,performance}`, the
 *   names the add-on writes to, created first with the environment's retention and the logs KMS
 *   key (whose policy names these log groups: src/stacks/environment-stack.ts passes them to the network), so that the agent does
 *   not create them unencrypted and kept forever.
 */
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { EksCluster } from "../../eks/eks-cluster";
import { managedPolicyArn } from "../../eks/eks-util";

/** The add-on's EKS name. */
export const CLOUDWATCH_OBSERVABILITY_ADDON = "amazon-cloudwatch-observability";
/** The service account the agent runs as (EKS User Guide, "Amazon CloudWatch Observability agent"). */
export const CLOUDWATCH_AGENT_SERVICE_ACCOUNT = { namespace: "amazon-cloudwatch", name: "cloudwatch-agent" } as const;
/** The log groups Container Insights writes to, by their last path segment. */
export const CONTAINER_INSIGHTS_LOG_GROUPS = ["application", "dataplane", "host", "performance"] as const;

/** `/aws/containerinsights/<cluster>/<kind>`. */
export function containerInsightsLogGroupName(clusterName: string, kind: (typeof CONTAINER_INSIGHTS_LOG_GROUPS)[number]): string {
  return `/aws/containerinsights/${clusterName}/${kind}`;
}

export interface ContainerInsightsProps {
  /** The cluster: its IRSA factory and name. */
  readonly cluster: EksCluster;
  /** The cluster's name as a literal (log group names readable in the plan). */
  readonly clusterName: string;
  /** Pinned add-on version (src/eks/addon-versions.ts). */
  readonly addonVersion: string;
  /** IAM role name of the agent. */
  readonly roleName: string;
  /** AWS partition of the managed policy ARN. */
  readonly partition: string;
  /** Retention of the log groups in days. */
  readonly logRetentionDays: number;
  /** KMS key of the log groups; its policy must admit CloudWatch Logs. */
  readonly logsKmsKeyArn: string;
  /** What the add-on waits for besides its log groups and role (the node groups: a DaemonSet add-on is healthy only with nodes). @default - none */
  readonly dependsOn?: readonly ITerraformDependable[];
}

export class ContainerInsights extends Construct {
  /** ARN of the agent's IRSA role. */
  public readonly roleArn: string;
  /** The add-on resource. */
  public readonly addon: EksAddon;
  /** The log groups by kind. */
  public readonly logGroups: ReadonlyMap<string, CloudwatchLogGroup>;

  constructor(scope: Construct, id: string, props: ContainerInsightsProps) {
    super(scope, id);
    const logGroups = new Map<string, CloudwatchLogGroup>();
    for (const kind of CONTAINER_INSIGHTS_LOG_GROUPS) {
      logGroups.set(
        kind,
        new CloudwatchLogGroup(this, `log-group-${kind}`, {
          name: containerInsightsLogGroupName(props.clusterName, kind),
          retentionInDays: props.logRetentionDays,
          kmsKeyId: props.logsKmsKeyArn,
        }),
      );
    }
    this.logGroups = logGroups;
    const role = props.cluster.addServiceAccountRole("irsa-cloudwatch-agent", {
      roleName: props.roleName,
      serviceAccount: CLOUDWATCH_AGENT_SERVICE_ACCOUNT,
      managedPolicyArns: [managedPolicyArn(props.partition, "CloudWatchAgentServerPolicy")],
    });
    this.roleArn = role.roleArn;
    this.addon = new EksAddon(this, "addon", {
      clusterName: props.cluster.clusterName,
      addonName: CLOUDWATCH_OBSERVABILITY_ADDON,
      addonVersion: props.addonVersion,
      serviceAccountRoleArn: role.roleArn,
      resolveConflictsOnCreate: "OVERWRITE",
      // As the cluster's other add-ons: an update never reverts an operator's change unreviewed.
      resolveConflictsOnUpdate: "PRESERVE",
      dependsOn: [...logGroups.values(), ...role.policyAttachments, ...(props.dependsOn ?? [])],
    });
  }
}
