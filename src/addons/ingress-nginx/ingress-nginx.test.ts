import { Release } from "@cdktf/provider-helm/lib/release";
import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { Testing } from "cdktf";
import { parse } from "yaml";
import { IngressNginx, type IngressNginxProps } from "./ingress-nginx";
import { expectReleaseAfterNamespace, expectRestrictedNamespace } from "../../../test-helpers/addon-assertions";

const props: IngressNginxProps = {
  replicas: 3,
  highAvailability: true,
  privateSubnetCidrs: ["10.130.64.0/20", "10.130.80.0/20", "10.130.96.0/20"],
  controlPlaneSubnetCidrs: ["10.130.216.0/28", "10.130.216.16/28", "10.130.216.32/28"],
  certificateArn: "arn:aws:acm:us-east-1:222222222222:certificate/11111111-2222-3333-4444-555555555555",
  hostname: "apps.acme.example.com",
};

const fromPrivate = props.privateSubnetCidrs.map((cidr) => ({ ip_block: { cidr } }));
const fromControlPlane = props.controlPlaneSubnetCidrs.map((cidr) => ({ ip_block: { cidr } }));

describe("IngressNginx", () => {
  describe("in production", () => {
    const synth = Testing.synthScope((scope) => new IngressNginx(scope, "ingress-nginx", props));
    const release = Object.values(JSON.parse(synth).resource[Release.tfResourceType])[0] as any;

    it("creates the ingress-nginx namespace, Pod Security restricted", () => {
      expectRestrictedNamespace(synth, "ingress-nginx");
    });

    it("installs the pinned ingress-nginx chart into it", () => {
      expectReleaseAfterNamespace(synth, release, { name: "ingress-nginx", chart: "ingress-nginx", version: "4.15.1", repository: "https://kubernetes.github.io/ingress-nginx", namespace: "ingress-nginx" });
    });

    it("renders the production values into the release", () => {
      const values = parse(release.values[0]);
      expect(values.controller).toMatchObject({ replicaCount: 3, minAvailable: 1, allowSnippetAnnotations: false });
      expect(values.controller.topologySpreadConstraints[0].topologyKey).toBe("topology.kubernetes.io/zone");
    });

    it("selects the controller pods with a NetworkPolicy in its namespace", () => {
      expect(synth).toHaveResourceWithProperties(NetworkPolicyV1, {
        metadata: { name: "ingress-nginx-controller", namespace: "ingress-nginx" },
        spec: expect.objectContaining({
          pod_selector: {
            match_labels: {
              "app.kubernetes.io/name": "ingress-nginx",
              "app.kubernetes.io/instance": "ingress-nginx",
              "app.kubernetes.io/component": "controller",
            },
          },
          policy_types: ["Ingress"],
        }),
      });
    });

    it("admits the webhook port 8443 only from the control-plane subnets, metrics from the private subnets, and 80/443 from the load balancer", () => {
      expect(synth).toHaveResourceWithProperties(NetworkPolicyV1, {
        spec: expect.objectContaining({
          ingress: [
            { ports: [{ port: "80", protocol: "TCP" }, { port: "443", protocol: "TCP" }] },
            { from: fromControlPlane, ports: [{ port: "8443", protocol: "TCP" }] },
            { from: fromPrivate, ports: [{ port: "10254", protocol: "TCP" }] },
          ],
        }),
      });
    });
  });

  describe("with no private subnets", () => {
    it("throws, naming the construct and the missing CIDRs", () => {
      expect(() =>
        Testing.synthScope((scope) => new IngressNginx(scope, "ingress-nginx", { ...props, privateSubnetCidrs: [] })),
      ).toThrow(/ingress-nginx: privateSubnetCidrs is empty/);
    });
  });

  describe("with no control-plane subnets", () => {
    it("throws, naming the construct and the missing CIDRs", () => {
      expect(() =>
        Testing.synthScope((scope) => new IngressNginx(scope, "ingress-nginx", { ...props, controlPlaneSubnetCidrs: [] })),
      ).toThrow(/ingress-nginx: controlPlaneSubnetCidrs is empty; the webhook policy needs the CIDRs of the cluster's control-plane subnets/);
    });
  });
});
