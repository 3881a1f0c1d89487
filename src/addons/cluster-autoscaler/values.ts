/**
 * Typed values of the cluster-autoscaler chart (9.59.0, Cluster Autoscaler 1.35.0) and their
 * builder. No constructs: the tests check every key path against the chart's values.yaml.
 *
 * - Auto-discovery by cluster name (`autoDiscovery.clusterName`): the chart turns it into
 *   `--node-group-auto-discovery=asg:tag=k8s.io/cluster-autoscaler/enabled,k8s.io/cluster-autoscaler/<cluster>`,
 *   the tags EKS puts on each managed node group's Auto Scaling group.
 * - `expander: least-waste`: of the groups that fit a pending pod, the one left with the least
 *   idle CPU (then memory) after the scale-up, so a batch of small pods does not pull in a large
 *   node; deliberately not `random` (the default) and not `priority` (which needs a ConfigMap of
 *   priorities the model does not have).
 * - `balance-similar-node-groups: true`: groups with the same instance shape, labels and taints
 *   are kept at similar sizes, so zone-split or capacity-split groups grow evenly.
 * - `skip-nodes-with-system-pods` stays true (the default): kube-system pods never get evicted by
 *   a scale-down.
 * - Replicas: two in production (leader election: one active, one standby) with the chart's PDB of
 *   maxUnavailable 1, one elsewhere.
 * - Security: the chart sets no security context; these meet the `restricted` Pod Security
 *   Standard (non-root uid 65534, RuntimeDefault seccomp, no escalation, no capabilities,
 *   read-only root). The image is a static binary that writes nothing to disk.
 * - The image stays the chart's default (v1.35.0): the Cluster Autoscaler's README recommends the
 *   release matching the cluster's minor version, but no v1.33 tag was checked offline; see README.
 */
import { CLUSTER_AUTOSCALER_SERVICE_ACCOUNT } from "./service-account";

/** The subset of the chart's values this project sets (names as in the chart's values.yaml). */
export interface ClusterAutoscalerValues {
  readonly cloudProvider: "aws";
  readonly awsRegion: string;
  readonly autoDiscovery: { readonly clusterName: string };
  readonly rbac: {
    readonly serviceAccount: { readonly create: true; readonly name: string; readonly annotations: Readonly<Record<string, string>> };
  };
  readonly replicaCount: number;
  readonly podDisruptionBudget: { readonly maxUnavailable: 1 };
  /** Flags: the chart turns each key into `--<key>=<value>`, so keys beyond its defaults are allowed. */
  readonly extraArgs: {
    readonly logtostderr: true;
    readonly stderrthreshold: "info";
    readonly v: 4;
    readonly expander: "least-waste";
    readonly "balance-similar-node-groups": true;
    readonly "skip-nodes-with-system-pods": true;
  };
  readonly securityContext: {
    readonly runAsNonRoot: true;
    readonly runAsUser: 65534;
    readonly runAsGroup: 65534;
    readonly seccompProfile: { readonly type: "RuntimeDefault" };
  };
  readonly containerSecurityContext: {
    readonly allowPrivilegeEscalation: false;
    readonly readOnlyRootFilesystem: true;
    readonly capabilities: { readonly drop: readonly ["ALL"] };
  };
  readonly resources: {
    readonly requests: { readonly cpu: string; readonly memory: string };
    readonly limits: { readonly memory: string };
  };
}

/** Inputs of the cluster-autoscaler values. */
export interface ClusterAutoscalerValuesOptions {
  /** Cluster whose node groups it scales (auto-discovery). */
  readonly clusterName: string;
  /** Region of the cluster's Auto Scaling groups. */
  readonly region: string;
  /** IRSA role (trust bound to cluster-autoscaler/cluster-autoscaler). */
  readonly roleArn: string;
  /** Production: two replicas (one active, one standby). */
  readonly highAvailability: boolean;
}

export function clusterAutoscalerValues(options: ClusterAutoscalerValuesOptions): ClusterAutoscalerValues {
  return {
    cloudProvider: "aws",
    awsRegion: options.region,
    autoDiscovery: { clusterName: options.clusterName },
    rbac: {
      serviceAccount: {
        create: true,
        name: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT.name,
        annotations: { "eks.amazonaws.com/role-arn": options.roleArn },
      },
    },
    replicaCount: options.highAvailability ? 2 : 1,
    podDisruptionBudget: { maxUnavailable: 1 },
    extraArgs: {
      logtostderr: true,
      stderrthreshold: "info",
      v: 4,
      expander: "least-waste",
      "balance-similar-node-groups": true,
      "skip-nodes-with-system-pods": true,
    },
    securityContext: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, seccompProfile: { type: "RuntimeDefault" } },
    containerSecurityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
    resources: { requests: { cpu: "100m", memory: "300Mi" }, limits: { memory: "600Mi" } },
  };
}
