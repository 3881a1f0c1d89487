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
import type { ChartSource } from "../../platform/charts";

/** metrics-server 0.8.1 (chart 3.13.1). */
export const METRICS_SERVER_CHART: ChartSource = {
  chart: "metrics-server",
  version: "3.13.1",
  repository: "https://kubernetes-sigs.github.io/metrics-server/",
};
