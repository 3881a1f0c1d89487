import { GuarddutyDetector } from "@cdktf/provider-aws/lib/guardduty-detector";
import { GuarddutyDetectorFeature } from "@cdktf/provider-aws/lib/guardduty-detector-feature";
import { synthInLandingZoneStack } from "../../test-helpers/landing-zone-scope";
import { GuardDutyDetector } from "../../src/observability/guardduty-detector";

describe("GuardDutyDetector", () => {
  describe("with the defaults", () => {
    const text = synthInLandingZoneStack((scope) => new GuardDutyDetector(scope, "guardduty"));

    it("enables a detector that publishes finding updates every 15 minutes", () => {
      expect(text).toHaveResourceWithProperties(GuarddutyDetector, { enable: true, finding_publishing_frequency: "FIFTEEN_MINUTES" });
    });

    it("turns on EKS audit-log monitoring", () => {
      expect(text).toHaveResourceWithProperties(GuarddutyDetectorFeature, {
        detector_id: "${aws_guardduty_detector.guardduty_detector.id}",
        name: "EKS_AUDIT_LOGS",
        status: "ENABLED",
      });
    });

    it("turns on runtime monitoring with GuardDuty managing the EKS agent", () => {
      expect(text).toHaveResourceWithProperties(GuarddutyDetectorFeature, {
        name: "RUNTIME_MONITORING",
        status: "ENABLED",
        additional_configuration: [{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }],
      });
    });

    it("uses no deprecated datasources block", () => {
      expect(JSON.parse(text).resource.aws_guardduty_detector.guardduty_detector.datasources).toBeUndefined();
    });
  });
});
