import { podSecurityLabels } from "../../src/platform/pod-security";

describe("podSecurityLabels", () => {
  describe.each(["restricted", "baseline", "privileged"] as const)("at %s", (level) => {
    it("enforces, audits and warns at that level with the latest policy version", () => {
      expect(podSecurityLabels(level)).toEqual({
        "pod-security.kubernetes.io/enforce": level,
        "pod-security.kubernetes.io/enforce-version": "latest",
        "pod-security.kubernetes.io/audit": level,
        "pod-security.kubernetes.io/audit-version": "latest",
        "pod-security.kubernetes.io/warn": level,
        "pod-security.kubernetes.io/warn-version": "latest",
      });
    });
  });
});
