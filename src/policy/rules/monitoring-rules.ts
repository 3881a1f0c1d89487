/**
 * POLICY.md "Added with the second wave": the alert topic's encryption (CKV_AWS_26), alarm
 * actions (CKV_AWS_319) and the GuardDuty detector of every environment account and region
 * (CKV2_AWS_3), owned by one stack as EBS encryption by default is.
 */
import { actionMatches, type Statement } from "../policy-document";
import { isTrue, strings, type StackContext } from "../stack-context";
import type { PolicyResource, PolicyRule } from "../types";
import { keyPolicy } from "./encryption-rules";

/** Service principals a statement names. */
function services(s: Statement): string[] {
  return s.principals.filter((p) => p.type === "Service").flatMap((p) => [...p.identifiers]);
}

/** The services the topic's policy lets publish (aws_sns_topic_policy on the topic, or the topic's own `policy`). */
function publishers(topic: PolicyResource, ctx: StackContext): string[] {
  const docs = [
    ...(topic.body.policy !== undefined ? [ctx.policyDocument(topic.body.policy)] : []),
    ...ctx.referencing("aws_sns_topic_policy", "arn", topic).map((p) => ctx.policyDocument(p.body.policy)),
  ];
  return [
    ...new Set(
      docs.flatMap((d) => d.statements).filter((s) => s.effect === "Allow" && s.actions.some((a) => actionMatches(a, "sns:Publish"))).flatMap(services),
    ),
  ];
}

export const snsTopicEncryption: PolicyRule = {
  id: "CKV_AWS_26",
  aliases: [],
  section: "Monitoring",
  title: "Every aws_sns_topic sets kms_master_key_id to a customer-managed key whose policy lets the topic's publishing services use it",
  resourceTypes: ["aws_sns_topic"],
  check(topic, ctx) {
    const ref = topic.body.kms_master_key_id;
    if (typeof ref !== "string" || ref === "") return ["kms_master_key_id is not set (the topic is unencrypted)"];
    if (/alias\/aws\/sns$/.test(ref)) {
      return ["kms_master_key_id is the AWS managed key alias/aws/sns, whose policy no service publisher (CloudWatch, EventBridge) can be granted; use a customer-managed key"];
    }
    let key = ctx.resolve(ref, "aws_kms_key", "aws_kms_alias");
    if (key?.type === "aws_kms_alias") key = ctx.resolve(key.body.target_key_id, "aws_kms_key");
    if (!key) return []; // a key of another stack or account: its policy is checked where it lives
    const doc = keyPolicy(key, ctx);
    if (doc.kind !== "document") return []; // CKV2_AWS_64 reports the key policy itself
    return publishers(topic, ctx)
      .filter(
        (service) =>
          !doc.statements.some(
            (s) =>
              s.effect === "Allow" &&
              services(s).includes(service) &&
              ["kms:Decrypt", "kms:GenerateDataKey"].every((a) => s.actions.some((pattern) => actionMatches(pattern, a))),
          ),
      )
      .map((service) => `${service} may publish to the topic, but the policy of ${key!.address} does not let it kms:Decrypt and kms:GenerateDataKey*, so its messages are dropped`);
  },
};

export const alarmActions: PolicyRule = {
  id: "CKV_AWS_319",
  aliases: [],
  section: "Monitoring",
  title: "Every aws_cloudwatch_metric_alarm has actions_enabled true and an alarm action",
  resourceTypes: ["aws_cloudwatch_metric_alarm"],
  check(alarm) {
    const out: string[] = [];
    // The provider defaults actions_enabled to true; only an explicit false turns the actions off.
    if (alarm.body.actions_enabled !== undefined && !isTrue(alarm.body.actions_enabled)) out.push("actions_enabled is false: the alarm notifies nobody");
    if (strings(alarm.body.alarm_actions).length === 0) out.push("has no alarm_actions: the alarm notifies nobody");
    return out;
  },
};

export const guardDutyDetector: PolicyRule = {
  id: "CKV2_AWS_3",
  aliases: [],
  section: "Monitoring",
  title: "GuardDuty is enabled in every environment account and region, by the one stack that owns the account's settings",
  resourceTypes: ["aws_vpc", "aws_guardduty_detector"],
  check(r, ctx) {
    const owner = ctx.accountSettingsStack;
    if (r.type === "aws_guardduty_detector") {
      if (owner !== ctx.stack) return [`stack ${owner} owns this account's settings; a second detector here fails (one per account and region) or, destroyed, turns GuardDuty off`];
      return r.body.enable === false || r.body.enable === "false" ? ["enable is false"] : [];
    }
    if (owner !== ctx.stack) return [];
    const provider = r.body.provider;
    const enabled = ctx
      .resources("aws_guardduty_detector")
      .some((d) => d.body.provider === provider && d.body.enable !== false && d.body.enable !== "false");
    return enabled ? [] : [`no enabled aws_guardduty_detector for provider ${typeof provider === "string" ? provider : "aws"} in this stack`];
  },
};

export const monitoringRules: readonly PolicyRule[] = [snsTopicEncryption, alarmActions, guardDutyDetector];
