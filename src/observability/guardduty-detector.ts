/**
 * The GuardDuty detector of an account and region (CKV2_AWS_3) with EKS protection: EKS audit-log
 * monitoring and Runtime Monitoring with EKS add-on management on.
 *
 * A detector is account-wide: one per account and region. The stacks of environments that share
 * an account and region must not each hold one, so only the owner of the account's settings
 * (src/model/account-settings.ts) creates this construct (see EnvironmentObservability).
 *
 * The runtime agent: with EKS_ADDON_MANAGEMENT enabled, GuardDuty installs and updates the
 * `aws-guardduty-agent` EKS add-on in every cluster of the account and region, and creates the
 * VPC endpoint (com.amazonaws.<region>.guardduty-data) and security group the agent reports
 * through ("Managing the security agent automatically for Amazon EKS", GuardDuty User Guide).
 * Chosen over pinning the add-on ourselves because the agent must match GuardDuty's service side
 * and reach that endpoint, which GuardDuty then owns; a self-managed agent would need both
 * pinned and kept in step by hand. The cost: GuardDuty's endpoint and group are outside Terraform.
 */
import { GuarddutyDetector } from "@cdktf/provider-aws/lib/guardduty-detector";
import { GuarddutyDetectorFeature } from "@cdktf/provider-aws/lib/guardduty-detector-feature";
import { Construct } from "constructs";

export interface GuardDutyDetectorProps {
  /**
   * How often GuardDuty sends updates of existing findings to EventBridge (new findings go within
   * about five minutes whatever this says). @default "FIFTEEN_MINUTES"
   */
  readonly findingPublishingFrequency?: "FIFTEEN_MINUTES" | "ONE_HOUR" | "SIX_HOURS";
}

/** Construct ids of the detector's resources (and so their addresses under the construct). */
export const GUARDDUTY_IDS = { detector: "detector", eksAuditLogs: "eks-audit-logs", runtimeMonitoring: "runtime-monitoring" } as const;

export class GuardDutyDetector extends Construct {
  /** Id of the detector. */
  public readonly detectorId: string;

  constructor(scope: Construct, id: string, props: GuardDutyDetectorProps = {}) {
    super(scope, id);
    const detector = new GuarddutyDetector(this, GUARDDUTY_IDS.detector, {
      enable: true,
      findingPublishingFrequency: props.findingPublishingFrequency ?? "FIFTEEN_MINUTES",
    });
    this.detectorId = detector.id;
    // Features, not the deprecated `datasources` block (hashicorp/aws 5.x documents the move).
    new GuarddutyDetectorFeature(this, GUARDDUTY_IDS.eksAuditLogs, { detectorId: detector.id, name: "EKS_AUDIT_LOGS", status: "ENABLED" });
    new GuarddutyDetectorFeature(this, GUARDDUTY_IDS.runtimeMonitoring, {
      detectorId: detector.id,
      name: "RUNTIME_MONITORING",
      status: "ENABLED",
      additionalConfiguration: [{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }],
    });
  }
}
