/**
 * The Helm charts the platform installs, pinned. The chart tests read the same versions from
 * ../shared/charts/<chart>/<version>, so bumping a version here makes them check the new chart.
 */

/** Where a chart comes from and which version is installed. */
export interface ChartSource {
  /** Chart name in its repository. */
  readonly chart: string;
  /** Exact chart version (never a range). */
  readonly version: string;
  /** HTTP(S) Helm repository URL. */
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
