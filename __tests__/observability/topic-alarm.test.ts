import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { synthInLandingZoneStack } from "../../test-helpers/landing-zone-scope";
import { topicAlarm, type TopicAlarmOptions } from "../../src/observability/topic-alarm";

const options: TopicAlarmOptions = {
  alarmName: "acme-x",
  description: "What it means. What to do.",
  topicArn: "arn:aws:sns:us-east-1:111111111111:alerts",
  comparisonOperator: "GreaterThanThreshold",
  threshold: 1,
  evaluationPeriods: 3,
  treatMissingData: "notBreaching",
  namespace: "AWS/Example",
  metricName: "Errors",
  statistic: "Sum",
  period: 60,
};

describe("topicAlarm", () => {
  describe("with a single metric", () => {
    const text = synthInLandingZoneStack((scope) => topicAlarm(scope, "x", options));

    it("notifies the topic on ALARM and on OK, with actions enabled", () => {
      expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: "acme-x",
        alarm_description: "What it means. What to do.",
        actions_enabled: true,
        alarm_actions: ["arn:aws:sns:us-east-1:111111111111:alerts"],
        ok_actions: ["arn:aws:sns:us-east-1:111111111111:alerts"],
      });
    });

    it("alarms only when every evaluated period breaches, unless told otherwise", () => {
      expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, { evaluation_periods: 3, datapoints_to_alarm: 3, treat_missing_data: "notBreaching" });
    });
  });

  describe("with neither a metric nor a query", () => {
    it("refuses to create the alarm", () => {
      expect(() => synthInLandingZoneStack((scope) => topicAlarm(scope, "x", { ...options, namespace: undefined }))).toThrow(
        /x: give either a single metric \(namespace, metricName\) or a metricQuery, not both or neither/,
      );
    });
  });
});
