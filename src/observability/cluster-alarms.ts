/**
 * Alarms of an EKS cluster.
 * - From Container Insights (namespace ContainerInsights, dimension ClusterName, published by the
 *   amazon-cloudwatch-observability add-on once a minute): node CPU and memory utilisation,
 *   failed nodes, pending pods, running pods that are not Ready, and Container Insights itself
 *   going silent. The names and the ClusterName-only dimension set are those of the CloudWatch
 *   "Container Insights with enhanced observability" metrics for EKS, as the CloudWatch agent's
 *   own integration test (aws/amazon-cloudwatch-agent-test, metric_value_benchmark) expects them.
 * - From the metrics EKS vends for free on Kubernetes 1.28 and later (namespace AWS/EKS,
 *   "Monitor cluster data with Amazon CloudWatch", EKS User Guide): apiserver_request_total_5XX.
 */
import { Construct } from "constructs";
import { topicAlarm } from "./topic-alarm";

/** Thresholds of the cluster alarms. */
export interface ClusterAlarmThresholds {
  /** Average node CPU utilisation (%) over 15 minutes. @default 70 */
  readonly nodeCpuPercent?: number;
  /** Average node memory utilisation (%) over 15 minutes. @default 80 */
  readonly nodeMemoryPercent?: number;
  /** Failed nodes during 5 minutes. @default 1 */
  readonly failedNodes?: number;
  /** Pods Pending during 15 minutes. @default 1 */
  readonly pendingPods?: number;
  /** Running pods not Ready during 15 minutes. @default 1 */
  readonly notReadyPods?: number;
  /** API server 5xx responses in 5 minutes. @default 10 */
  readonly apiServer5xx?: number;
}

export interface ClusterAlarmsProps {
  /** `${organization}-${environment}`: alarm names start with it. */
  readonly namePrefix: string;
  /** Name of the EKS cluster (the ClusterName dimension). */
  readonly clusterName: string;
  /** Topic notified on ALARM and OK. */
  readonly topicArn: string;
  /** Thresholds. @default - each as documented on ClusterAlarmThresholds */
  readonly thresholds?: ClusterAlarmThresholds;
}

const INSIGHTS = "ContainerInsights";

