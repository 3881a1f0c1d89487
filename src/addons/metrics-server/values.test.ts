import { parse } from "yaml";
import { unknownValuePaths } from "../../platform/chart-values-check";
import { renderHelmValues } from "../../platform/helm-values";
import { chartDefaults, describeChart } from "../../../test-helpers/shared-charts";
import { METRICS_SERVER_CHART } from "../../platform/charts";
import { metricsServerValues } from "./values";

const podLabels = { "app.kubernetes.io/name": "metrics-server", "app.kubernetes.io/instance": "metrics-server" };

describe("metricsServerValues", () => {
  describe("in any environment", () => {
    const values = metricsServerValues({ highAvailability: false });

    it("registers the v1beta1.metrics.k8s.io APIService that kubectl top and HPAs read", () => {
      expect(values.apiService).toEqual({ create: true });
    });

    it("keeps the restricted security context: non-root, read-only root, no escalation, no capabilities, RuntimeDefault seccomp", () => {
      expect(values.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        runAsUser: 1000,
        seccompProfile: { type: "RuntimeDefault" },
        capabilities: { drop: ["ALL"] },
      });
    });

    it("serves on 10250 from the pod network, never the host's, without the resizer sidecar", () => {
      expect(values.containerPort).toBe(10250);
      expect(values.hostNetwork).toEqual({ enabled: false });
      expect(values.addonResizer).toEqual({ enabled: false });
    });
  });

  describe("outside production", () => {
    const values = metricsServerValues({ highAvailability: false });

    it("runs one replica without a PodDisruptionBudget or spread", () => {
      expect(values.replicas).toBe(1);
      expect(values.podDisruptionBudget).toEqual({ enabled: false });
      expect(values).not.toHaveProperty("topologySpreadConstraints");
    });
  });

  describe("in production", () => {
    const values = metricsServerValues({ highAvailability: true });

    it("runs two replicas with a PodDisruptionBudget of minAvailable 1", () => {
      expect(values.replicas).toBe(2);
      expect(values.podDisruptionBudget).toEqual({ enabled: true, minAvailable: 1 });
    });

    it("prefers spreading the replicas over zones and nodes", () => {
      expect(values.topologySpreadConstraints).toEqual(
        ["topology.kubernetes.io/zone", "kubernetes.io/hostname"].map((topologyKey) => ({
          maxSkew: 1,
          topologyKey,
          whenUnsatisfiable: "ScheduleAnyway",
          labelSelector: { matchLabels: podLabels },
          matchLabelKeys: ["pod-template-hash"],
        })),
      );
    });
  });
});

describeChart(METRICS_SERVER_CHART, "metricsServerValues against the metrics-server 3.13.1 chart", (dir) => {
  const defaults = chartDefaults(dir) as Record<string, any>;

  it.each([
    ["in production", true],
    ["outside production", false],
  ])("sets only key paths that exist in values.yaml %s", (_name, highAvailability) => {
    const values = parse(renderHelmValues(metricsServerValues({ highAvailability })));
    expect(unknownValuePaths(values, defaults)).toEqual([]);
  });

  it("catches a misspelled key", () => {
    const values = parse(renderHelmValues(metricsServerValues({ highAvailability: true })));
    values.podDisruptionBudget.minAvailble = 1;
    values.replica = 2;
    expect(unknownValuePaths(values, defaults)).toEqual(["podDisruptionBudget.minAvailble", "replica"]);
  });

  it("writes out exactly the chart's own security context, port and APIService default", () => {
    const values = metricsServerValues({ highAvailability: false });
    expect(values.securityContext).toEqual(defaults.securityContext);
    expect(values.containerPort).toBe(defaults.containerPort);
    expect(defaults.apiService.create).toBe(true);
    expect(defaults.podSecurityContext).toEqual({});
  });

  it("keeps the chart's kubelet arguments, which verify the kubelets' certificates", () => {
    expect(defaults.defaultArgs).not.toContain("--kubelet-insecure-tls");
    expect(defaults.args).toEqual([]);
  });
});
