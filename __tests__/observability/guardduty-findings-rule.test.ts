import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { synthInLandingZoneStack } from "../../test-helpers/landing-zone-scope";
import { GuardDutyFindingsRule, guardDutyFindingsPattern } from "../../src/observability/guardduty-findings-rule";

const topicArn = "arn:aws:sns:us-east-1:222222222222:acme-production-alerts";
const synthOf = (clusterName?: string) =>
  synthInLandingZoneStack((scope) => new GuardDutyFindingsRule(scope, "findings", { namePrefix: "acme-production", topicArn, clusterName }));

describe("GuardDutyFindingsRule", () => {
  describe("for the whole account", () => {
    const text = synthOf();
    const rule = JSON.parse(text).resource.aws_cloudwatch_event_rule.findings_rule;

    it("matches GuardDuty findings of severity 4 (medium) and higher", () => {
      expect(rule.name).toBe("acme-production-guardduty-findings");
      expect(JSON.parse(rule.event_pattern)).toEqual({
        source: ["aws.guardduty"],
        "detail-type": ["GuardDuty Finding"],
        detail: { severity: [{ numeric: [">=", 4] }] },
      });
    });

    it("sends them to the topic as a readable message that says what to do", () => {
      expect(text).toHaveResourceWithProperties(CloudwatchEventTarget, {
        rule: "${aws_cloudwatch_event_rule.findings_rule.name}",
        arn: topicArn,
        input_transformer: {
          input_paths: expect.objectContaining({ severity: "$.detail.severity", type: "$.detail.type", id: "$.detail.id" }),
          input_template: expect.stringMatching(/^"GuardDuty finding <type> \(severity <severity>\).*What to do: .*"$/),
        },
      });
    });
  });

  describe("for one cluster", () => {
    it("matches only findings about that cluster", () => {
      const rule = JSON.parse(synthOf("acme-production")).resource.aws_cloudwatch_event_rule.findings_rule;
      expect(JSON.parse(rule.event_pattern).detail).toEqual({
        severity: [{ numeric: [">=", 4] }],
        resource: { eksClusterDetails: { name: ["acme-production"] } },
      });
      expect(rule.description).toMatch(/EKS cluster acme-production/);
    });
  });
});

describe("guardDutyFindingsPattern", () => {
  it("takes another minimum severity", () => {
    expect(guardDutyFindingsPattern(7).detail).toEqual({ severity: [{ numeric: [">=", 7] }] });
  });
});
