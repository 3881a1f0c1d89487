/**
 * Every Helm chart the platform installs, pinned here and nowhere else (the EKS managed add-ons'
 * versions are in src/eks/addon-versions.ts, per Kubernetes version). The chart tests read the
 * same versions from ../shared/charts/<chart>/<version>, so bumping a version here makes them
 * check the new chart.
 *
 * To refresh a chart: copy the new release's data files (Chart.yaml, values.yaml, and
 * values.schema.json or IAM policies where the chart has them) into
 * ../shared/charts/<chart>/<version>/ as its README there says, change the version below, then run
 * `npx jest src/addons/<add-on>`: the key-path tests name every value the new chart no longer has,
 * and the IAM tests every statement that changed.
 */

/** Where a chart comes from and which version is installed. */
export interface ChartSource {
  /** Chart name in its repository. */
  readonly chart: string;
  /** Exact chart version (never a range). */
  readonly version: string;
  /** HTTP(S) Helm repository URL, or an OCI registry path (`oci://public.ecr.aws/karpenter`). */
  readonly repository: string;
}

/** ExternalDNS 0.21 (chart 1.21.1). */
export const EXTERNAL_DNS_CHART: ChartSource = {
  chart: "external-dns",
  version: "1.21.1",
  repository: "https://kubernetes-sigs.github.io/external-dns/",
};

/** ingress-nginx controller 1.15.1 (chart 4.15.1, the project's final release). */
export const INGRESS_NGINX_CHART: ChartSource = {
  chart: "ingress-nginx",
  version: "4.15.1",
  repository: "https://kubernetes.github.io/ingress-nginx",
};

/**
 * The pinned metrics-server chart. The tests read the same version's values.yaml from
 * ../shared/charts/metrics-server/<version>.
 *
 * To refresh: take the newest `metrics-server-helm-chart-<version>` tag of
 * https://github.com/kubernetes-sigs/metrics-server (its `gh-pages` index.yaml lists the
 * published charts), copy that tag's `charts/metrics-server/{Chart.yaml,values.yaml}` into
 * ../shared/charts/metrics-server/<version>/, change `version` below, then run
 * `npx jest src/addons/metrics-server`: the key-path test names every value the new chart no
 * longer has.
 */
export const METRICS_SERVER_CHART: ChartSource = {
  chart: "metrics-server",
  version: "3.13.1",
  repository: "https://kubernetes-sigs.github.io/metrics-server/",
};

/**
 * The pinned AWS Load Balancer Controller chart. The tests read the same version's values.yaml and
 * reference IAM policies from ../shared/charts/aws-load-balancer-controller/<version>.
 *
 * To refresh: pick the release in https://github.com/kubernetes-sigs/aws-load-balancer-controller
 * (since v3.0.0 the chart version equals the app version without the `v`), copy that tag's
 * `helm/aws-load-balancer-controller/{Chart.yaml,values.yaml}` and
 * `docs/install/iam_policy.json` / `iam_policy_us-gov.json` into
 * ../shared/charts/aws-load-balancer-controller/<version>/, change `version` below, then run
 * `npx jest src/addons/aws-load-balancer-controller`: the key-path test names every value the new
 * chart no longer has, and the IAM test names every statement of the new policy that
 * `iam-policy.ts` lacks or has in excess.
 */
export const AWS_LOAD_BALANCER_CONTROLLER_CHART: ChartSource = {
  chart: "aws-load-balancer-controller",
  version: "3.5.0",
  repository: "https://aws.github.io/eks-charts",
};

/**
 * Karpenter 1.14.1 and its CRDs, from the OCI registry the release publishes to (the source
 * repository's own chart index holds only 0.x charts). The tests read the same version's
 * values.yaml and the getting-started cloudformation.yaml from ../shared/charts/karpenter/<version>;
 * the tag's copies there still say 1.13.0 in Chart.yaml (../shared/charts/README.md says why), so
 * the tests never read the version or image from them.
 *
 * To refresh: copy the new tag's `charts/karpenter/{Chart.yaml,values.yaml}`,
 * `charts/karpenter-crd/{Chart.yaml,values.yaml}` and the getting-started `cloudformation.yaml`
 * into ../shared/charts/, change both versions below together, then run
 * `npx jest src/addons/karpenter`: the key-path test names every value the new chart no longer
 * has, and the IAM test every statement of the template that changed.
 */
export const KARPENTER_CHART: ChartSource = {
  chart: "karpenter",
  version: "1.14.1",
  repository: "oci://public.ecr.aws/karpenter",
};

/** Karpenter's CRDs (NodePool, NodeClaim, EC2NodeClass), installed before Karpenter; same version as KARPENTER_CHART. */
export const KARPENTER_CRD_CHART: ChartSource = {
  chart: "karpenter-crd",
  version: "1.14.1",
  repository: "oci://public.ecr.aws/karpenter",
};

/**
 * Cluster Autoscaler 1.35.0 (chart 9.59.0), the alternative to Karpenter. The tests read the same
 * version's values.yaml from ../shared/charts/cluster-autoscaler/<version>.
 *
 * To refresh: copy the `cluster-autoscaler-chart-<version>` tag's
 * `charts/cluster-autoscaler/{Chart.yaml,values.yaml}` of https://github.com/kubernetes/autoscaler
 * into ../shared/charts/cluster-autoscaler/<version>/, change `version` below, then run
 * `npx jest src/addons/cluster-autoscaler`.
 */
export const CLUSTER_AUTOSCALER_CHART: ChartSource = {
  chart: "cluster-autoscaler",
  version: "9.59.0",
  repository: "https://kubernetes.github.io/autoscaler",
};
