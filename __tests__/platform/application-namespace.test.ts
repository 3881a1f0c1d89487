import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { Testing } from "cdktf";
import { ApplicationNamespace } from "../../src/platform/application-namespace";

function policies(synth: string): Record<string, any> {
  return JSON.parse(synth).resource?.[NetworkPolicyV1.tfResourceType] ?? {};
}

describe("ApplicationNamespace", () => {
  describe("with an ingress controller namespace", () => {
    const synth = Testing.synthScope(
      (scope) => new ApplicationNamespace(scope, "apps", { name: "apps", ingressControllerNamespace: "ingress-nginx" }),
    );

    it("creates a restricted namespace", () => {
      expect(synth).toHaveResourceWithProperties(NamespaceV1, {
        metadata: { name: "apps", labels: expect.objectContaining({ "pod-security.kubernetes.io/enforce": "restricted" }) },
      });
    });

    it("denies all ingress to every pod by default", () => {
      expect(synth).toHaveResourceWithProperties(NetworkPolicyV1, {
        metadata: { name: "default-deny-ingress", namespace: "apps" },
        spec: { pod_selector: {}, policy_types: ["Ingress"] },
      });
    });

    it("admits traffic from the ingress controller's namespace only", () => {
      expect(synth).toHaveResourceWithProperties(NetworkPolicyV1, {
        metadata: { name: "allow-from-ingress-controller", namespace: "apps" },
        spec: {
          pod_selector: {},
          policy_types: ["Ingress"],
          ingress: [{ from: [{ namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }] }],
        },
      });
    });

    it("creates the policies after the namespace", () => {
      for (const policy of Object.values(policies(synth))) {
        expect(policy.depends_on).toEqual([expect.stringMatching(/^kubernetes_namespace_v1\./)]);
      }
    });
  });

  describe("without an ingress controller", () => {
    it("has only the default-deny policy", () => {
      const synth = Testing.synthScope((scope) => new ApplicationNamespace(scope, "apps", { name: "apps", podSecurity: "baseline" }));
      expect(Object.values(policies(synth)).map((p) => p.metadata.name)).toEqual(["default-deny-ingress"]);
      expect(synth).toHaveResourceWithProperties(NamespaceV1, {
        metadata: { name: "apps", labels: expect.objectContaining({ "pod-security.kubernetes.io/enforce": "baseline" }) },
      });
    });
  });
});
