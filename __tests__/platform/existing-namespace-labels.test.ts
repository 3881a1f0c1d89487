import { Labels } from "@cdktf/provider-kubernetes/lib/labels";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { Testing } from "cdktf";
import { ExistingNamespaceLabels } from "../../src/platform/existing-namespace-labels";

describe("ExistingNamespaceLabels", () => {
  describe("with the defaults", () => {
    const synth = Testing.synthScope((scope) => new ExistingNamespaceLabels(scope, "default-labels", { podSecurityVersion: "v1.33" }));

    it("labels the default namespace restricted at the given version, without creating a namespace", () => {
      expect(synth).toHaveResourceWithProperties(Labels, {
        api_version: "v1",
        kind: "Namespace",
        metadata: { name: "default" },
        labels: {
          "pod-security.kubernetes.io/enforce": "restricted",
          "pod-security.kubernetes.io/enforce-version": "v1.33",
          "pod-security.kubernetes.io/audit": "restricted",
          "pod-security.kubernetes.io/audit-version": "v1.33",
          "pod-security.kubernetes.io/warn": "restricted",
          "pod-security.kubernetes.io/warn-version": "v1.33",
        },
      });
      expect(synth).not.toHaveResource(NamespaceV1);
    });
  });

  describe("for another namespace and level", () => {
    it("labels that namespace at that level", () => {
      const synth = Testing.synthScope(
        (scope) => new ExistingNamespaceLabels(scope, "l", { namespace: "legacy", podSecurity: "baseline", podSecurityVersion: "v1.32" }),
      );
      expect(synth).toHaveResourceWithProperties(Labels, {
        metadata: { name: "legacy" },
        labels: expect.objectContaining({ "pod-security.kubernetes.io/enforce": "baseline", "pod-security.kubernetes.io/enforce-version": "v1.32" }),
      });
    });
  });
});
