import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { synthInLandingZoneStack } from "../../test-helpers/landing-zone-scope";
import { AlertTopic, emailSubscriptionId, type AlertTopicProps } from "../../src/observability/alert-topic";
import { KEY_ADMINISTRATION_ACTIONS } from "../../src/network/logs-kms-key";

const props: AlertTopicProps = { namePrefix: "acme-production", accountId: "222222222222", partition: "aws", region: "us-east-1" };
const synthOf = (more: Partial<AlertTopicProps> = {}) => JSON.parse(synthInLandingZoneStack((scope) => new AlertTopic(scope, "alerts", { ...props, ...more })));
const statements = (json: any, name: string) => json.data.aws_iam_policy_document[name].statement as any[];

describe("AlertTopic", () => {
  describe("with two recipients", () => {
    const text = synthInLandingZoneStack((scope) => new AlertTopic(scope, "alerts", { ...props, emails: ["ops@example.com", "oncall@example.com"] }));
    const json = JSON.parse(text);

    it("encrypts the topic with its own rotating customer-managed key", () => {
      expect(text).toHaveResourceWithProperties(SnsTopic, {
        name: "acme-production-alerts",
        kms_master_key_id: "${aws_kms_key.alerts_key.arn}",
      });
      expect(text).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
      expect(text).toHaveResourceWithProperties(KmsAlias, { name: "alias/acme-production-alerts" });
    });

    it("lets CloudWatch and EventBridge of this account use the key, and only the account administer it", () => {
      const key = statements(json, "alerts_key-policy");
      expect(key.map((s) => s.sid)).toEqual(["AccountAdministersKey", "CloudWatchAlarmsUseKey", "EventBridgeUsesKey"]);
      // Administration without use (issue 11): the administration actions only, never kms:*.
      expect(key[0]).toMatchObject({ principals: [{ type: "AWS", identifiers: ["arn:aws:iam::222222222222:root"] }], actions: [...KEY_ADMINISTRATION_ACTIONS] });
      for (const [i, service] of [[1, "cloudwatch.amazonaws.com"], [2, "events.amazonaws.com"]] as const) {
        expect(key[i]).toEqual({
          sid: expect.any(String),
          effect: "Allow",
          principals: [{ type: "Service", identifiers: [service] }],
          actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
          resources: ["*"],
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: ["222222222222"] }],
        });
      }
    });

    it("protects the key from destroy with a 30-day deletion window", () => {
      expect(Object.values(json.resource.aws_kms_key)[0]).toMatchObject({ deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    });

    it("lets this account's alarms and rules publish to the topic, with source account and ARN conditions", () => {
      expect(text).toHaveResourceWithProperties(SnsTopicPolicy, {
        arn: "${aws_sns_topic.alerts_topic.arn}",
        policy: "${data.aws_iam_policy_document.alerts_topic-policy-document.json}",
      });
      const topic = statements(json, "alerts_topic-policy-document");
      expect(topic.slice(1)).toEqual([
        expect.objectContaining({
          principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }],
          actions: ["sns:Publish"],
          resources: ["arn:aws:sns:us-east-1:222222222222:acme-production-alerts"],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: ["222222222222"] },
            { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:cloudwatch:us-east-1:222222222222:alarm:*"] },
          ],
        }),
        expect.objectContaining({
          principals: [{ type: "Service", identifiers: ["events.amazonaws.com"] }],
          condition: expect.arrayContaining([{ test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:events:us-east-1:222222222222:rule/*"] }]),
        }),
      ]);
    });

    it("names the topic in its policy by the ARN SNS gives it, so the policy is known on a first plan", () => {
      const topic = statements(json, "alerts_topic-policy-document");
      expect(topic.map((st) => st.resources)).toEqual([0, 1, 2].map(() => ["arn:aws:sns:us-east-1:222222222222:acme-production-alerts"]));
      expect(JSON.stringify(topic)).not.toContain("${");
    });

    it("subscribes each address by email, keyed by the address", () => {
      expect(Object.keys(json.resource.aws_sns_topic_subscription).sort()).toEqual(["alerts_email-oncall-example-com", "alerts_email-ops-example-com"]);
      expect(text).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: "email", endpoint: "ops@example.com", topic_arn: "${aws_sns_topic.alerts_topic.arn}" });
    });
  });

  describe("when a recipient is removed", () => {
    it("keeps the other recipient's address", () => {
      const before = Object.keys(synthOf({ emails: ["a@example.com", "b@example.com"] }).resource.aws_sns_topic_subscription);
      const after = Object.keys(synthOf({ emails: ["b@example.com"] }).resource.aws_sns_topic_subscription);
      expect(after).toEqual(before.filter((id) => id.includes("email-b-")));
    });
  });

  describe("without recipients", () => {
    it("creates the topic with no subscription", () => {
      const json = synthOf();
      expect(json.resource.aws_sns_topic).toBeDefined();
      expect(json.resource.aws_sns_topic_subscription).toBeUndefined();
    });
  });

  describe("with two addresses that map to one id", () => {
    it("refuses them, naming both", () => {
      expect(() => synthOf({ emails: ["a.b@example.com", "a-b@example.com"] })).toThrow(
        /alerts: a-b@example\.com and a\.b@example\.com map to the same subscription id email-a-b-example-com/,
      );
    });
  });
});

describe("emailSubscriptionId", () => {
  it("turns an address into a construct id of letters, digits and dashes", () => {
    expect(emailSubscriptionId("Platform.Alerts+eks@Example.com")).toBe("email-platform-alerts-eks-example-com");
  });
});
