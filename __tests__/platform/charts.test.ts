import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { CLUSTER_AUTOSCALER_CHART, EXTERNAL_DNS_CHART, INGRESS_NGINX_CHART, KARPENTER_CHART, KARPENTER_CRD_CHART } from "../../src/platform/charts";
import { describeChart } from "../../test-helpers/shared-charts";

describe("charts", () => {
  describe.each([
    ["external-dns", EXTERNAL_DNS_CHART, "1.21.1", "https://kubernetes-sigs.github.io/external-dns/"],
    ["ingress-nginx", INGRESS_NGINX_CHART, "4.15.1", "https://kubernetes.github.io/ingress-nginx"],
    ["karpenter", KARPENTER_CHART, "1.14.1", "oci://public.ecr.aws/karpenter"],
    ["karpenter-crd", KARPENTER_CRD_CHART, "1.14.1", "oci://public.ecr.aws/karpenter"],
    ["cluster-autoscaler", CLUSTER_AUTOSCALER_CHART, "9.59.0", "https://kubernetes.github.io/autoscaler"],
  ])("%s", (name, chart, version, repository) => {
    it("is pinned to an exact version from its upstream repository", () => {
      expect(chart).toEqual({ chart: name, version, repository });
    });
  });

  // Not Karpenter's: the tag's Chart.yaml copies still say 1.13.0 (../shared/charts/README.md).
  for (const chart of [EXTERNAL_DNS_CHART, INGRESS_NGINX_CHART, CLUSTER_AUTOSCALER_CHART]) {
    describeChart(chart, `${chart.chart} chart files`, (dir) => {
      it("are the files of the pinned version", () => {
        const meta = parse(readFileSync(join(dir, "Chart.yaml"), "utf8"));
        expect(meta).toMatchObject({ name: chart.chart, version: chart.version });
      });
    });
  }
});
