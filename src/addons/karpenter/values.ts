/**
 * Typed values of the karpenter chart (1.14.1) and their builder. No constructs: the tests check
 * every key path against the chart's values.yaml.
 *
 * - Placement: Karpenter must never run on a node it manages (it would disrupt itself). The
 *   chart's own affinity (`karpenter.sh/nodepool` DoesNotExist) is kept and narrowed to the
 *   managed node groups (`eks.amazonaws.com/nodegroup` Exists, a label EKS puts on every managed
 *   node), i.e. the model's system group; the chart's CriticalAddonsOnly toleration is kept so a
 *   system group tainted that way still takes it. `affinity` replaces the chart's whole block, so
 *   its pod anti-affinity (one replica per node) is written out again.
 * - Replicas: two in production (one per node, zone-spread by the chart's default constraint,
 *   with the chart's PodDisruptionBudget of maxUnavailable 1, so a drain keeps one running);
 *   one elsewhere (leader election makes the second a standby only).
 * - Identity: the IRSA role on the service account (karpenter-aws.ts says why not Pod Identity).
 * - Interruption handling: `settings.interruptionQueue` names the SQS queue of the AWS side.
 * - Security context: the chart's deployment runs the controller as non-root with a read-only
 *   root file system, no privilege escalation and all capabilities dropped, and the pod with the
 *   RuntimeDefault seccomp profile (`podSecurityContext`, kept as it is): `restricted`-compatible.
 * - Resources: requests of 250m CPU and 512Mi memory and a 1Gi memory limit, so that it fits on a
 *   small system group beside the other add-ons (upstream's guide uses 1 CPU / 1Gi).
 */
import { KARPENTER_SERVICE_ACCOUNT } from "./service-account";

/** A node selector requirement. */
export interface NodeSelectorRequirement {
  readonly key: string;
  readonly operator: "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt";
  readonly values?: readonly string[];
}

/** The subset of the chart's values this project sets (names as in the chart's values.yaml). */
export interface KarpenterValues {
  readonly serviceAccount: { readonly create: true; readonly name: string; readonly annotations: Readonly<Record<string, string>> };
  readonly replicas: number;
  readonly podDisruptionBudget: { readonly name: string; readonly maxUnavailable: 1 };
  readonly affinity: {
    readonly nodeAffinity: {
      readonly requiredDuringSchedulingIgnoredDuringExecution: { readonly nodeSelectorTerms: readonly { readonly matchExpressions: readonly NodeSelectorRequirement[] }[] };
    };
    readonly podAntiAffinity: { readonly requiredDuringSchedulingIgnoredDuringExecution: readonly { readonly topologyKey: string }[] };
  };
  readonly tolerations: readonly { readonly key: string; readonly operator: "Exists" }[];
  readonly controller: {
    readonly resources: {
      readonly requests: { readonly cpu: string; readonly memory: string };
      readonly limits: { readonly memory: string };
    };
  };
  readonly logLevel: "info";
  readonly settings: {
    readonly clusterName: string;
    readonly clusterEndpoint: string;
    readonly interruptionQueue: string;
    readonly enableZonalShift: false;
  };
}

/** Inputs of the karpenter values. */
export interface KarpenterValuesOptions {
  /** Name of the cluster Karpenter provisions for. */
  readonly clusterName: string;
  /** API server endpoint the nodes join (Karpenter would otherwise call DescribeCluster at start). */
  readonly clusterEndpoint: string;
  /** The controller's IRSA role (trust bound to karpenter/karpenter). */
  readonly roleArn: string;
  /** Name of the SQS interruption queue. */
  readonly interruptionQueue: string;
  /** Production: two replicas, one per node, zone-spread; otherwise one. */
  readonly highAvailability: boolean;
}

/** Labels every EKS managed node carries, and the one Karpenter puts on the nodes it launches. */
export const MANAGED_NODE_GROUP_LABEL = "eks.amazonaws.com/nodegroup";
export const KARPENTER_NODE_POOL_LABEL = "karpenter.sh/nodepool";

/** Values for a Karpenter that provisions nodes for this cluster's pending pods. */
export function karpenterValues(options: KarpenterValuesOptions): KarpenterValues {
  return {
    serviceAccount: {
      create: true,
      name: KARPENTER_SERVICE_ACCOUNT.name,
      annotations: { "eks.amazonaws.com/role-arn": options.roleArn },
    },
    replicas: options.highAvailability ? 2 : 1,
    podDisruptionBudget: { name: "karpenter", maxUnavailable: 1 },
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: KARPENTER_NODE_POOL_LABEL, operator: "DoesNotExist" },
                { key: MANAGED_NODE_GROUP_LABEL, operator: "Exists" },
              ],
            },
          ],
        },
      },
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname" }] },
    },
    tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists" }],
    controller: { resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { memory: "1Gi" } } },
    logLevel: "info",
    settings: {
      clusterName: options.clusterName,
      clusterEndpoint: options.clusterEndpoint,
      interruptionQueue: options.interruptionQueue,
      enableZonalShift: false,
    },
  };
}
