/**
 * Karpenter's cluster side in its own restricted namespace: the karpenter-crd chart, then the
 * karpenter chart (`skip_crds`: the CRDs are the first release's), then the project's
 * karpenter-node-pools chart (./chart) with the EC2NodeClass and NodePools, shipped with the
 * synthesized stack as a Terraform asset. All three are helm_releases, which plan without the
 * cluster's API, so a fresh cluster gets Karpenter and its pools in one apply of the platform
 * stack (kubernetes_manifest would need the CRDs at plan time). It knows nothing of the
 * environments file.
 */
import { Release } from "@cdktf/provider-helm/lib/release";
import { AssetType, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import { join } from "node:path";
import { KARPENTER_CHART, KARPENTER_CRD_CHART } from "../../platform/charts";
import { addHelmChartRelease } from "../../platform/helm-chart-release";
import { renderHelmValues } from "../../platform/helm-values";
import { PodSecurityNamespace } from "../../platform/pod-security-namespace";
import { nodePoolsChartValues, type NodePoolsChartOptions, type NodePoolsChartValues } from "./node-pools";
import { KARPENTER_SERVICE_ACCOUNT } from "./service-account";
import { karpenterValues, type KarpenterValues, type KarpenterValuesOptions } from "./values";

/** The project's chart of the EC2NodeClass and NodePools, beside this module. */
export const NODE_POOLS_CHART_DIR = join(__dirname, "chart");

/** What Karpenter renders: the controller's values and the node class and pools. */
export interface KarpenterProps extends KarpenterValuesOptions {
  /** The EC2NodeClass and NodePools (their cluster name is this one's). */
  readonly nodePools: Omit<NodePoolsChartOptions, "clusterName">;
}

export class Karpenter extends Construct {
  /** The namespace, `karpenter`. */
  public readonly namespace: PodSecurityNamespace;
  /** The CRD release. */
  public readonly crdRelease: Release;
  /** The controller release. */
  public readonly release: Release;
  /** The EC2NodeClass and NodePools release. */
  public readonly nodePoolsRelease: Release;
  /** The controller's values. */
  public readonly values: KarpenterValues;
  /** The node class and pools' values. */
  public readonly nodePoolsValues: NodePoolsChartValues;

  constructor(scope: Construct, id: string, props: KarpenterProps) {
    super(scope, id);
    const { namespace } = KARPENTER_SERVICE_ACCOUNT;
    this.namespace = new PodSecurityNamespace(this, "namespace", { name: namespace, podSecurity: "restricted" });
    this.crdRelease = addHelmChartRelease(this, "crd-release", {
      name: "karpenter-crd",
      chart: KARPENTER_CRD_CHART,
      namespace,
      values: {},
      dependsOn: [this.namespace.resource],
    });
    this.values = karpenterValues(props);
    this.release = addHelmChartRelease(this, "release", {
      name: "karpenter",
      chart: KARPENTER_CHART,
      namespace,
      values: this.values,
      dependsOn: [this.crdRelease],
    });
    // The CRDs belong to the karpenter-crd release (which upgrades them; Helm never upgrades a crds/ folder).
    this.release.skipCrds = true;

    this.nodePoolsValues = nodePoolsChartValues({ ...props.nodePools, clusterName: props.clusterName });
    const chart = new TerraformAsset(this, "node-pools-chart", { path: NODE_POOLS_CHART_DIR, type: AssetType.DIRECTORY });
    this.nodePoolsRelease = new Release(this, "node-pools-release", {
      name: "karpenter-node-pools",
      chart: chart.path,
      namespace,
      createNamespace: false,
      atomic: true,
      cleanupOnFail: true,
      maxHistory: 10,
      timeout: 600,
      values: [renderHelmValues(this.nodePoolsValues)],
      // The CRDs must exist, and Karpenter run, before its objects are created.
      dependsOn: [this.crdRelease, this.release],
    });
  }
}
