/**
 * Routes GuardDuty findings of medium severity and higher to an alert topic through an EventBridge
 * rule on the account's default bus. GuardDuty severities: low 1.0-3.9, medium 4.0-6.9, high
 * 7.0-8.9, critical 9.0-10.0; every finding arrives as source `aws.guardduty`, detail-type
 * `GuardDuty Finding` ("Processing GuardDuty findings with Amazon EventBridge", GuardDuty User Guide).
 *
 * Findings are account-wide, so when several environments share an account each would otherwise
 * see the others' findings: `clusterName` narrows a rule to findings about that EKS cluster
 * (detail.resource.eksClusterDetails.name), which the stacks use for every environment but the
 * owner of the account's settings, whose rule takes every finding of the account.
 */
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { Construct } from "constructs";

/** GuardDuty's lowest medium severity. */
export const MEDIUM_SEVERITY = 4;

export interface GuardDutyFindingsRuleProps {
  /** `${organization}-${environment}`: the rule is `${namePrefix}-guardduty-findings`. */
  readonly namePrefix: string;
  /** Topic the findings go to; its policy must let events.amazonaws.com publish. */
  readonly topicArn: string;
  /** Lowest severity routed. @default 4 (medium) */
  readonly minimumSeverity?: number;
  /** Only findings about this EKS cluster. @default - every finding of the account and region */
  readonly clusterName?: string;
}

/** The rule's event pattern. */
export function guardDutyFindingsPattern(minimumSeverity: number, clusterName?: string): Record<string, unknown> {
  return {
    source: ["aws.guardduty"],
    "detail-type": ["GuardDuty Finding"],
    detail: {
      severity: [{ numeric: [">=", minimumSeverity] }],
      ...(clusterName === undefined ? {} : { resource: { eksClusterDetails: { name: [clusterName] } } }),
    },
  };
}

export class GuardDutyFindingsRule extends Construct {
  /** ARN of the rule. */
  public readonly ruleArn: string;

  constructor(scope: Construct, id: string, props: GuardDutyFindingsRuleProps) {
    super(scope, id);
    const minimum = props.minimumSeverity ?? MEDIUM_SEVERITY;
    const scopeText = props.clusterName === undefined ? "the account and region" : `EKS cluster ${props.clusterName}`;
    const rule = new CloudwatchEventRule(this, "rule", {
      name: `${props.namePrefix}-guardduty-findings`,
      description: `GuardDuty findings of severity ${minimum} (medium) or higher about ${scopeText}, to the alert topic`,
      eventPattern: JSON.stringify(guardDutyFindingsPattern(minimum, props.clusterName)),
    });
    this.ruleArn = rule.arn;
    new CloudwatchEventTarget(this, "topic", {
      rule: rule.name,
      targetId: "alert-topic",
      arn: props.topicArn,
      // A readable message instead of the raw event; the finding id leads to it in the console.
      inputTransformer: {
        inputPaths: {
          severity: "$.detail.severity",
          type: "$.detail.type",
          title: "$.detail.title",
          account: "$.account",
          region: "$.region",
          id: "$.detail.id",
        },
        inputTemplate:
          '"GuardDuty finding <type> (severity <severity>) in account <account>, <region>: <title>. ' +
          'What to do: open GuardDuty > Findings, finding id <id>; follow the remediation for its type in the GuardDuty User Guide ' +
          '(Remediating findings); isolate the pod or node if the finding is confirmed, archive it if it is expected."',
      },
    });
  }
}
