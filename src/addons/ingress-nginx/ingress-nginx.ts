/**
 * ingress-nginx behind an internet-facing NLB, in its own restricted namespace, with a
 * NetworkPolicy around the controller pods.
 *
 * The policy admits:
 * - 80/443 from anywhere: the NLB's IP targets receive client traffic there;
 * - the admission webhook (8443) only from the control-plane subnet CIDRs: the EKS API server calls
 *   webhooks through its cross-account ENIs, which live in the cluster's `vpc_config` subnets, and
 *   those are dedicated /28s that hold nothing else, so no node or pod can reach the webhook;
 * - metrics and health (10254) only from the private subnet CIDRs: the kubelet probes from the
 *   node IP and a scraper runs on a node, both in the private tier.
 *
 * The controller Service asks the cluster's in-tree AWS cloud provider for the NLB (instance
 * targets, `aws-load-balancer-type: nlb`; see values.ts). The AWS Load Balancer Controller's IP-target
 * Service (src/addons/aws-load-balancer-controller/ingress-nginx-service.ts) replaces it once that
 * controller is in the registry.
 */
import type { Release } from "@cdktf/provider-helm/lib/release";
import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { Construct } from "constructs";
import { INGRESS_NGINX_CHART } from "../../platform/charts";
import { addHelmChartRelease } from "../../platform/helm-chart-release";
import { ipBlocks, requireCidrs } from "../../platform/network-policy-sources";
import {
  INGRESS_NGINX_CONTROLLER_LABELS,
  INGRESS_NGINX_PORTS,
  INGRESS_NGINX_RELEASE,
  ingressNginxValues,
  type IngressNginxValues,
} from "./values";
import { PodSecurityNamespace } from "../../platform/pod-security-namespace";

export interface IngressNginxProps {
  /** Controller replicas. */
  readonly replicas: number;
  /** Production: PodDisruptionBudget and zone spread. */
  readonly highAvailability: boolean;
  /** CIDRs of the private subnets: the nodes (probes, metrics on 10254). */
  readonly privateSubnetCidrs: readonly string[];
  /** CIDRs of the cluster's control-plane subnets: the API server's ENIs, the only callers of the webhook on 8443. */
  readonly controlPlaneSubnetCidrs: readonly string[];
  /** ACM certificate for TLS termination at the NLB. @default - TLS passes through to nginx */
  readonly certificateArn?: string;
  /** Hostname ExternalDNS points at the NLB. @default - no record */
  readonly hostname?: string;
  /** Namespace of the controller. @default "ingress-nginx" */
  readonly namespace?: string;
}

export class IngressNginx extends Construct {
  /** The controller's namespace; application namespaces admit traffic from it. */
  public readonly namespace: PodSecurityNamespace;
  public readonly release: Release;
  /** The values the release was rendered from. */
  public readonly values: IngressNginxValues;

  constructor(scope: Construct, id: string, props: IngressNginxProps) {
    super(scope, id);
    requireCidrs(this, "privateSubnetCidrs", props.privateSubnetCidrs, "the metrics policy needs the private subnet CIDRs of the cluster's VPC");
    requireCidrs(this, "controlPlaneSubnetCidrs", props.controlPlaneSubnetCidrs, "the webhook policy needs the CIDRs of the cluster's control-plane subnets (its vpc_config subnets)");
    const namespace = props.namespace ?? "ingress-nginx";
    this.namespace = new PodSecurityNamespace(this, "namespace", { name: namespace, podSecurity: "restricted" });
    this.values = ingressNginxValues({
      replicas: props.replicas,
      highAvailability: props.highAvailability,
      certificateArn: props.certificateArn,
      hostname: props.hostname,
    });
    this.release = addHelmChartRelease(this, "release", {
      name: INGRESS_NGINX_RELEASE,
      chart: INGRESS_NGINX_CHART,
      namespace,
      values: this.values,
      dependsOn: [this.namespace.resource],
    });

    const fromPrivateSubnets = ipBlocks(props.privateSubnetCidrs);
    const fromControlPlane = ipBlocks(props.controlPlaneSubnetCidrs);
    const tcp = (port: number) => ({ port: String(port), protocol: "TCP" });
    new NetworkPolicyV1(this, "controller-network-policy", {
      metadata: { name: "ingress-nginx-controller", namespace },
      spec: {
        podSelector: { matchLabels: { ...INGRESS_NGINX_CONTROLLER_LABELS } },
        policyTypes: ["Ingress"],
        ingress: [
          { ports: [tcp(INGRESS_NGINX_PORTS.http), tcp(INGRESS_NGINX_PORTS.https)] },
          { from: fromControlPlane, ports: [tcp(INGRESS_NGINX_PORTS.webhook)] },
          { from: fromPrivateSubnets, ports: [tcp(INGRESS_NGINX_PORTS.metrics)] },
        ],
      },
      dependsOn: [this.namespace.resource],
    });
  }
}
