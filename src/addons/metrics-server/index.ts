/**
 * The metrics-server add-on: its registry entry, values, release (its chart pin is in src/platform/charts.ts). Named exports only, so that a root
 * `export *` of several add-ons never meets two `TopologySpreadConstraint`s.
 */
export { metricsServerAddon } from "./addon";
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
