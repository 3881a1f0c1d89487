import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { synthInLandingZoneStack } from "../../test-helpers/landing-zone-scope";
import { FlowLogAlarm } from "../../src/observability/flow-log-alarm";

const topicArn = "arn:aws:sns:us-east-1:222222222222:acme-production-alerts";

describe("FlowLogAlarm", () => {
  describe("with the default hour of silence", () => {
    const text = synthInLandingZoneStack(
      (scope) => new FlowLogAlarm(scope, "flow", { namePrefix: "acme-production", logGroupName: "/aws/vpc/acme-production/flow-logs", topicArn }),
    );

    it("alarms when no record reached the flow logs' group for an hour, missing data counting as silence", () => {
      expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: "acme-production-flow-logs-silent",
        namespace: "AWS/Logs",
        metric_name: "IncomingLogEvents",
        dimensions: { LogGroupName: "/aws/vpc/acme-production/flow-logs" },
        statistic: "Sum",
        period: 3600,
        comparison_operator: "LessThanThreshold",
        threshold: 1,
        treat_missing_data: "breaching",
        alarm_actions: [topicArn],
        ok_actions: [topicArn],
      });
    });

    it("tells the recipient where the delivery error is read", () => {
      expect(JSON.parse(text).resource.aws_cloudwatch_metric_alarm["flow_flow-logs-silent"].alarm_description).toMatch(
        /What to do: aws ec2 describe-flow-logs .*DeliverLogsErrorMessage/,
      );
    });
  });
});
