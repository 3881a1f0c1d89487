/**
 * metrics-server in its own restricted namespace, so that HorizontalPodAutoscalers and
 * `kubectl top` get the resource metrics API (`v1beta1.metrics.k8s.io`, the APIService the chart
 * registers), with a NetworkPolicy around its pods.
 *
 * The NetworkPolicy admits the secure port (10250) only from:
 * - the control-plane subnet CIDRs: the API server proxies the aggregated API to metrics-server
 *   through its cross-account ENIs in the cluster's `vpc_config` subnets;
 * - the private subnet CIDRs: the kubelet probes `/livez` and `/readyz` from the node IP.
 * Nothing else reaches the pods; their egress (the kubelets on 10250, the API server) is not
 * restricted.
 *
 * It needs no AWS identity. It knows nothing of the environments file.
 */
import type { Release } from "@cdktf/provider-helm/lib/release";
import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { Construct } from "constructs";
import { addHelmChartRelease } from "../../platform/helm-chart-release";
import { ipBlocks, requireCidrs } from "../../platform/network-policy-sources";
import { PodSecurityNamespace } from "../../platform/pod-security-namespace";
import { METRICS_SERVER_CHART } from "../../platform/charts";
import {
  METRICS_SERVER_NAMESPACE,
  METRICS_SERVER_POD_LABELS,
  METRICS_SERVER_PORT,
  METRICS_SERVER_RELEASE,
  metricsServerValues,
  type MetricsServerValues,
} from "./values";

export interface MetricsServerProps {
  /** Production: two replicas with a PodDisruptionBudget and a zone and node spread; otherwise one replica. */
  readonly highAvailability: boolean;
  /** CIDRs of the private subnets: the nodes, whose kubelets probe the pods. */
  readonly privateSubnetCidrs: readonly string[];
  /** CIDRs of the cluster's control-plane subnets: the API server's ENIs, which call the aggregated API. */
  readonly controlPlaneSubnetCidrs: readonly string[];
}

export class MetricsServer extends Construct {
  /** The namespace, `metrics-server`. */
  public readonly namespace: PodSecurityNamespace;
  public readonly release: Release;
  /** The values the release was rendered from. */
  public readonly values: MetricsServerValues;

  constructor(scope: Construct, id: string, props: MetricsServerProps) {
    super(scope, id);
    requireCidrs(this, "privateSubnetCidrs", props.privateSubnetCidrs, "the probe policy needs the private subnet CIDRs of the cluster's VPC");
    requireCidrs(this, "controlPlaneSubnetCidrs", props.controlPlaneSubnetCidrs, "the API server reaches metrics-server from the cluster's control-plane subnets (its vpc_config subnets), so their CIDRs are needed");
    this.namespace = new PodSecurityNamespace(this, "namespace", { name: METRICS_SERVER_NAMESPACE, podSecurity: "restricted" });
    this.values = metricsServerValues({ highAvailability: props.highAvailability });
    this.release = addHelmChartRelease(this, "release", {
      name: METRICS_SERVER_RELEASE,
      chart: METRICS_SERVER_CHART,
      namespace: METRICS_SERVER_NAMESPACE,
      values: this.values,
      dependsOn: [this.namespace.resource],
    });

    const from = ipBlocks([...props.controlPlaneSubnetCidrs, ...props.privateSubnetCidrs]);
    new NetworkPolicyV1(this, "network-policy", {
      metadata: { name: METRICS_SERVER_RELEASE, namespace: METRICS_SERVER_NAMESPACE },
      spec: {
        podSelector: { matchLabels: { ...METRICS_SERVER_POD_LABELS } },
        policyTypes: ["Ingress"],
        ingress: [{ from, ports: [{ port: String(METRICS_SERVER_PORT), protocol: "TCP" }] }],
      },
      dependsOn: [this.namespace.resource],
    });
  }
}
