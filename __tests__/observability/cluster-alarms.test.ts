import { synthInLandingZoneStack } from "../../test-helpers/landing-zone-scope";
import { ClusterAlarms, type ClusterAlarmsProps } from "../../src/observability/cluster-alarms";

const topicArn = "arn:aws:sns:us-east-1:222222222222:acme-production-alerts";
const props: ClusterAlarmsProps = { namePrefix: "acme-production", clusterName: "acme-production", topicArn };
const alarmsOf = (p: ClusterAlarmsProps) => JSON.parse(synthInLandingZoneStack((scope) => new ClusterAlarms(scope, "eks", p))).resource.aws_cloudwatch_metric_alarm;

describe("ClusterAlarms", () => {
  describe("with the default thresholds", () => {
    const alarms = alarmsOf(props);
    const alarm = (id: string) => alarms[`eks_${id}`];

    it("creates seven alarms, each notifying the topic on ALARM and OK with a runbook description", () => {
      expect(Object.keys(alarms).sort()).toEqual(
        ["api-server-5xx", "failed-nodes", "insights-silent", "node-cpu", "node-memory", "pending-pods", "pods-not-ready"].map((id) => `eks_${id}`),
      );
      for (const a of Object.values<any>(alarms)) {
        expect(a).toMatchObject({ actions_enabled: true, alarm_actions: [topicArn], ok_actions: [topicArn] });
        expect(a.alarm_description).toMatch(/What to do: /);
        expect(a.alarm_name).toMatch(/^acme-production-eks-/);
      }
    });

    it("alarms at 70 % average node CPU over 15 minutes, as the seed does", () => {
      expect(alarm("node-cpu")).toMatchObject({
        namespace: "ContainerInsights",
        metric_name: "node_cpu_utilization",
        dimensions: { ClusterName: "acme-production" },
        statistic: "Average",
        period: 300,
        evaluation_periods: 3,
        threshold: 70,
        comparison_operator: "GreaterThanThreshold",
        treat_missing_data: "missing",
      });
    });

    it("alarms at 80 % node memory, one failed node, one pending pod and one running pod not Ready", () => {
      expect(alarm("node-memory")).toMatchObject({ metric_name: "node_memory_utilization", threshold: 80 });
      expect(alarm("failed-nodes")).toMatchObject({ metric_name: "cluster_failed_node_count", threshold: 1, comparison_operator: "GreaterThanOrEqualToThreshold" });
      expect(alarm("pending-pods")).toMatchObject({ metric_name: "pod_status_pending", threshold: 1, treat_missing_data: "notBreaching" });
      expect(alarm("pods-not-ready")).toMatchObject({ threshold: 1, treat_missing_data: "notBreaching" });
      expect(alarm("pods-not-ready").metric_query).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: "notready", expression: "FILL(running, 0) - FILL(ready, 0)", return_data: true }),
          expect.objectContaining({ id: "ready", metric: expect.objectContaining({ metric_name: "pod_status_ready", namespace: "ContainerInsights" }) }),
        ]),
      );
    });

    it("alarms on the API server's 5xx responses from the metrics EKS vends", () => {
      expect(alarm("api-server-5xx")).toMatchObject({ namespace: "AWS/EKS", metric_name: "apiserver_request_total_5XX", statistic: "Sum", threshold: 10 });
    });

    it("alarms when Container Insights goes silent, treating missing data as breaching", () => {
      expect(alarm("insights-silent")).toMatchObject({
        metric_name: "cluster_node_count",
        statistic: "SampleCount",
        comparison_operator: "LessThanThreshold",
        threshold: 1,
        treat_missing_data: "breaching",
      });
    });
  });

  describe("with thresholds from the model", () => {
    it("uses them", () => {
      const alarms = alarmsOf({ ...props, thresholds: { nodeCpuPercent: 85, pendingPods: 5, apiServer5xx: 50 } });
      expect(alarms["eks_node-cpu"].threshold).toBe(85);
      expect(alarms["eks_pending-pods"].threshold).toBe(5);
      expect(alarms["eks_api-server-5xx"].threshold).toBe(50);
      expect(alarms["eks_node-memory"].threshold).toBe(80);
    });
  });
});
