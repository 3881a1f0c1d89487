import { Release } from "@cdktf/provider-helm/lib/release";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { Testing } from "cdktf";
import { parse } from "yaml";
import { addHelmChartRelease } from "../../src/platform/helm-chart-release";

describe("addHelmChartRelease", () => {
  describe("with a chart, a namespace and values", () => {
    const synth = Testing.synthScope((scope) => {
      const ns = new NamespaceV1(scope, "ns", { metadata: { name: "demo" } });
      addHelmChartRelease(scope, "release", {
        name: "demo",
        chart: { chart: "demo", version: "1.2.3", repository: "https://charts.example.com" },
        namespace: "demo",
        values: { replicaCount: 2, service: { annotations: { a: "b" } } },
        dependsOn: [ns],
      });
    });
    const release = Object.values(JSON.parse(synth).resource[Release.tfResourceType])[0] as any;

    it("installs the pinned chart version into the existing namespace", () => {
      expect(synth).toHaveResourceWithProperties(Release, {
        name: "demo",
        chart: "demo",
        version: "1.2.3",
        repository: "https://charts.example.com",
        namespace: "demo",
        create_namespace: false,
      });
      expect(release.depends_on).toEqual(["kubernetes_namespace_v1.ns"]);
    });

    it("rolls back a failed install or upgrade and keeps ten revisions", () => {
      expect(synth).toHaveResourceWithProperties(Release, { atomic: true, cleanup_on_fail: true, max_history: 10, timeout: 600 });
    });

    it("passes the values as one YAML document", () => {
      expect(release.values).toHaveLength(1);
      expect(parse(release.values[0])).toEqual({ replicaCount: 2, service: { annotations: { a: "b" } } });
    });
  });
});
