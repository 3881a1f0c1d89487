import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { synthInLandingZoneStack } from "../../test-helpers/landing-zone-scope";
import { dashboardBody, EnvironmentDashboard } from "../../src/observability/environment-dashboard";

const titles = (body: any) => body.widgets.filter((w: any) => w.type === "text").map((w: any) => w.properties.markdown);
const metricsOf = (body: any) => body.widgets.filter((w: any) => w.type === "metric").flatMap((w: any) => w.properties.metrics);

describe("dashboardBody", () => {
  describe("with NAT gateways and a cluster", () => {
    const body: any = dashboardBody({
      region: "us-east-1",
      natGateways: [{ azSuffix: "a", natGatewayId: "nat-0aaa" }, { azSuffix: "b", natGatewayId: "nat-0bbb" }],
      clusterName: "acme-production",
    });

    it("has rows for NAT gateways, nodes, pods and load balancers", () => {
      expect(titles(body)).toEqual(["## NAT gateways", "## Nodes", "## Pods", "## Load balancers (every ALB and NLB of the account and region)"]);
    });

    it("graphs each NAT gateway labelled by its AZ letter", () => {
      expect(metricsOf(body)).toContainEqual(["AWS/NATGateway", "ErrorPortAllocation", "NatGatewayId", "nat-0bbb", { label: "NAT b" }]);
    });

    it("graphs the cluster's Container Insights metrics and the load balancers found by search", () => {
      expect(metricsOf(body)).toContainEqual(["ContainerInsights", "node_cpu_utilization", "ClusterName", "acme-production", { label: "CPU %" }]);
      expect(metricsOf(body)).toContainEqual([expect.objectContaining({ expression: expect.stringMatching(/^SEARCH\('\{AWS\/ApplicationELB,LoadBalancer\}/) })]);
    });

    it("places every widget in the region of the environment, rows below each other", () => {
      const metrics = body.widgets.filter((w: any) => w.type === "metric") as any[];
      expect(metrics.every((w) => w.properties.region === "us-east-1")).toBe(true);
      const ys = (body.widgets as any[]).map((w) => w.y);
      expect(ys).toEqual([...ys].sort((a, b) => a - b));
    });
  });

  describe("without NAT or cluster", () => {
    it("has the load balancer row only", () => {
      expect(titles(dashboardBody({ region: "eu-west-1" }))).toEqual(["## Load balancers (every ALB and NLB of the account and region)"]);
    });
  });
});

describe("EnvironmentDashboard", () => {
  it("names the dashboard after the environment and writes the body as JSON", () => {
    const text = synthInLandingZoneStack((scope) => new EnvironmentDashboard(scope, "dashboard", { dashboardName: "acme-management", region: "us-east-1" }));
    expect(text).toHaveResourceWithProperties(CloudwatchDashboard, { dashboard_name: "acme-management" });
    const body = JSON.parse(JSON.parse(text).resource.aws_cloudwatch_dashboard.dashboard_dashboard.dashboard_body);
    expect(body).toEqual(dashboardBody({ region: "us-east-1" }));
  });
});
