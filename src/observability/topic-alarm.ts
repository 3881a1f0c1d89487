/**
 * One CloudWatch alarm that notifies a topic on ALARM and on OK (CKV_AWS_319: actions enabled,
 * an alarm action). Every alarm of the project goes through here, so none can forget an action.
 * Pure helper over the provider's resource; no construct of its own.
 */
import { CloudwatchMetricAlarm, type CloudwatchMetricAlarmMetricQuery } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { Construct } from "constructs";

/** What CloudWatch does with periods that have no data points. */
export type TreatMissingData = "missing" | "ignore" | "breaching" | "notBreaching";

/** One alarm: a single metric (`namespace`, `metricName`, `dimensions`, `statistic`) or a metric-math `metricQuery`. */
export interface TopicAlarmOptions {
  /** Alarm name, unique in the account and region: `${namePrefix}-<what>`. */
  readonly alarmName: string;
  /** What the alarm means and what to do: the runbook the recipient reads in the notification. */
  readonly description: string;
  /** Topic notified on ALARM and on OK. */
  readonly topicArn: string;
  readonly comparisonOperator: "GreaterThanOrEqualToThreshold" | "GreaterThanThreshold" | "LessThanThreshold" | "LessThanOrEqualToThreshold";
  readonly threshold: number;
  /** Periods evaluated. */
  readonly evaluationPeriods: number;
  /** Breaching periods among them that raise the alarm. @default evaluationPeriods */
  readonly datapointsToAlarm?: number;
  /** Chosen per alarm: say why where it is set. */
  readonly treatMissingData: TreatMissingData;
  /** Namespace of a single-metric alarm. Conflicts with metricQuery. */
  readonly namespace?: string;
  readonly metricName?: string;
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly statistic?: "Average" | "Sum" | "Minimum" | "Maximum" | "SampleCount";
  /** Seconds per period of a single-metric alarm. */
  readonly period?: number;
  /** Metric math: the queries, one of them `returnData: true`. Conflicts with namespace. */
  readonly metricQuery?: CloudwatchMetricAlarmMetricQuery[];
}

/** Creates the alarm with `id` under `scope`. */
export function topicAlarm(scope: Construct, id: string, options: TopicAlarmOptions): CloudwatchMetricAlarm {
  if ((options.namespace === undefined) === (options.metricQuery === undefined)) {
    throw new Error(`${scope.node.path}/${id}: give either a single metric (namespace, metricName) or a metricQuery, not both or neither`);
  }
  return new CloudwatchMetricAlarm(scope, id, {
    alarmName: options.alarmName,
    alarmDescription: options.description,
    actionsEnabled: true,
    alarmActions: [options.topicArn],
    okActions: [options.topicArn],
    comparisonOperator: options.comparisonOperator,
    threshold: options.threshold,
    evaluationPeriods: options.evaluationPeriods,
    datapointsToAlarm: options.datapointsToAlarm ?? options.evaluationPeriods,
    treatMissingData: options.treatMissingData,
    namespace: options.namespace,
    metricName: options.metricName,
    dimensions: options.dimensions ? { ...options.dimensions } : undefined,
    statistic: options.statistic,
    period: options.period,
    metricQuery: options.metricQuery,
  });
}
