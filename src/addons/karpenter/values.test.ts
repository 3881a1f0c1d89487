import { parse } from "yaml";
import { unknownValuePaths } from "../../platform/chart-values-check";
import { renderHelmValues } from "../../platform/helm-values";
import { KARPENTER_CHART } from "../../platform/charts";
import { chartDefaults, describeChart } from "../../../test-helpers/shared-charts";
import { karpenterValues, type KarpenterValuesOptions } from "./values";

const options: KarpenterValuesOptions = {
  clusterName: "acme-production",
  clusterEndpoint: "https://ABCDEF.gr7.us-east-1.eks.amazonaws.com",
  roleArn: "arn:aws:iam::222222222222:role/acme-production-irsa-karpenter",
  interruptionQueue: "acme-production",
  highAvailability: true,
};

describe("karpenterValues", () => {
  describe("in production", () => {
    const values = karpenterValues(options);

    it("runs two replicas with a PodDisruptionBudget that keeps one through a drain", () => {
      expect(values.replicas).toBe(2);
      expect(values.podDisruptionBudget).toEqual({ name: "karpenter", maxUnavailable: 1 });
    });

    it("runs only on managed node group nodes, never on a node Karpenter launched, one replica per node", () => {
      expect(values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
        {
          matchExpressions: [
            { key: "karpenter.sh/nodepool", operator: "DoesNotExist" },
            { key: "eks.amazonaws.com/nodegroup", operator: "Exists" },
          ],
        },
      ]);
      expect(values.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual([{ topologyKey: "kubernetes.io/hostname" }]);
    });

    it("assumes its IRSA role and reads interruptions from the cluster's queue", () => {
      expect(values.serviceAccount).toEqual({ create: true, name: "karpenter", annotations: { "eks.amazonaws.com/role-arn": options.roleArn } });
      expect(values.settings).toEqual({
        clusterName: "acme-production",
        clusterEndpoint: options.clusterEndpoint,
        interruptionQueue: "acme-production",
        enableZonalShift: false,
      });
    });
  });

  describe("outside production", () => {
    it("runs one replica", () => {
      expect(karpenterValues({ ...options, highAvailability: false }).replicas).toBe(1);
    });
  });
});

describeChart(KARPENTER_CHART, "karpenterValues against the karpenter 1.14.1 chart", (dir) => {
  const defaults = chartDefaults(dir) as Record<string, any>;

  it.each([true, false])("sets only key paths that exist in values.yaml (highAvailability %s)", (highAvailability) => {
    const values = parse(renderHelmValues(karpenterValues({ ...options, highAvailability })));
    expect(unknownValuePaths(values, defaults)).toEqual([]);
  });

  it("catches a misspelled key", () => {
    const values = parse(renderHelmValues(karpenterValues(options)));
    values.settings.interruptionQueueName = "x";
    expect(unknownValuePaths(values, defaults)).toEqual(["settings.interruptionQueueName"]);
  });

  it("keeps the chart's own exclusion of Karpenter's nodes, anti-affinity and toleration, adding only the managed-node requirement", () => {
    const values = karpenterValues(options);
    const chartTerms = defaults.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    expect(values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions).toEqual([
      ...chartTerms[0].matchExpressions,
      { key: "eks.amazonaws.com/nodegroup", operator: "Exists" },
    ]);
    expect(values.affinity.podAntiAffinity).toEqual(defaults.affinity.podAntiAffinity);
    expect(values.tolerations).toEqual(defaults.tolerations);
  });

  it("relies on the chart's RuntimeDefault seccomp and PodDisruptionBudget defaults", () => {
    expect(defaults.podSecurityContext.seccompProfile).toEqual({ type: "RuntimeDefault" });
    expect(defaults.hostNetwork).toBe(false);
    expect(defaults.podDisruptionBudget).toEqual({ name: "karpenter", maxUnavailable: 1 });
  });
});
