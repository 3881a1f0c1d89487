/**
 * What an environment's node security group admits beyond EKS's minimum, from the model: the ports
 * the control plane calls on the add-ons it runs, and the data tiers its pods reach. Each comes from
 * the same source as the rule on the other side, so the two cannot drift:
 * - the add-ons' webhook ports are the constants their values and NetworkPolicies use;
 * - the own persistence tier on `dataStorePorts`, which its security group admits from the private
 *   subnets (src/network/security-group-rules.ts `persistenceIngressRules`);
 * - a spoke's persistence tier on the spoke's `peeringPorts`, when the spoke admits this hub's
 *   `dataTierCidrs` and those cover the nodes (the private subnets).
 * Pure: no constructs.
 */
import { ADDONS } from "../addons/registry";
import { AWS_LOAD_BALANCER_CONTROLLER_PORTS } from "../addons/aws-load-balancer-controller/values";
import { INGRESS_NGINX_PORTS } from "../addons/ingress-nginx/values";
import { METRICS_SERVER_PORT } from "../addons/metrics-server/values";
import type { EksClusterProps } from "../eks/eks-cluster";
import type { ControlPlanePort, DataTierEgress } from "../eks/node-security-group-rules";
import { overlaps } from "../model/cidr";
import type { Environment } from "../model/org";

/**
 * The TCP ports the API server calls on each add-on's pods (webhooks, aggregated APIs), by add-on
 * name. An add-on absent from the registry or disabled in the environment opens nothing.
 */
export const ADDON_CONTROL_PLANE_PORTS: Readonly<Record<string, readonly ControlPlanePort[]>> = {
  // The aggregated metrics API (v1beta1.metrics.k8s.io): the chart's containerPort.
  "metrics-server": [{ port: METRICS_SERVER_PORT, purpose: "metrics-server metrics API" }],
  // The validating admission webhook (controller.admissionWebhooks.port).
  "ingress-nginx": [{ port: INGRESS_NGINX_PORTS.webhook, purpose: "ingress-nginx admission webhook" }],
  // Pod readiness gate, Service mutator and Ingress validation webhooks (webhookBindPort).
  "aws-load-balancer-controller": [{ port: AWS_LOAD_BALANCER_CONTROLLER_PORTS.webhook, purpose: "AWS Load Balancer Controller webhooks" }],
  // The EKS add-on's amazon-cloudwatch-observability-webhook-service: port 443, targetPort 9443
  // (the operator's controller-manager, as the add-on's rendered manifest has it).
  "amazon-cloudwatch-observability": [{ port: 9443, purpose: "CloudWatch agent operator webhook" }],
  // Karpenter 1.14.1 serves no webhook (its chart has no webhook values); Cluster Autoscaler and ExternalDNS neither.
};

/** The node security group options of an environment with a cluster; `environments` are the organization's (for peered spokes). */
export function nodeSecurityGroupOptionsOf(env: Environment, environments: readonly Environment[]): NonNullable<EksClusterProps["nodeSecurityGroup"]> {
  const controlPlanePorts = ADDONS.filter((addon) => addon.isEnabled(env)).flatMap((addon) => ADDON_CONTROL_PLANE_PORTS[addon.name] ?? []);
  const dataTiers: DataTierEgress[] = [
    {
      name: "persistence",
      label: "the persistence tier",
      ranges: env.subnets.map((s) => ({ key: s.azSuffix, cidr: s.persistence })),
      ports: env.dataStorePorts,
    },
  ];
  const nodeRanges = env.subnets.map((s) => s.private);
  for (const spoke of environments) {
    const admitted = spoke.inboundPeers.find((p) => p.name === env.name);
    // The spoke admits this environment's data-tier ranges; the nodes need the rule only when they live in one.
    if (!admitted || !admitted.dataTierCidrs.some((c) => nodeRanges.some((n) => overlaps(c, n)))) continue;
    dataTiers.push({
      name: `peer-${spoke.name}`,
      label: `the persistence tier of peered environment ${spoke.name}`,
      ranges: spoke.subnets.map((s) => ({ key: s.azSuffix, cidr: s.persistence })),
      ports: spoke.peeringPorts,
    });
  }
  return { controlPlanePorts, dataTiers, extraEgress: env.eks?.nodeEgress ?? [] };
}
