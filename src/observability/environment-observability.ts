/**
 * Everything that watches one environment: the alert topic (or an existing one), the alarms
 * (NAT gateways, cluster, flow-log delivery), GuardDuty's findings rule, the GuardDuty detector
 * when this stack owns the account's settings, and the dashboard. Plain props; the stacks
 * translate the model (observabilityPropsOf in from-model.ts).
 */
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { forgetWithoutDestroying } from "../moves/state-blocks";
import { AlertTopic } from "./alert-topic";
import { ClusterAlarms, type ClusterAlarmThresholds } from "./cluster-alarms";
import { EnvironmentDashboard } from "./environment-dashboard";
import { FlowLogAlarm } from "./flow-log-alarm";
import { GUARDDUTY_IDS, GuardDutyDetector } from "./guardduty-detector";
import { GuardDutyFindingsRule } from "./guardduty-findings-rule";
import { NatGatewayAlarms, type AlarmedNatGateway } from "./nat-gateway-alarms";

/** Where alerts go and when alarms fire. */
export interface AlertOptions {
  /** Email recipients of the topic this construct creates. Conflicts with topicArn. @default - none */
  readonly emails?: readonly string[];
  /** An existing topic in the environment's region that receives the alerts instead; no topic is created. @default - a new encrypted topic */
  readonly topicArn?: string;
  /** Cluster alarm thresholds. @default - ClusterAlarmThresholds' defaults */
  readonly clusterThresholds?: ClusterAlarmThresholds;
  /** NAT packet drops (%) that raise the alarm. @default 0.01 */
  readonly natPacketDropPercent?: number;
}

export interface EnvironmentObservabilityProps {
  /** `${organization}-${environment}`: prefix of every name. */
  readonly namePrefix: string;
  readonly accountId: string;
  /** AWS partition (`aws`, `aws-cn`, `aws-us-gov`). */
  readonly partition: string;
  readonly region: string;
  /** Alerts. @default - none: no topic, no alarms, no findings rule (the detector and the dashboard stay) */
  readonly alerts?: AlertOptions;
  /** NAT gateways keyed by AZ letter. @default - none */
  readonly natGateways?: readonly AlarmedNatGateway[];
  /** Log group of the VPC's flow logs (its delivery alarm). @default - no flow-log alarm */
  readonly flowLogGroupName?: string;
  /** The environment's EKS cluster. @default - none: no cluster alarms or rows */
  readonly clusterName?: string;
  /** `prevent_destroy` on the alert topic's key. @default true */
  readonly deletionProtection?: boolean;
  /**
   * Whether this stack holds the account and region's GuardDuty detector (one owner among the
   * environments sharing them). Otherwise the stack forgets a detector it once held, without
   * destroying it, and its findings rule takes only its own cluster's findings.
   */
  readonly ownsAccountSettings: boolean;
}

export class EnvironmentObservability extends Construct {
  /** ARN of the topic alerts go to; undefined without alerts. Other alarms (the VPN's) may notify it. */
  public readonly topicArn?: string;
  /** The topic this construct created; undefined with `alerts.topicArn` or without alerts. */
  public readonly topic?: AlertTopic;
  /** The detector, in the owning stack only. */
  public readonly detector?: GuardDutyDetector;

  constructor(scope: Construct, id: string, props: EnvironmentObservabilityProps) {
    super(scope, id);
    const { namePrefix, alerts } = props;
    if (alerts?.topicArn !== undefined && (alerts.emails ?? []).length > 0) {
      throw new Error(`${this.node.path}: alerts give both topicArn and emails; subscribe the addresses to ${alerts.topicArn} or drop topicArn`);
    }

    if (props.ownsAccountSettings) {
      this.detector = new GuardDutyDetector(this, "guardduty");
    } else {
      const stack = TerraformStack.of(this);
      const at = [...this.node.scopes.slice(this.node.scopes.indexOf(stack) + 1).map((c) => c.node.id), "guardduty"].join("_");
      forgetWithoutDestroying(stack, `aws_guardduty_detector.${at}_${GUARDDUTY_IDS.detector}`);
      forgetWithoutDestroying(stack, `aws_guardduty_detector_feature.${at}_${GUARDDUTY_IDS.eksAuditLogs}`);
      forgetWithoutDestroying(stack, `aws_guardduty_detector_feature.${at}_${GUARDDUTY_IDS.runtimeMonitoring}`);
    }

    if (alerts) {
      if (alerts.topicArn === undefined) {
        this.topic = new AlertTopic(this, "alert-topic", {
          namePrefix,
          accountId: props.accountId,
          partition: props.partition,
          region: props.region,
          emails: alerts.emails,
          deletionProtection: props.deletionProtection,
        });
      }
      const topicArn = alerts.topicArn ?? this.topic!.topicArn;
      this.topicArn = topicArn;
      const nats = props.natGateways ?? [];
      if (nats.length > 0) {
        new NatGatewayAlarms(this, "nat-alarms", {
          namePrefix,
          natGateways: nats,
          topicArn,
          packetDropPercent: alerts.natPacketDropPercent,
          flowLogGroupName: props.flowLogGroupName,
        });
      }
      if (props.clusterName !== undefined) {
        new ClusterAlarms(this, "cluster-alarms", { namePrefix, clusterName: props.clusterName, topicArn, thresholds: alerts.clusterThresholds });
      }
      if (props.flowLogGroupName !== undefined) {
        new FlowLogAlarm(this, "flow-log-alarm", { namePrefix, logGroupName: props.flowLogGroupName, topicArn });
      }
      // The owner's rule takes every finding of the account; another environment's only those
      // about its own cluster (and without a cluster, none: the owner's recipients get them).
      if (props.ownsAccountSettings || props.clusterName !== undefined) {
        new GuardDutyFindingsRule(this, "guardduty-findings", {
          namePrefix,
          topicArn,
          clusterName: props.ownsAccountSettings ? undefined : props.clusterName,
        });
      }
    }

    new EnvironmentDashboard(this, "dashboard", {
      dashboardName: namePrefix,
      region: props.region,
      natGateways: props.natGateways,
      clusterName: props.clusterName,
    });
  }
}
