import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { Testing } from "cdktf";
import { Construct } from "constructs";
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

  describe("with a policy version", () => {
    it("pins enforce, audit and warn to it", () => {
      const synth = Testing.synthScope((scope) => new PodSecurityNamespace(scope, "ns", { name: "apps", podSecurityVersion: "v1.33" }));
      expect(synth).toHaveResourceWithProperties(NamespaceV1, {
        metadata: {
          name: "apps",
          labels: expect.objectContaining({
            "pod-security.kubernetes.io/enforce-version": "v1.33",
            "pod-security.kubernetes.io/audit-version": "v1.33",
            "pod-security.kubernetes.io/warn-version": "v1.33",
          }),
        },
      });
    });
  });

  describe("inside a scope that knows the cluster's version", () => {
    it("takes the version from that scope", () => {
      class Platform extends Construct {
        public readonly podSecurityVersion = "v1.32";
      }
      const synth = Testing.synthScope((scope) => new PodSecurityNamespace(new Platform(scope, "platform"), "ns", { name: "apps" }));
      expect(synth).toHaveResourceWithProperties(NamespaceV1, {
        metadata: { name: "apps", labels: expect.objectContaining({ "pod-security.kubernetes.io/enforce-version": "v1.32" }) },
      });
    });
  });
});
