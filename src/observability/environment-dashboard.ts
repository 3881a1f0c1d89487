/**
 * A CloudWatch dashboard per environment: NAT gateways, the cluster's nodes and pods (Container
 * Insights), and load balancers. The load balancers are the ones the AWS Load Balancer
 * Controller creates at run time, so their names are unknown at synth: their widgets use
 * CloudWatch metric SEARCH expressions over AWS/ApplicationELB and AWS/NetworkELB, which show
 * every load balancer of the account and region.
 */
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { Construct } from "constructs";
import type { AlarmedNatGateway } from "./nat-gateway-alarms";

export interface EnvironmentDashboardProps {
  /** `${organization}-${environment}`: the dashboard's name. */
  readonly dashboardName: string;
  /** Region of the metrics. */
  readonly region: string;
  /** NAT gateways by AZ letter. @default - none (no NAT row) */
  readonly natGateways?: readonly AlarmedNatGateway[];
  /** The EKS cluster. @default - none (no node and pod rows) */
  readonly clusterName?: string;
}

type Metric = (string | Record<string, unknown>)[];

interface Widget {
  readonly title: string;
  readonly metrics?: Metric[];
  readonly stat?: string;
}

const WIDTH = 8;
const HEIGHT = 6;

/** The dashboard body: rows of three graph widgets. */
export function dashboardBody(props: Omit<EnvironmentDashboardProps, "dashboardName">): Record<string, unknown> {
  const rows: { title: string; widgets: Widget[] }[] = [];
  const nats = props.natGateways ?? [];
  if (nats.length > 0) {
    const perNat = (metric: string): Metric[] => nats.map((n) => ["AWS/NATGateway", metric, "NatGatewayId", n.natGatewayId, { label: `NAT ${n.azSuffix}` }]);
    rows.push({
      title: "NAT gateways",
      widgets: [
        { title: "Bytes out to destinations", metrics: perNat("BytesOutToDestination"), stat: "Sum" },
        { title: "Port allocation errors", metrics: perNat("ErrorPortAllocation"), stat: "Sum" },
        { title: "Packets dropped", metrics: perNat("PacketsDropCount"), stat: "Sum" },
      ],
    });
  }
  if (props.clusterName !== undefined) {
    const cluster = (metric: string, label: string): Metric => ["ContainerInsights", metric, "ClusterName", props.clusterName!, { label }];
    rows.push({
      title: "Nodes",
      widgets: [
        { title: "Node CPU utilisation (%)", metrics: [cluster("node_cpu_utilization", "CPU %")], stat: "Average" },
        { title: "Node memory utilisation (%)", metrics: [cluster("node_memory_utilization", "memory %")], stat: "Average" },
        {
          title: "Nodes and failed nodes",
          metrics: [cluster("cluster_node_count", "nodes"), cluster("cluster_failed_node_count", "failed")],
          stat: "Maximum",
        },
      ],
    });
    rows.push({
      title: "Pods",
      widgets: [
        {
          title: "Pods by status",
          metrics: [cluster("pod_status_running", "running"), cluster("pod_status_ready", "ready"), cluster("pod_status_pending", "pending")],
          stat: "Maximum",
        },
        { title: "Running pods", metrics: [cluster("cluster_number_of_running_pods", "running pods")], stat: "Maximum" },
        {
          title: "API server 5xx",
          metrics: [["AWS/EKS", "apiserver_request_total_5XX", "ClusterName", props.clusterName, { label: "5xx" }]],
          stat: "Sum",
        },
      ],
    });
  }
  const search = (id: string, expression: string, label: string): Metric => [{ expression, id, label }];
  rows.push({
    title: "Load balancers (every ALB and NLB of the account and region)",
    widgets: [
      {
        title: "ALB requests",
        metrics: [search("alb_requests", "SEARCH('{AWS/ApplicationELB,LoadBalancer} MetricName=\"RequestCount\"', 'Sum', 300)", "requests")],
      },
      {
        title: "ALB 5xx (load balancer and targets)",
        metrics: [
          search("alb_elb_5xx", "SEARCH('{AWS/ApplicationELB,LoadBalancer} MetricName=\"HTTPCode_ELB_5XX_Count\"', 'Sum', 300)", "ELB 5xx"),
          search("alb_target_5xx", "SEARCH('{AWS/ApplicationELB,LoadBalancer} MetricName=\"HTTPCode_Target_5XX_Count\"', 'Sum', 300)", "target 5xx"),
        ],
      },
      {
        title: "NLB unhealthy targets",
        metrics: [search("nlb_unhealthy", "SEARCH('{AWS/NetworkELB,LoadBalancer,TargetGroup} MetricName=\"UnHealthyHostCount\"', 'Maximum', 300)", "unhealthy")],
      },
    ],
  });

  const widgets: Record<string, unknown>[] = [];
  let y = 0;
  for (const row of rows) {
    widgets.push({ type: "text", x: 0, y, width: 3 * WIDTH, height: 1, properties: { markdown: `## ${row.title}` } });
    y += 1;
    row.widgets.forEach((w, i) => {
      widgets.push({
        type: "metric",
        x: i * WIDTH,
        y,
        width: WIDTH,
        height: HEIGHT,
        properties: { title: w.title, region: props.region, view: "timeSeries", stacked: false, period: 300, ...(w.stat ? { stat: w.stat } : {}), metrics: w.metrics },
      });
    });
    y += HEIGHT;
  }
  return { widgets };
}

export class EnvironmentDashboard extends Construct {
  /** Name of the dashboard. */
  public readonly dashboardName: string;

  constructor(scope: Construct, id: string, props: EnvironmentDashboardProps) {
    super(scope, id);
    this.dashboardName = props.dashboardName;
    new CloudwatchDashboard(this, "dashboard", {
      dashboardName: props.dashboardName,
      dashboardBody: JSON.stringify(dashboardBody(props)),
    });
  }
}
