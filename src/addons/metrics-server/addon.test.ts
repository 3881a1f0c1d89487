import { Release } from "@cdktf/provider-helm/lib/release";
import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { Testing } from "cdktf";
import type { Construct } from "constructs";
import type { ClusterAttributes } from "../../eks/cluster-attributes";
import { environmentByName } from "../../model/org";
import { loadChanged } from "../../../test-helpers/model-fixtures";
import type { InstalledAddon } from "../addon";
import { metricsServerAddon } from "./addon";

const org = loadChanged();

/** The cluster side for one environment of the default organization. */
function install(name: string) {
  const environment = environmentByName(org, name);
  let installed: InstalledAddon | undefined;
  const text = Testing.synthScope((scope: Construct) => {
    installed = metricsServerAddon.addClusterResources!(scope, {
      org,
      environment,
      platform: environment.platform!,
      // metrics-server reads nothing of the cluster's attributes; an empty object proves it.
      cluster: {} as ClusterAttributes,
      outputs: {},
      installed: new Map(),
    });
  });
  return { environment, text, installed: installed! };
}

describe("metricsServerAddon", () => {
  it("runs in every environment that has a cluster", () => {
    expect(["production", "development"].every((name) => metricsServerAddon.isEnabled(environmentByName(org, name)))).toBe(true);
  });

  it("has no AWS side", () => {
    expect(metricsServerAddon.addAwsResources).toBeUndefined();
  });

  describe("its cluster side in production", () => {
    const { environment, text, installed } = install("production");

    it("installs metrics-server highly available: two replicas and a PodDisruptionBudget", () => {
      expect(text).toHaveResourceWithProperties(Release, { name: "metrics-server", namespace: "metrics-server" });
      expect(text).toMatch(/replicas: 2/);
      expect(text).toMatch(/minAvailable: 1/);
    });

    it("admits the secure port from the environment's control-plane and private subnets", () => {
      const cidrs = [...environment.subnets.map((s) => s.controlPlane!), ...environment.subnets.map((s) => s.private)];
      expect(cidrs.every(Boolean)).toBe(true);
      expect(text).toHaveResourceWithProperties(NetworkPolicyV1, {
        spec: expect.objectContaining({ ingress: [{ from: cidrs.map((cidr) => ({ ip_block: { cidr } })), ports: [{ port: "10250", protocol: "TCP" }] }] }),
      });
    });

    it("reports its namespace and its release as what dependents wait for", () => {
      expect(installed.namespace).toBe("metrics-server");
      expect(installed.ready).toHaveLength(1);
      expect(installed.ingressController).toBeUndefined();
    });
  });

  describe("its cluster side outside production", () => {
    it("runs one replica", () => {
      const { text } = install("development");
      expect(text).toMatch(/replicas: 1/);
      expect(text).not.toMatch(/minAvailable/);
    });
  });
});
