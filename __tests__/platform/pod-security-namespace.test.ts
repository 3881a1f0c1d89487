import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { Testing } from "cdktf";
import { PodSecurityNamespace } from "../../src/platform/pod-security-namespace";

describe("PodSecurityNamespace", () => {
  describe("without a level", () => {
    it("enforces, audits and warns at restricted", () => {
      const synth = Testing.synthScope((scope) => new PodSecurityNamespace(scope, "ns", { name: "apps" }));
      expect(synth).toHaveResourceWithProperties(NamespaceV1, {
        metadata: {
          name: "apps",
          labels: expect.objectContaining({
            "pod-security.kubernetes.io/enforce": "restricted",
            "pod-security.kubernetes.io/audit": "restricted",
            "pod-security.kubernetes.io/warn": "restricted",
          }),
        },
      });
    });
  });

  describe("with baseline and extra labels", () => {
    it("labels the namespace with both, and the extra labels cannot override the Pod Security ones", () => {
      const synth = Testing.synthScope(
        (scope) =>
          new PodSecurityNamespace(scope, "ns", {
            name: "legacy",
            podSecurity: "baseline",
            labels: { team: "payments", "pod-security.kubernetes.io/enforce": "privileged" },
          }),
      );
      expect(synth).toHaveResourceWithProperties(NamespaceV1, {
        metadata: {
          name: "legacy",
          labels: expect.objectContaining({ team: "payments", "pod-security.kubernetes.io/enforce": "baseline" }),
        },
      });
    });
  });
});
