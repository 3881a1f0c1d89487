/**
 * metrics-server as an add-on: no AWS side (it needs no AWS identity), a cluster side of the
 * chart in its restricted namespace with its NetworkPolicy. Installed in every cluster, so that
 * HorizontalPodAutoscalers and `kubectl top` work; production runs it highly available.
 */
import type { Construct } from "constructs";
import type { Addon, AddonClusterContext, InstalledAddon } from "../addon";
import { MetricsServer } from "./metrics-server";
import { METRICS_SERVER_NAMESPACE } from "./values";

export const metricsServerAddon: Addon = {
  name: "metrics-server",
  namespace: METRICS_SERVER_NAMESPACE,

  isEnabled: () => true,

  addClusterResources(scope: Construct, { environment: env }: AddonClusterContext): InstalledAddon {
    const metricsServer = new MetricsServer(scope, "metrics-server", {
      highAvailability: env.production,
      privateSubnetCidrs: env.subnets.map((s) => s.private),
      // The model sets controlPlane in every AZ of an environment with eks.
      controlPlaneSubnetCidrs: env.subnets.flatMap((s) => (s.controlPlane === undefined ? [] : [s.controlPlane])),
    });
    return { namespace: metricsServer.namespace.name, construct: metricsServer, ready: [metricsServer.release] };
  },
};
