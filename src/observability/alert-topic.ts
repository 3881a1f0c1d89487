/**
 * The alert topic of one environment: an SNS topic encrypted with its own customer-managed KMS
 * key (CKV_AWS_26), a topic policy that lets this account's CloudWatch alarms and EventBridge
 * rules publish, and the email subscriptions.
 *
 * AWS documents what an encrypted topic needs from the services that publish to it ("Configure
 * KMS permissions for AWS services", Amazon SNS Developer Guide): the key policy must allow the
 * service principal kms:GenerateDataKey* and kms:Decrypt; both key and topic statements carry
 * aws:SourceAccount (and the topic statements aws:SourceArn) conditions against confused deputies.
 */
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Construct } from "constructs";
import { snsTopicArn } from "../model/arns";
import { keyAdministrationOnlyStatement } from "../network/logs-kms-key";

/** The AWS services that publish alerts, with the ARN pattern of their publishing resources. */
export const ALERT_PUBLISHERS = [
  { service: "cloudwatch.amazonaws.com", sourceArn: (p: string, r: string, a: string) => `arn:${p}:cloudwatch:${r}:${a}:alarm:*` },
  { service: "events.amazonaws.com", sourceArn: (p: string, r: string, a: string) => `arn:${p}:events:${r}:${a}:rule/*` },
] as const;

export interface AlertTopicProps {
  /** `${organization}-${environment}`: the topic is `${namePrefix}-alerts`, the key alias `alias/${namePrefix}-alerts`. */
  readonly namePrefix: string;
  /** Account of the topic, the key and the alarms and rules that publish. */
  readonly accountId: string;
  /** AWS partition (`aws`, `aws-cn`, `aws-us-gov`). */
  readonly partition: string;
  /** Region of the topic, the key and the publishers. */
  readonly region: string;
  /** Email addresses subscribed to the topic; each must confirm its subscription. @default - none */
  readonly emails?: readonly string[];
  /** Days KMS waits before deleting the key once scheduled. @default 30 */
  readonly deletionWindowInDays?: number;
  /** `prevent_destroy` on the key. @default true */
  readonly deletionProtection?: boolean;
}

/** The construct id of an email subscription: the address with every run of other characters as one '-'. */
export function emailSubscriptionId(email: string): string {
  return `email-${email.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
}

export class AlertTopic extends Construct {
  /** ARN of the topic: alarm and OK actions, EventBridge targets. */
  public readonly topicArn: string;
  /** Name of the topic. */
  public readonly topicName: string;
  /** ARN of the key that encrypts the topic. */
  public readonly keyArn: string;
  /** The email subscriptions by address. */
  public readonly subscriptions: ReadonlyMap<string, SnsTopicSubscription>;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    const { accountId, partition, region } = props;
    const sourceAccount = { test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] };

    const keyPolicy = new DataAwsIamPolicyDocument(this, "key-policy", {
      statement: [
        // Administration stays with the account through IAM, as for the project's other keys, without
        // use (no encrypt/decrypt); the services below may only use the key, never manage it.
        keyAdministrationOnlyStatement(partition, accountId),
        ...ALERT_PUBLISHERS.map((p) => ({
          sid: p.service.startsWith("cloudwatch") ? "CloudWatchAlarmsUseKey" : "EventBridgeUsesKey",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: [p.service] }],
          actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
          resources: ["*"],
          condition: [sourceAccount],
        })),
      ],
    });
    const key = new KmsKey(this, "key", {
      description: `Encrypts the alert topic of ${props.namePrefix} (CloudWatch alarms, GuardDuty findings)`,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowInDays ?? 30,
      policy: keyPolicy.json,
      tags: { Name: `${props.namePrefix}-alerts` },
      lifecycle: { preventDestroy: props.deletionProtection ?? true },
    });
    new KmsAlias(this, "key-alias", { name: `alias/${props.namePrefix}-alerts`, targetKeyId: key.keyId });
    this.keyArn = key.arn;

    this.topicName = `${props.namePrefix}-alerts`;
    const topic = new SnsTopic(this, "topic", {
      name: this.topicName,
      displayName: `${props.namePrefix} alerts`,
      kmsMasterKeyId: key.arn,
      tags: { Name: this.topicName },
    });
    this.topicArn = topic.arn;

    // The topic's ARN from its name, so the policy is known on a first plan; the policy resource
    // still waits for the topic through its `arn` argument.
    const topicArn = snsTopicArn(partition, region, accountId, this.topicName);
    const topicPolicy = new DataAwsIamPolicyDocument(this, "topic-policy-document", {
      statement: [
        {
          sid: "AccountManagesTopic",
          effect: "Allow",
          principals: [{ type: "AWS", identifiers: [`arn:${partition}:iam::${accountId}:root`] }],
          actions: [
            "sns:GetTopicAttributes",
            "sns:SetTopicAttributes",
            "sns:AddPermission",
            "sns:RemovePermission",
            "sns:DeleteTopic",
            "sns:Subscribe",
            "sns:ListSubscriptionsByTopic",
            "sns:Publish",
          ],
          resources: [topicArn],
        },
        ...ALERT_PUBLISHERS.map((p) => ({
          sid: p.service.startsWith("cloudwatch") ? "CloudWatchAlarmsPublish" : "EventBridgeRulesPublish",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: [p.service] }],
          actions: ["sns:Publish"],
          resources: [topicArn],
          condition: [sourceAccount, { test: "ArnLike", variable: "aws:SourceArn", values: [p.sourceArn(partition, region, accountId)] }],
        })),
      ],
    });
    new SnsTopicPolicy(this, "topic-policy", { arn: topic.arn, policy: topicPolicy.json });

    const subscriptions = new Map<string, SnsTopicSubscription>();
    const ids = new Map<string, string>();
    for (const email of props.emails ?? []) {
      if (subscriptions.has(email)) continue;
      // Keyed by the address, so adding or removing a recipient never renames another.
      const subscriptionId = emailSubscriptionId(email);
      const clash = ids.get(subscriptionId);
      if (clash !== undefined) {
        throw new Error(`${this.node.path}: ${email} and ${clash} map to the same subscription id ${subscriptionId}; subscribe one of them by hand`);
      }
      ids.set(subscriptionId, email);
      // Email subscriptions stay "PendingConfirmation" until the recipient follows the link AWS sends.
      subscriptions.set(email, new SnsTopicSubscription(this, subscriptionId, { topicArn: topic.arn, protocol: "email", endpoint: email }));
    }
    this.subscriptions = subscriptions;
  }
}
