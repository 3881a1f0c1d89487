/**
 * The "flow-log delivery" alarm. VPC Flow Logs publish no CloudWatch metric for delivery errors:
 * a failure shows only as DeliverLogsStatus FAILED with DeliverLogsErrorMessage ("Rate limited",
 * "Access error", "Unknown error") in DescribeFlowLogs (EC2 API Reference, FlowLog). What
 * CloudWatch does measure is what reaches the log group: AWS/Logs IncomingLogEvents, dimension
 * LogGroupName. So this alarm fires when no flow-log record reached the group for an hour, which
 * catches every delivery failure (and also a VPC with no traffic at all, which the description says).
 */
import { Construct } from "constructs";
import { topicAlarm } from "./topic-alarm";

export interface FlowLogAlarmProps {
  /** `${organization}-${environment}`: the alarm is `${namePrefix}-flow-logs-silent`. */
  readonly namePrefix: string;
  /** The flow logs' log group. */
  readonly logGroupName: string;
  /** Topic notified on ALARM and OK. */
  readonly topicArn: string;
  /** Seconds without a record before the alarm. @default 3600 */
  readonly silenceSeconds?: number;
}

export class FlowLogAlarm extends Construct {
  constructor(scope: Construct, id: string, props: FlowLogAlarmProps) {
    super(scope, id);
    const seconds = props.silenceSeconds ?? 3600;
    topicAlarm(this, "flow-logs-silent", {
      alarmName: `${props.namePrefix}-flow-logs-silent`,
      description:
        `No VPC flow-log record reached ${props.logGroupName} for ${seconds / 60} minutes (AWS/Logs IncomingLogEvents). Flow-log delivery has most likely failed: ` +
        `the network has no audit trail. What to do: aws ec2 describe-flow-logs --filter Name=log-group-name,Values=${props.logGroupName} and read ` +
        `DeliverLogsStatus / DeliverLogsErrorMessage ("Access error": the delivery role or the logs KMS key policy; "Rate limited": CloudWatch Logs quotas). ` +
        `A VPC with no traffic at all also triggers it.`,
      topicArn: props.topicArn,
      namespace: "AWS/Logs",
      metricName: "IncomingLogEvents",
      dimensions: { LogGroupName: props.logGroupName },
      statistic: "Sum",
      period: seconds,
      evaluationPeriods: 1,
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
      // CloudWatch publishes no data point for a period without events: missing data is the silence this alarm watches for.
      treatMissingData: "breaching",
    });
  }
}
