/**
 * The Cluster Autoscaler in its own restricted namespace: it grows a node group when pods are
 * pending for lack of room and shrinks it when nodes stay underused, within the group's min and
 * max, through the IRSA role the cluster stack created. It knows nothing of the environments file.
 */
import type { Release } from "@cdktf/provider-helm/lib/release";
import { Construct } from "constructs";
import { CLUSTER_AUTOSCALER_CHART } from "../../platform/charts";
import { addHelmChartRelease } from "../../platform/helm-chart-release";
import { PodSecurityNamespace } from "../../platform/pod-security-namespace";
import { CLUSTER_AUTOSCALER_SERVICE_ACCOUNT } from "./service-account";
import { clusterAutoscalerValues, type ClusterAutoscalerValues, type ClusterAutoscalerValuesOptions } from "./values";

/** What ClusterAutoscaler renders: its values' inputs, documented there. */
export type ClusterAutoscalerProps = ClusterAutoscalerValuesOptions;

export class ClusterAutoscaler extends Construct {
  /** The namespace, `cluster-autoscaler`. */
  public readonly namespace: PodSecurityNamespace;
  public readonly release: Release;
  /** The values the release was rendered from. */
  public readonly values: ClusterAutoscalerValues;

  constructor(scope: Construct, id: string, props: ClusterAutoscalerProps) {
    super(scope, id);
    const { namespace, name } = CLUSTER_AUTOSCALER_SERVICE_ACCOUNT;
    this.namespace = new PodSecurityNamespace(this, "namespace", { name: namespace, podSecurity: "restricted" });
    this.values = clusterAutoscalerValues(props);
    this.release = addHelmChartRelease(this, "release", {
      name,
      chart: CLUSTER_AUTOSCALER_CHART,
      namespace,
      values: this.values,
      dependsOn: [this.namespace.resource],
    });
  }
}