export class ClusterAlarms extends Construct {
  constructor(scope: Construct, id: string, props: ClusterAlarmsProps) {
    super(scope, id);
    const t = props.thresholds ?? {};
    const cluster = props.clusterName;
    const dimensions = { ClusterName: cluster };
    const base = { topicArn: props.topicArn };
    const name = (what: string) => `${props.namePrefix}-eks-${what}`;
    const cpu = t.nodeCpuPercent ?? 70;
    const memory = t.nodeMemoryPercent ?? 80;
    const failed = t.failedNodes ?? 1;
    const pending = t.pendingPods ?? 1;
    const notReady = t.notReadyPods ?? 1;
    const apiErrors = t.apiServer5xx ?? 10;

    topicAlarm(this, "node-cpu", {
      ...base,
      alarmName: name("node-cpu"),
      description:
        `Nodes of ${cluster} averaged more than ${cpu} % CPU for 15 minutes (node_cpu_utilization). Pods get throttled and new ones may not fit. ` +
        `What to do: kubectl top nodes / kubectl top pods -A to find the consumers; raise the node group's max (or let the autoscaler add nodes); ` +
        `set CPU requests and limits on the heavy workloads.`,
      namespace: INSIGHTS,
      metricName: "node_cpu_utilization",
      dimensions,
      statistic: "Average",
      period: 300,
      evaluationPeriods: 3,
      comparisonOperator: "GreaterThanThreshold",
      threshold: cpu,
      // Missing data means the agent is not reporting: the insights-silent alarm says so; this
      // alarm keeps its last state rather than guessing either way.
      treatMissingData: "missing",
    });
    topicAlarm(this, "node-memory", {
      ...base,
      alarmName: name("node-memory"),
      description:
        `Nodes of ${cluster} averaged more than ${memory} % memory for 15 minutes (node_memory_utilization). The kubelet will evict pods and the kernel may OOM-kill containers. ` +
        `What to do: kubectl top pods -A --sort-by=memory; add nodes (node group max, autoscaler) or larger instance types; set memory requests and limits.`,
      namespace: INSIGHTS,
      metricName: "node_memory_utilization",
      dimensions,
      statistic: "Average",
      period: 300,
      evaluationPeriods: 3,
      comparisonOperator: "GreaterThanThreshold",
      threshold: memory,
      // As node-cpu: silence is reported by the insights-silent alarm.
      treatMissingData: "missing",
    });
    topicAlarm(this, "failed-nodes", {
      ...base,
      alarmName: name("failed-nodes"),
      description:
        `${cluster} had at least ${failed} failed node(s) (a node condition such as NotReady, MemoryPressure, DiskPressure; cluster_failed_node_count) in every minute for 5 minutes. ` +
        `What to do: kubectl get nodes; kubectl describe node <node> for its conditions; check the instance in EC2 (status checks); ` +
        `cordon and drain it, or terminate it so the node group replaces it.`,
      namespace: INSIGHTS,
      metricName: "cluster_failed_node_count",
      dimensions,
      statistic: "Maximum",
      period: 60,
      evaluationPeriods: 5,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: failed,
      // The agent reports the count every minute while it runs; silence is the insights-silent alarm's.
      treatMissingData: "notBreaching",
    });
    topicAlarm(this, "pending-pods", {
      ...base,
      alarmName: name("pending-pods"),
      description:
        `${cluster} had at least ${pending} pod(s) Pending for 15 minutes (pod_status_pending): they cannot be scheduled or their images not pulled. ` +
        `What to do: kubectl get pods -A --field-selector=status.phase=Pending; kubectl describe pod <pod> for the event (Insufficient cpu/memory: add nodes; ` +
        `unbound PersistentVolumeClaim: check the EBS CSI driver; taints or affinity: fix the pod spec).`,
      namespace: INSIGHTS,
      metricName: "pod_status_pending",
      dimensions,
      statistic: "Maximum",
      period: 300,
      evaluationPeriods: 3,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: pending,
      // No data point when no pod is Pending: that is the healthy case.
      treatMissingData: "notBreaching",
    });
    topicAlarm(this, "pods-not-ready", {
      ...base,
      alarmName: name("pods-not-ready"),
      description:
        `${cluster} had at least ${notReady} running pod(s) that were not Ready for 15 minutes (pod_status_running - pod_status_ready): ` +
        `their readiness probes fail, so Services send them no traffic. What to do: kubectl get pods -A | grep -v '1/1\\|2/2\\|3/3\\|Completed'; ` +
        `kubectl describe pod <pod> and kubectl logs <pod> for the failing probe; roll back the last deployment if it started then.`,
      metricQuery: [
        insightsMetric("running", "pod_status_running", dimensions),
        insightsMetric("ready", "pod_status_ready", dimensions),
        { id: "notready", label: "Running pods not Ready", expression: "FILL(running, 0) - FILL(ready, 0)", returnData: true },
      ],
      evaluationPeriods: 3,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: notReady,
      // Both series missing means the agent is silent: the insights-silent alarm reports that.
      treatMissingData: "notBreaching",
    });
    topicAlarm(this, "api-server-5xx", {
      ...base,
      alarmName: name("api-server-5xx"),
      description:
        `The Kubernetes API server of ${cluster} answered at least ${apiErrors} requests with 5xx in 5 minutes (AWS/EKS apiserver_request_total_5XX). ` +
        `Controllers, kubectl and deployments fail. What to do: check the AWS Health Dashboard for EKS in the region; look for failing admission ` +
        `webhooks (kubectl get validatingwebhookconfigurations,mutatingwebhookconfigurations; the API server's log group /aws/eks/${cluster}/cluster); ` +
        `if neither explains it, open an AWS support case.`,
      namespace: "AWS/EKS",
      metricName: "apiserver_request_total_5XX",
      dimensions,
      statistic: "Sum",
      period: 300,
      evaluationPeriods: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: apiErrors,
      // EKS publishes the metric when there are requests; no data point means no 5xx.
      treatMissingData: "notBreaching",
    });
    topicAlarm(this, "insights-silent", {
      ...base,
      alarmName: name("insights-silent"),
      description:
        `Container Insights sent no node count for ${cluster} for 15 minutes (cluster_node_count): the node, pod and failed-node alarms above are blind. ` +
        `What to do: kubectl -n amazon-cloudwatch get pods; aws eks describe-addon --cluster-name ${cluster} --addon-name amazon-cloudwatch-observability ` +
        `for its health; check the agent's IAM role (irsa-cw-agent) and its logs (kubectl -n amazon-cloudwatch logs ds/cloudwatch-agent).`,
      namespace: INSIGHTS,
      metricName: "cluster_node_count",
      dimensions,
      statistic: "SampleCount",
      period: 300,
      evaluationPeriods: 3,
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
      // Missing data is exactly what this alarm watches for.
      treatMissingData: "breaching",
    });
  }
}

function insightsMetric(id: string, metricName: string, dimensions: Record<string, string>) {
  return { id, returnData: false, metric: { namespace: INSIGHTS, metricName, dimensions, stat: "Maximum", period: 300 } };
}
