import { Release } from "@cdktf/provider-helm/lib/release";
import { Testing } from "cdktf";
import { parse } from "yaml";
import { expectReleaseAfterNamespace, expectRestrictedNamespace } from "../../../test-helpers/addon-assertions";
import { ClusterAutoscaler } from "./cluster-autoscaler";

describe("ClusterAutoscaler", () => {
  const text = Testing.synthScope(
    (scope) => new ClusterAutoscaler(scope, "cluster-autoscaler", { clusterName: "acme-production", region: "us-east-1", roleArn: "arn:aws:iam::222222222222:role/r", highAvailability: true }),
  );
  const release = Object.values(JSON.parse(text).resource[Release.tfResourceType])[0] as { values: string[]; depends_on: string[] };

  it("creates the cluster-autoscaler namespace, Pod Security restricted", () => {
    expectRestrictedNamespace(text, "cluster-autoscaler");
  });

  it("installs the pinned chart 9.59.0 into it, after the namespace", () => {
    expectReleaseAfterNamespace(text, release, {
      name: "cluster-autoscaler",
      chart: "cluster-autoscaler",
      version: "9.59.0",
      repository: "https://kubernetes.github.io/autoscaler",
      namespace: "cluster-autoscaler",
    });
  });

  it("renders two replicas and auto-discovery by the cluster's name into the release", () => {
    expect(parse(release.values[0])).toMatchObject({ replicaCount: 2, autoDiscovery: { clusterName: "acme-production" }, podDisruptionBudget: { maxUnavailable: 1 } });
  });
});
