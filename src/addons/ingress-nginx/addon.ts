/**
 * ingress-nginx as an add-on: no AWS side (its load balancer is the cluster's to create), a
 * cluster side of the controller in its restricted namespace with its NetworkPolicy. The
 * project was retired upstream on 2026-03-24; the model loader warns when it is selected.
 */
import type { Construct } from "constructs";
import type { Addon, AddonClusterContext, InstalledAddon } from "../addon";
import { IngressNginx } from "./ingress-nginx";

export const ingressNginxAddon: Addon = {
  name: "ingress-nginx",
  namespace: "ingress-nginx",

  isEnabled: (env) => env.platform?.ingress.controller === "ingress-nginx",

  addClusterResources(scope: Construct, { environment: env, platform }: AddonClusterContext): InstalledAddon {
    const ingressNginx = new IngressNginx(scope, "ingress-nginx", {
      replicas: platform.ingress.replicas,
      highAvailability: env.production,
      privateSubnetCidrs: env.subnets.map((s) => s.private),
      // The model sets controlPlane in every AZ of an environment with eks.
      controlPlaneSubnetCidrs: env.subnets.flatMap((s) => (s.controlPlane === undefined ? [] : [s.controlPlane])),
      certificateArn: platform.ingress.certificateArn,
      hostname: platform.ingress.hostname,
    });
    return { namespace: ingressNginx.namespace.name, construct: ingressNginx, ready: [ingressNginx.release], ingressController: true };
  },
};
