import { Testing } from "cdktf";
import { buildApp } from "../../src/app";
import { synthInLandingZoneStack } from "../../test-helpers/landing-zone-scope";
import { loadChanged } from "../../test-helpers/model-fixtures";
import { EnvironmentObservability, type EnvironmentObservabilityProps } from "../../src/observability/environment-observability";

const props: EnvironmentObservabilityProps = {
  namePrefix: "acme-production",
  accountId: "222222222222",
  partition: "aws",
  region: "us-east-1",
  alerts: { emails: ["ops@example.com"] },
  natGateways: [{ azSuffix: "a", natGatewayId: "nat-0aaa" }],
  flowLogGroupName: "/aws/vpc/acme-production/flow-logs",
  clusterName: "acme-production",
  ownsAccountSettings: true,
};
const synthOf = (p: Partial<EnvironmentObservabilityProps> = {}) => {
  let construct: EnvironmentObservability | undefined;
  const json = JSON.parse(synthInLandingZoneStack((scope) => (construct = new EnvironmentObservability(scope, "observability", { ...props, ...p }))));
  return { json, construct: construct! };
};
const alarmActions = (json: any) => Object.values<any>(json.resource.aws_cloudwatch_metric_alarm ?? {}).map((a) => a.alarm_actions);

describe("EnvironmentObservability", () => {
  describe("with alerts, a NAT gateway and a cluster, owning the account's settings", () => {
    const { json, construct } = synthOf();

    it("sends every alarm and the findings rule to its own encrypted topic", () => {
      expect(construct.topicArn).toBe(construct.topic!.topicArn);
      const topicRef = "${aws_sns_topic.observability_alert-topic_topic.arn}";
      expect(alarmActions(json)).toHaveLength(2 + 1 + 7);
      expect(alarmActions(json).every((a) => a.length === 1 && a[0] === topicRef)).toBe(true);
      expect(json.resource.aws_cloudwatch_event_target["observability_guardduty-findings_topic"].arn).toBe(topicRef);
    });

    it("holds the GuardDuty detector and routes every finding of the account", () => {
      expect(Object.keys(json.resource.aws_guardduty_detector)).toEqual(["observability_guardduty_detector"]);
      expect(JSON.parse(json.resource.aws_cloudwatch_event_rule["observability_guardduty-findings_rule"].event_pattern).detail.resource).toBeUndefined();
      expect(json.removed).toBeUndefined();
    });

    it("builds the dashboard", () => {
      expect(json.resource.aws_cloudwatch_dashboard.observability_dashboard_dashboard.dashboard_name).toBe("acme-production");
    });
  });

  describe("in a stack that does not own the account's settings", () => {
    const { json } = synthOf({ ownsAccountSettings: false });

    it("holds no detector and forgets one it held, without destroying it", () => {
      expect(json.resource.aws_guardduty_detector).toBeUndefined();
      expect(json.removed).toEqual([
        { from: "aws_guardduty_detector.observability_guardduty_detector", lifecycle: [{ destroy: false }] },
        { from: "aws_guardduty_detector_feature.observability_guardduty_eks-audit-logs", lifecycle: [{ destroy: false }] },
        { from: "aws_guardduty_detector_feature.observability_guardduty_runtime-monitoring", lifecycle: [{ destroy: false }] },
      ]);
    });

    it("routes only the findings about its own cluster", () => {
      const pattern = JSON.parse(json.resource.aws_cloudwatch_event_rule["observability_guardduty-findings_rule"].event_pattern);
      expect(pattern.detail.resource).toEqual({ eksClusterDetails: { name: ["acme-production"] } });
    });

    it("routes no finding at all without a cluster (the owner's recipients get the account's)", () => {
      expect(synthOf({ ownsAccountSettings: false, clusterName: undefined }).json.resource.aws_cloudwatch_event_rule).toBeUndefined();
    });
  });

  describe("with an existing topic", () => {
    const topicArn = "arn:aws:sns:us-east-1:222222222222:chat-alerts";
    const { json, construct } = synthOf({ alerts: { topicArn } });

    it("creates no topic or key and sends every alarm there", () => {
      expect(json.resource.aws_sns_topic).toBeUndefined();
      expect(json.resource.aws_kms_key).toBeUndefined();
      expect(construct.topicArn).toBe(topicArn);
      expect(alarmActions(json).every((a) => a[0] === topicArn)).toBe(true);
    });

    it("refuses emails beside it", () => {
      expect(() => synthOf({ alerts: { topicArn, emails: ["ops@example.com"] } })).toThrow(
        /observability: alerts give both topicArn and emails; subscribe the addresses to arn:aws:sns:us-east-1:222222222222:chat-alerts or drop topicArn/,
      );
    });
  });

  describe("without alerts", () => {
    const { json, construct } = synthOf({ alerts: undefined });

    it("creates no topic, alarm or findings rule, and keeps the detector and the dashboard", () => {
      expect(construct.topicArn).toBeUndefined();
      for (const type of ["aws_sns_topic", "aws_cloudwatch_metric_alarm", "aws_cloudwatch_event_rule"]) expect(json.resource[type]).toBeUndefined();
      expect(json.resource.aws_guardduty_detector).toBeDefined();
      expect(json.resource.aws_cloudwatch_dashboard).toBeDefined();
    });
  });
});

describe("EnvironmentStack's observability", () => {
  const zone = buildApp(Testing.app(), loadChanged((f) => (f.environments.development.alerts = "none")));

  it("exposes each environment's alert topic ARN, for alarms built elsewhere (the VPN's)", () => {
    const production = zone.environments.get("production")!.observability;
    expect(production.topicArn).toBe(production.topic!.topicArn);
  });

  it("exposes no topic ARN for an environment with alerts: none", () => {
    expect(zone.environments.get("development")!.observability.topicArn).toBeUndefined();
  });
});
