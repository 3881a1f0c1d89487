import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { EXTERNAL_DNS_CHART, INGRESS_NGINX_CHART } from "../../src/platform/charts";
import { describeChart } from "../../test-helpers/shared-charts";

describe("charts", () => {
  describe.each([
    ["external-dns", EXTERNAL_DNS_CHART, "1.21.1", "https://kubernetes-sigs.github.io/external-dns/"],
    ["ingress-nginx", INGRESS_NGINX_CHART, "4.15.1", "https://kubernetes.github.io/ingress-nginx"],
  ])("%s", (name, chart, version, repository) => {
    it("is pinned to an exact version from its upstream repository", () => {
      expect(chart).toEqual({ chart: name, version, repository });
    });
  });

  for (const chart of [EXTERNAL_DNS_CHART, INGRESS_NGINX_CHART]) {
    describeChart(chart, `${chart.chart} chart files`, (dir) => {
      it("are the files of the pinned version", () => {
        const meta = parse(readFileSync(join(dir, "Chart.yaml"), "utf8"));
        expect(meta).toMatchObject({ name: chart.chart, version: chart.version });
      });
    });
  }
});
