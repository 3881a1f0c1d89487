import { ADDON_UNIT_EKS_ADDONS, ADDON_UNIT_VERSIONS, addonUnitVersionFor } from "../../eks/addon-versions";
import { SUPPORTED_KUBERNETES_VERSIONS } from "../../model/kubernetes-versions";
import { environmentByName } from "../../model/org";
import { loadOrgFile } from "../../model/load";
import { parseStack, synthStack } from "../../testing";
import { containerInsightsAddon } from "./addon";

const org = loadOrgFile();

describe("containerInsightsAddon", () => {
  it("runs in every environment that has a cluster", () => {
    expect(["production", "development"].every((name) => containerInsightsAddon.isEnabled(environmentByName(org, name)))).toBe(true);
  });

  it("has no cluster side: EKS installs its workloads", () => {
    expect(containerInsightsAddon.addClusterResources).toBeUndefined();
  });

  it("has a pinned version for every supported Kubernetes version", () => {
    for (const version of SUPPORTED_KUBERNETES_VERSIONS) {
      for (const addon of ADDON_UNIT_EKS_ADDONS) expect(ADDON_UNIT_VERSIONS[version][addon]).toMatch(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/);
    }
  });

  it("refuses a Kubernetes version without a pin, naming the file to add it to", () => {
    expect(() => addonUnitVersionFor("1.20", "amazon-cloudwatch-observability")).toThrow(
      /no pinned amazon-cloudwatch-observability version for Kubernetes 1\.20; add it to ADDON_UNIT_VERSIONS in src\/eks\/addon-versions\.ts/,
    );
  });

  describe("its AWS side in production", () => {
    const production = environmentByName(org, "production");
    const json = parseStack(synthStack(org, "production")) as any;

    it("installs the add-on at the version pinned for the cluster's Kubernetes version", () => {
      expect(json.resource.aws_eks_addon["eks_container-insights_addon"]).toMatchObject({
        addon_name: "amazon-cloudwatch-observability",
        addon_version: ADDON_UNIT_VERSIONS[production.eks!.version]["amazon-cloudwatch-observability"],
      });
    });

    it("keeps its logs as long as the cluster's control-plane logs, encrypted with the environment's logs key", () => {
      const group = json.resource.aws_cloudwatch_log_group["eks_container-insights_log-group-application"];
      expect(group).toMatchObject({ name: "/aws/containerinsights/acme-production/application", retention_in_days: production.eks!.logRetentionDays });
      expect(group.kms_key_id).toBe(json.resource.aws_cloudwatch_log_group["eks_log-group"].kms_key_id);
    });

    it("waits for the node group", () => {
      expect(json.resource.aws_eks_addon["eks_container-insights_addon"].depends_on).toContain("aws_eks_node_group.eks_node-group-general_node-group");
    });
  });
});
