import { parse } from "yaml";
import { unknownValuePaths } from "../../platform/chart-values-check";
import { renderHelmValues } from "../../platform/helm-values";
import { CLUSTER_AUTOSCALER_CHART } from "../../platform/charts";
import { chartDefaults, describeChart } from "../../../test-helpers/shared-charts";
import { clusterAutoscalerValues, type ClusterAutoscalerValuesOptions } from "./values";

const options: ClusterAutoscalerValuesOptions = {
  clusterName: "acme-development",
  region: "us-east-1",
  roleArn: "arn:aws:iam::333333333333:role/acme-development-irsa-autoscaler",
  highAvailability: false,
};

describe("clusterAutoscalerValues", () => {
  const values = clusterAutoscalerValues(options);

  it("discovers the cluster's node groups by its name, in its region, as its IRSA role", () => {
    expect(values).toMatchObject({ cloudProvider: "aws", awsRegion: "us-east-1", autoDiscovery: { clusterName: "acme-development" } });
    expect(values.rbac.serviceAccount).toEqual({ create: true, name: "cluster-autoscaler", annotations: { "eks.amazonaws.com/role-arn": options.roleArn } });
  });

  it("chooses the least-waste expander and balances similar node groups", () => {
    expect(values.extraArgs).toMatchObject({ expander: "least-waste", "balance-similar-node-groups": true, "skip-nodes-with-system-pods": true });
  });

  it("meets Pod Security restricted: non-root, RuntimeDefault seccomp, no escalation, no capabilities, read-only root", () => {
    expect(values.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, seccompProfile: { type: "RuntimeDefault" } });
    expect(values.containerSecurityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
  });

  it("runs two replicas in production and one elsewhere", () => {
    expect(values.replicaCount).toBe(1);
    expect(clusterAutoscalerValues({ ...options, highAvailability: true }).replicaCount).toBe(2);
  });
});

describeChart(CLUSTER_AUTOSCALER_CHART, "clusterAutoscalerValues against the cluster-autoscaler 9.59.0 chart", (dir) => {
  const defaults = chartDefaults(dir) as Record<string, any>;

  it.each([true, false])("sets only key paths that exist in values.yaml, flags aside (highAvailability %s)", (highAvailability) => {
    const { extraArgs, ...values } = parse(renderHelmValues(clusterAutoscalerValues({ ...options, highAvailability })));
    expect(unknownValuePaths(values, defaults)).toEqual([]);
    // extraArgs is a map of flags; keep the chart's own three as they are.
    expect(extraArgs).toMatchObject(defaults.extraArgs);
  });

  it("catches a misspelled key", () => {
    const values = parse(renderHelmValues(clusterAutoscalerValues(options)));
    values.autoDiscovery.clustername = "x";
    delete values.extraArgs;
    expect(unknownValuePaths(values, defaults)).toEqual(["autoDiscovery.clustername"]);
  });

  it("relies on the chart's discovery tags, which are the ones the IAM policy conditions on", () => {
    expect(defaults.autoDiscovery.tags).toEqual(["k8s.io/cluster-autoscaler/enabled", "k8s.io/cluster-autoscaler/{{ .Values.autoDiscovery.clusterName }}"]);
    expect(defaults.cloudProvider).toBe("aws");
  });

  it("sets the security contexts the chart leaves empty", () => {
    expect(defaults.securityContext).toEqual({});
    expect(defaults.containerSecurityContext).toEqual({});
  });
});
