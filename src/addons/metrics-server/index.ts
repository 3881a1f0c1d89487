/**
 * The metrics-server add-on: its registry entry, chart pin, values, release. Named exports only, so that a root
 * `export *` of several add-ons never meets two `TopologySpreadConstraint`s.
 */
export { metricsServerAddon } from "./addon";
export { METRICS_SERVER_CHART } from "./chart";
export { MetricsServer, type MetricsServerProps } from "./metrics-server";
export {
  METRICS_SERVER_NAMESPACE,
  METRICS_SERVER_POD_LABELS,
  METRICS_SERVER_PORT,
  METRICS_SERVER_RELEASE,
  metricsServerValues,
  type MetricsServerValues,
  type MetricsServerValuesOptions,
} from "./values";
