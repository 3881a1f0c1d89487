import { evaluateStack } from "../../../src/policy/engine";
import { monitoringRules } from "../../../src/policy/rules/monitoring-rules";
import { itChecksEveryRuleAgainstItsFixtures, stack, type Part, type RuleCases } from "../../../test-helpers/policy-fixtures";

const accountRoot = { sid: "Account", effect: "Allow", actions: ["kms:*"], resources: ["*"], principals: [{ type: "AWS", identifiers: ["arn:aws:iam::111111111111:root"] }] };
const serviceUse = (service: string, actions = ["kms:Decrypt", "kms:GenerateDataKey*"]) => ({
  effect: "Allow",
  actions,
  resources: ["*"],
  principals: [{ type: "Service", identifiers: [service] }],
  condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: ["111111111111"] }],
});
const publish = (service: string) => ({
  effect: "Allow",
  actions: ["sns:Publish"],
  resources: ["${aws_sns_topic.alerts.arn}"],
  principals: [{ type: "Service", identifiers: [service] }],
});
/** A key, a topic encrypted with it, and a topic policy letting `publishers` publish. */
const encryptedTopic = (keyStatements: unknown[], publishers: string[], topic: Record<string, unknown> = {}): Part[] => [
  ["data.aws_iam_policy_document", "key-policy", { statement: keyStatements }],
  ["aws_kms_key", "alerts", { enable_key_rotation: true, policy: "${data.aws_iam_policy_document.key-policy.json}" }],
  ["aws_sns_topic", "alerts", { name: "alerts", kms_master_key_id: "${aws_kms_key.alerts.arn}", ...topic }],
  ["data.aws_iam_policy_document", "topic-policy", { statement: publishers.map(publish) }],
  ["aws_sns_topic_policy", "alerts", { arn: "${aws_sns_topic.alerts.arn}", policy: "${data.aws_iam_policy_document.topic-policy.json}" }],
];
const alarm = (body: Record<string, unknown>): Part => [
  "aws_cloudwatch_metric_alarm",
  "cpu",
  { alarm_name: "cpu", actions_enabled: true, alarm_actions: ["${aws_sns_topic.alerts.arn}"], ...body },
];

const cases: RuleCases = {
  CKV_AWS_26: {
    fail: [
      stack(["aws_sns_topic", "alerts", { name: "alerts" }]),
      stack(["aws_sns_topic", "alerts", { name: "alerts", kms_master_key_id: "alias/aws/sns" }]),
      // EventBridge may publish, but the key does not let it encrypt.
      stack(...encryptedTopic([accountRoot, serviceUse("cloudwatch.amazonaws.com")], ["cloudwatch.amazonaws.com", "events.amazonaws.com"])),
      // The publisher is named, but may only decrypt.
      stack(...encryptedTopic([accountRoot, serviceUse("cloudwatch.amazonaws.com", ["kms:Decrypt"])], ["cloudwatch.amazonaws.com"])),
    ],
    pass: stack(
      ...encryptedTopic(
        [accountRoot, serviceUse("cloudwatch.amazonaws.com"), serviceUse("events.amazonaws.com")],
        ["cloudwatch.amazonaws.com", "events.amazonaws.com"],
      ),
    ),
    message: /kms_master_key_id is not set|alias\/aws\/sns|events\.amazonaws\.com may publish|cloudwatch\.amazonaws\.com may publish/,
  },
  CKV_AWS_319: {
    fail: [stack(alarm({ actions_enabled: false })), stack(alarm({ alarm_actions: [] })), stack(alarm({ alarm_actions: undefined }))],
    pass: stack(alarm({}), ["aws_cloudwatch_metric_alarm", "default-enabled", { alarm_name: "x", alarm_actions: ["arn:aws:sns:us-east-1:111111111111:x"] }]),
    message: /actions_enabled is false|no alarm_actions/,
  },
  CKV2_AWS_3: {
    fail: [stack(["aws_vpc", "vpc", {}]), stack(["aws_vpc", "vpc", {}], ["aws_guardduty_detector", "d", { enable: false }])],
    pass: stack(["aws_vpc", "vpc", {}], ["aws_guardduty_detector", "d", { enable: true }]),
    message: /aws_guardduty_detector|enable is false/,
  },
};

describe("monitoringRules", () => {
  itChecksEveryRuleAgainstItsFixtures(monitoringRules, cases);

  describe("CKV_AWS_26 with a key of another stack", () => {
    it("accepts a cross-stack key reference, whose policy is checked where the key lives", () => {
      const json = stack(["aws_sns_topic", "alerts", { kms_master_key_id: "${data.terraform_remote_state.keys.outputs.arn}" }]);
      expect(evaluateStack("test", json, monitoringRules.filter((r) => r.id === "CKV_AWS_26"))).toEqual([]);
    });
  });

  describe("CKV_AWS_26 message", () => {
    it("names the publisher the key policy leaves out and the key", () => {
      const json = stack(...encryptedTopic([accountRoot, serviceUse("cloudwatch.amazonaws.com")], ["cloudwatch.amazonaws.com", "events.amazonaws.com"]));
      expect(evaluateStack("test", json, monitoringRules.filter((r) => r.id === "CKV_AWS_26"))).toEqual([
        expect.objectContaining({
          address: "aws_sns_topic.alerts",
          message: "events.amazonaws.com may publish to the topic, but the policy of aws_kms_key.alerts does not let it kms:Decrypt and kms:GenerateDataKey*, so its messages are dropped",
        }),
      ]);
    });
  });

  describe("CKV2_AWS_3 when environments share an account and region", () => {
    const rule = monitoringRules.filter((r) => r.id === "CKV2_AWS_3");
    const options = { accountSettingsStack: (s: string) => (s === "production" ? "development" : s) };

    it("leaves the detector to the owning stack and holds that stack to it", () => {
      expect(evaluateStack("production", stack(["aws_vpc", "vpc", {}]), rule, options)).toEqual([]);
      expect(evaluateStack("development", stack(["aws_vpc", "vpc", {}]), rule, options)).toHaveLength(1);
    });

    it("flags a second detector in a stack that does not own the account's settings", () => {
      const json = stack(["aws_vpc", "vpc", {}], ["aws_guardduty_detector", "d", { enable: true }]);
      expect(evaluateStack("production", json, rule, options)).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/^stack development owns this account's settings; a second detector here/) }),
      ]);
    });
  });
});
