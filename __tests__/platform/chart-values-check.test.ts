import { unknownValuePaths } from "../../src/platform/chart-values-check";

const defaults = {
  replicaCount: 1,
  image: { repository: "registry.k8s.io/x", tag: null },
  podAnnotations: {},
  service: { type: "ClusterIP", annotations: {}, ports: { http: 80 } },
  sources: ["service"],
};

describe("unknownValuePaths", () => {
  describe("with keys the chart has", () => {
    it("finds nothing for scalars, nested maps and lists that exist", () => {
      const values = { replicaCount: 2, image: { tag: "v1" }, service: { type: "LoadBalancer", ports: { http: 8080 } }, sources: ["ingress"] };
      expect(unknownValuePaths(values, defaults)).toEqual([]);
    });

    it("accepts any key below a map that is empty in the chart's defaults", () => {
      const values = { podAnnotations: { "prometheus.io/scrape": "true" }, service: { annotations: { a: { deep: "x" } } } };
      expect(unknownValuePaths(values, defaults)).toEqual([]);
    });

    it("does not look inside lists", () => {
      expect(unknownValuePaths({ sources: [{ anything: true }] }, defaults)).toEqual([]);
    });
  });

  describe("with keys the chart does not have", () => {
    it("reports a misspelled top-level key by its path", () => {
      expect(unknownValuePaths({ replicaCuont: 2 }, defaults)).toEqual(["replicaCuont"]);
    });

    it("reports a misspelled nested key by its dotted path", () => {
      expect(unknownValuePaths({ service: { typ: "LoadBalancer", ports: { htp: 80 } } }, defaults)).toEqual([
        "service.typ",
        "service.ports.htp",
      ]);
    });

    it("reports keys set below a scalar or null default", () => {
      expect(unknownValuePaths({ image: { tag: { major: 1 } }, replicaCount: { min: 1 } }, defaults)).toEqual([
        "image.tag.major",
        "replicaCount.min",
      ]);
    });
  });
});
