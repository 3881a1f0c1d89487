/**
 * Typed values of the metrics-server chart (3.13.1) and their builder. No constructs: the tests
 * check every key path against the chart's values.yaml.
 *
 * - `apiService.create: true` registers `v1beta1.metrics.k8s.io`, which `kubectl top` and
 *   HorizontalPodAutoscalers read. Its `insecureSkipTLSVerify` stays at the chart's default (true,
 *   as in upstream's components.yaml): the API server encrypts to metrics-server but does not
 *   verify its self-signed certificate. Verifying it (`tls.type: helm` or `cert-manager`, which
 *   fill `apiService.caBundle`) is not done here: it has not been tried against a cluster.
 * - The container security context is the chart's default, written out with literal types so a
 *   chart bump or an edit cannot loosen it unnoticed: non-root uid 1000, read-only root file
 *   system, no privilege escalation, ALL capabilities dropped, RuntimeDefault seccomp. It meets the
 *   `restricted` Pod Security Standard; `hostNetwork` stays off and the chart has no other pods
 *   (the addon-resizer sidecar is off).
 * - Replicas: two with a PodDisruptionBudget (minAvailable 1) and a zone and node spread in
 *   production, one elsewhere. One replica is enough for metrics (it keeps only the latest
 *   scrape in memory); two keep the aggregated API answering through node drains and upgrades,
 *   which HPAs in production depend on.
 * - The kubelet's serving certificates are verified (no `--kubelet-insecure-tls`): EKS nodes get
 *   them signed by the cluster CA.
 */
import { preferredSpread, type TopologySpreadConstraint } from "../../platform/topology-spread";

/** Release name; the chart derives its object names and pod labels from it. */
export const METRICS_SERVER_RELEASE = "metrics-server";

/**
 * Namespace of metrics-server. Its own rather than kube-system (upstream's components.yaml): there
 * Pod Security `restricted` can be enforced (kube-system runs privileged pods: aws-node,
 * kube-proxy) and its NetworkPolicy touches nothing else. Nothing finds metrics-server by its
 * namespace: clients go through the APIService, which names the Service. The chart still binds
 * the `extension-apiserver-authentication-reader` Role in kube-system to its service account, and
 * the `system-cluster-critical` priority class is allowed outside kube-system since Kubernetes 1.17.
 */
export const METRICS_SERVER_NAMESPACE = "metrics-server";

/** The secure port the container serves on (the chart's `containerPort`): the API server calls it, the kubelet probes it. */
export const METRICS_SERVER_PORT = 10250;

/** Labels the chart puts on the metrics-server pods (release name as above, no nameOverride). */
export const METRICS_SERVER_POD_LABELS: Readonly<Record<string, string>> = {
  "app.kubernetes.io/name": "metrics-server",
  "app.kubernetes.io/instance": METRICS_SERVER_RELEASE,
};


/** The subset of the chart's values this project sets (names as in the chart's values.yaml). */
export interface MetricsServerValues {
  readonly replicas: number;
  readonly podDisruptionBudget: { readonly enabled: boolean; readonly minAvailable?: 1 };
  readonly topologySpreadConstraints?: readonly TopologySpreadConstraint[];
  readonly containerPort: typeof METRICS_SERVER_PORT;
  readonly hostNetwork: { readonly enabled: false };
  readonly securityContext: {
    readonly allowPrivilegeEscalation: false;
    readonly readOnlyRootFilesystem: true;
    readonly runAsNonRoot: true;
    readonly runAsUser: 1000;
    readonly seccompProfile: { readonly type: "RuntimeDefault" };
    readonly capabilities: { readonly drop: readonly ["ALL"] };
  };
  readonly apiService: { readonly create: true };
  readonly addonResizer: { readonly enabled: false };
}

/** Inputs of the metrics-server values. */
export interface MetricsServerValuesOptions {
  /** Production: two replicas, a PodDisruptionBudget and a zone and node spread. */
  readonly highAvailability: boolean;
}

/** A preferred spread of the replicas over `topologyKey`. */
function spread(topologyKey: string): TopologySpreadConstraint {
  return preferredSpread(METRICS_SERVER_POD_LABELS, topologyKey);
}

/** Values for metrics-server serving the resource metrics API. */
export function metricsServerValues(options: MetricsServerValuesOptions): MetricsServerValues {
  const highAvailability = options.highAvailability
    ? {
        replicas: 2,
        podDisruptionBudget: { enabled: true, minAvailable: 1 as const },
        topologySpreadConstraints: [spread("topology.kubernetes.io/zone"), spread("kubernetes.io/hostname")],
      }
    : { replicas: 1, podDisruptionBudget: { enabled: false } };
  return {
    ...highAvailability,
    containerPort: METRICS_SERVER_PORT,
    hostNetwork: { enabled: false },
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 1000,
      seccompProfile: { type: "RuntimeDefault" },
      capabilities: { drop: ["ALL"] },
    },
    apiService: { create: true },
    addonResizer: { enabled: false },
  };
}
