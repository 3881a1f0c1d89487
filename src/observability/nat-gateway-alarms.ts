/**
 * Alarms of an environment's NAT gateways, two per gateway, keyed by the AZ letter of the gateway
 * (`nat-a-port-allocation`), so adding an AZ never renames another gateway's alarms.
 * Metrics: AWS/NATGateway, dimension NatGatewayId, one data point a minute ("Monitor NAT
 * gateways with CloudWatch", Amazon VPC User Guide); thresholds follow CloudWatch's recommended
 * alarms for NAT gateways (ErrorPortAllocation > 0; PacketsDropCount above 0.01 % of the
 * packets in).
 */
import { Construct } from "constructs";
import { topicAlarm } from "./topic-alarm";

/** One NAT gateway. */
export interface AlarmedNatGateway {
  /** Letter of its AZ (`a`): the key of its alarms. */
  readonly azSuffix: string;
  /** Its id (a token of the aws_nat_gateway). */
  readonly natGatewayId: string;
}

export interface NatGatewayAlarmsProps {
  /** `${organization}-${environment}`: alarm names start with it. */
  readonly namePrefix: string;
  /** The gateways. */
  readonly natGateways: readonly AlarmedNatGateway[];
  /** Topic notified on ALARM and OK. */
  readonly topicArn: string;
  /** Dropped packets, in percent of the packets received, that raise the alarm. @default 0.01 */
  readonly packetDropPercent?: number;
  /** Where the flow logs of the VPC are, for the runbooks. @default - not named */
  readonly flowLogGroupName?: string;
}

export class NatGatewayAlarms extends Construct {
  constructor(scope: Construct, id: string, props: NatGatewayAlarmsProps) {
    super(scope, id);
    const flowLogs = props.flowLogGroupName ? ` (flow logs: ${props.flowLogGroupName})` : "";
    const dropPercent = props.packetDropPercent ?? 0.01;
    for (const nat of props.natGateways) {
      const az = nat.azSuffix;
      const dimensions = { NatGatewayId: nat.natGatewayId };
      topicAlarm(this, `nat-${az}-port-allocation`, {
        alarmName: `${props.namePrefix}-nat-${az}-port-allocation`,
        description:
          `NAT gateway of AZ ${az} could not allocate source ports (ErrorPortAllocation > 0 in every minute for 15 minutes): ` +
          `connections from the private subnets fail. It has 55,000 simultaneous connections to one destination IP and port. ` +
          `What to do: find the sources opening many connections to one destination in the VPC flow logs${flowLogs}; make them reuse ` +
          `connections (keep-alive, pools) or spread over destinations; add secondary IPv4 addresses to the NAT gateway, or use nat: perAz.`,
        topicArn: props.topicArn,
        namespace: "AWS/NATGateway",
        metricName: "ErrorPortAllocation",
        dimensions,
        statistic: "Sum",
        period: 60,
        evaluationPeriods: 15,
        comparisonOperator: "GreaterThanThreshold",
        threshold: 0,
        // A gateway with no traffic publishes no data points: no traffic is no port-allocation error.
        treatMissingData: "notBreaching",
      });
      topicAlarm(this, `nat-${az}-packets-dropped`, {
        alarmName: `${props.namePrefix}-nat-${az}-packets-dropped`,
        description:
          `NAT gateway of AZ ${az} dropped more than ${dropPercent} % of the packets it received in 5 consecutive minutes ` +
          `(PacketsDropCount / (PacketsInFromSource + PacketsInFromDestination)). What to do: check the AWS Health Dashboard ` +
          `for a NAT gateway event in the region; check whether traffic exceeds the gateway's bandwidth (BytesOutToDestination); ` +
          `if it persists without either, open an AWS support case with the gateway id.`,
        topicArn: props.topicArn,
        metricQuery: [
          natMetric("drops", "PacketsDropCount", dimensions),
          natMetric("insource", "PacketsInFromSource", dimensions),
          natMetric("indestination", "PacketsInFromDestination", dimensions),
          {
            id: "droppercent",
            label: "Dropped packets (%)",
            expression: "100 * drops / (insource + indestination)",
            returnData: true,
          },
        ],
        evaluationPeriods: 5,
        comparisonOperator: "GreaterThanThreshold",
        threshold: dropPercent,
        // No packets in, no data points: nothing was dropped.
        treatMissingData: "notBreaching",
      });
    }
  }
}

function natMetric(id: string, metricName: string, dimensions: Record<string, string>) {
  return {
    id,
    returnData: false,
    metric: { namespace: "AWS/NATGateway", metricName, dimensions, stat: "Sum", period: 60 },
  };
}
