import { Release } from "@cdktf/provider-helm/lib/release";
import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { Testing } from "cdktf";
import { parse } from "yaml";
import { MetricsServer, type MetricsServerProps } from "./metrics-server";
import { expectReleaseAfterNamespace, expectRestrictedNamespace } from "../../../test-helpers/addon-assertions";

const props: MetricsServerProps = {
  highAvailability: true,
  privateSubnetCidrs: ["10.130.64.0/20", "10.130.80.0/20", "10.130.96.0/20"],
  controlPlaneSubnetCidrs: ["10.130.216.0/28", "10.130.216.16/28", "10.130.216.32/28"],
};

function synth(overrides: Partial<MetricsServerProps> = {}) {
  const text = Testing.synthScope((scope) => new MetricsServer(scope, "metrics-server", { ...props, ...overrides }));
  const release = Object.values(JSON.parse(text).resource[Release.tfResourceType])[0] as { values: string[]; depends_on: string[] };
  return { text, release, values: parse(release.values[0]) };
}

describe("MetricsServer", () => {
  describe("in production", () => {
    const { text, release, values } = synth();

    it("creates the metrics-server namespace, Pod Security restricted", () => {
      expectRestrictedNamespace(text, "metrics-server");
    });

    it("installs the pinned chart 3.13.1 into it, after the namespace", () => {
      expectReleaseAfterNamespace(text, release, { name: "metrics-server", chart: "metrics-server", version: "3.13.1", repository: "https://kubernetes-sigs.github.io/metrics-server/", namespace: "metrics-server" });
    });

    it("renders two replicas, the PodDisruptionBudget and the APIService into the release", () => {
      expect(values).toMatchObject({ replicas: 2, podDisruptionBudget: { enabled: true, minAvailable: 1 }, apiService: { create: true } });
    });

    it("admits the secure port 10250 only from the control-plane and private subnets", () => {
      expect(text).toHaveResourceWithProperties(NetworkPolicyV1, {
        metadata: { name: "metrics-server", namespace: "metrics-server" },
        spec: {
          pod_selector: { match_labels: { "app.kubernetes.io/name": "metrics-server", "app.kubernetes.io/instance": "metrics-server" } },
          policy_types: ["Ingress"],
          ingress: [
            {
              from: [...props.controlPlaneSubnetCidrs, ...props.privateSubnetCidrs].map((cidr) => ({ ip_block: { cidr } })),
              ports: [{ port: "10250", protocol: "TCP" }],
            },
          ],
        },
      });
    });
  });

  describe("outside production", () => {
    it("renders one replica without a PodDisruptionBudget", () => {
      const { values } = synth({ highAvailability: false });
      expect(values).toMatchObject({ replicas: 1, podDisruptionBudget: { enabled: false } });
    });
  });

  describe("with no private subnets", () => {
    it("throws, naming the construct and the missing CIDRs", () => {
      expect(() => synth({ privateSubnetCidrs: [] })).toThrow(/metrics-server: privateSubnetCidrs is empty/);
    });
  });

  describe("with no control-plane subnets", () => {
    it("throws, naming the construct and the missing CIDRs", () => {
      expect(() => synth({ controlPlaneSubnetCidrs: [] })).toThrow(
        /metrics-server: controlPlaneSubnetCidrs is empty; the API server reaches metrics-server from the cluster's control-plane subnets/,
      );
    });
  });
});
