import { Release } from "@cdktf/provider-helm/lib/release";
import { Testing } from "cdktf";
import type { Construct } from "constructs";
import { parse } from "yaml";
import type { ClusterAttributes } from "../../eks/cluster-attributes";
import { environmentByName, type Environment } from "../../model/org";
import { loadChanged } from "../../../test-helpers/model-fixtures";
import type { InstalledAddon } from "../addon";
import { karpenterAddon } from "./addon";

const org = loadChanged();
const outputs = {
  "karpenter-role-arn": "arn:aws:iam::222222222222:role/acme-production-irsa-karpenter",
  "karpenter-node-role-name": "acme-production-karpenter-node",
  "karpenter-interruption-queue-name": "acme-production",
};
const cluster = { clusterName: "acme-production", clusterEndpoint: "https://ABCDEF.gr7.us-east-1.eks.amazonaws.com" } as ClusterAttributes;

function install(environment: Environment, given: Record<string, string> = outputs) {
  let installed: InstalledAddon | undefined;
  const text = Testing.synthScope((scope: Construct) => {
    installed = karpenterAddon.addClusterResources!(scope, { org, environment, platform: environment.platform!, cluster, outputs: given, installed: new Map() });
  });
  const releases = Object.values(JSON.parse(text).resource[Release.tfResourceType]) as { name: string; values: string[] }[];
  const values = (name: string) => parse(releases.find((r) => r.name === name)!.values[0]);
  return { installed: installed!, values };
}

describe("karpenterAddon", () => {
  it("runs in the clusters whose autoscaling is karpenter, the default", () => {
    expect(karpenterAddon.isEnabled(environmentByName(org, "production"))).toBe(true);
    const other = loadChanged((f) => (f.environments.development.eks.autoscaling = "cluster-autoscaler"));
    expect(karpenterAddon.isEnabled(environmentByName(other, "development"))).toBe(false);
    expect(karpenterAddon.isEnabled(environmentByName(org, "management"))).toBe(false);
  });

  describe("its cluster side in production", () => {
    const { installed, values } = install(environmentByName(org, "production"));

    it("wires the AWS side's role, queue and node role into the releases", () => {
      expect(values("karpenter")).toMatchObject({
        replicas: 2,
        serviceAccount: { annotations: { "eks.amazonaws.com/role-arn": outputs["karpenter-role-arn"] } },
        settings: { clusterName: "acme-production", clusterEndpoint: cluster.clusterEndpoint, interruptionQueue: "acme-production" },
      });
      expect(values("karpenter-node-pools").nodeClasses[0].spec.role).toBe("acme-production-karpenter-node");
    });

    it("tags what Karpenter launches with the environment's default tags", () => {
      expect(values("karpenter-node-pools").nodeClasses[0].spec.tags).toMatchObject({ organization: "acme", environment: "production", "managed-by": "cdktf" });
    });

    it("reports its namespace and the node pools' release as what dependents wait for", () => {
      expect(installed.namespace).toBe("karpenter");
      expect(installed.ready).toHaveLength(1);
    });
  });

  describe("without the AWS side's outputs", () => {
    it("throws, naming the missing outputs and how to provide them", () => {
      expect(() => install(environmentByName(org, "development"), { "karpenter-role-arn": "x" })).toThrow(
        /acme-production: the cluster has no karpenter-node-role-name, karpenter-interruption-queue-name output\(s\) of the karpenter add-on; build the cluster's AWS side with the add-on/,
      );
    });
  });
});
