/** Release settings every platform chart shares: pinned chart, own namespace, atomic upgrades. */
import { Release } from "@cdktf/provider-helm/lib/release";
import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import type { ChartSource } from "./charts";
import { renderHelmValues } from "./helm-values";

/** Options of a platform chart release. */
export interface HelmChartReleaseOptions {
  /** Release name. */
  readonly name: string;
  /** Pinned chart. */
  readonly chart: ChartSource;
  /** Namespace the release lives in; created by the caller, never by Helm. */
  readonly namespace: string;
  /** Typed values, rendered once to YAML. */
  readonly values: object;
  /** Resources the release waits for (its namespace). */
  readonly dependsOn: ITerraformDependable[];
}

/** Adds a helm_release of a pinned chart that rolls back a failed upgrade. */
export function addHelmChartRelease(scope: Construct, id: string, options: HelmChartReleaseOptions): Release {
  return new Release(scope, id, {
    name: options.name,
    chart: options.chart.chart,
    version: options.chart.version,
    repository: options.chart.repository,
    namespace: options.namespace,
    createNamespace: false,
    atomic: true,
    cleanupOnFail: true,
    maxHistory: 10,
    timeout: 600,
    values: [renderHelmValues(options.values)],
    dependsOn: options.dependsOn,
  });
}
