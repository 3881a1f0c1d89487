import { environmentByName } from "../../model/org";
import { loadChanged } from "../../../test-helpers/model-fixtures";
import { DEFAULT_AMI_ALIAS, DEFAULT_POOL_LIMITS } from "./model";

const eksOf = (change: (file: any) => void, name = "development") => environmentByName(loadChanged(change), name).eks!;

describe("the node-autoscaling fragment of the environments file", () => {
  describe("in the default organization", () => {
    const org = loadChanged();

    it("uses Karpenter in every cluster", () => {
      expect(org.environments.filter((e) => e.eks).map((e) => e.eks!.autoscaling)).toEqual(["karpenter", "karpenter"]);
    });

    it("gives production one on-demand default pool and development one that prefers spot", () => {
      const production = environmentByName(org, "production").eks!;
      const development = environmentByName(org, "development").eks!;
      expect(production.nodePools.map((p) => [p.name, p.capacityTypes, p.limits])).toEqual([["default", ["on-demand"], DEFAULT_POOL_LIMITS.production]]);
      expect(development.nodePools.map((p) => [p.name, p.capacityTypes, p.limits])).toEqual([["default", ["spot", "on-demand"], DEFAULT_POOL_LIMITS.other]]);
    });

    it("gives the node class the documented AMI alias and a 50 GiB root volume, and warns that the alias is not pinned", () => {
      expect(environmentByName(org, "production").eks!.karpenter).toEqual({ amiAlias: DEFAULT_AMI_ALIAS, diskSizeGiB: 50 });
      expect(org.warnings.filter((w) => /al2023@latest/.test(w.message)).map((w) => w.stack)).toEqual(["production-platform", "development-platform"]);
    });
  });

  describe("with pools listed", () => {
    const eks = eksOf((f) => {
      f.environments.development.eks.nodePools = [
        { name: "general" },
        { name: "arm", architectures: ["arm64"], instanceFamilies: ["m7g", "c7g"], capacityTypes: ["spot"], limits: { cpu: 16, memoryGiB: 64 }, expireAfter: "Never" },
      ];
      f.environments.development.eks.karpenter = { amiAlias: "al2023@v20250101" };
    });

    it("replaces the default pool by the listed ones, in file order", () => {
      expect(eks.nodePools.map((p) => p.name)).toEqual(["general", "arm"]);
    });

    it("keeps what a pool says and fills in the rest: no default categories once families are given", () => {
      const arm = eks.nodePools[1];
      expect(arm).toMatchObject({ architectures: ["arm64"], instanceFamilies: ["m7g", "c7g"], capacityTypes: ["spot"], limits: { cpu: 16, memoryGiB: 64 }, expireAfter: "Never" });
      expect(arm.instanceCategories).toBeUndefined();
      expect(arm.minInstanceGenerationExclusive).toBeUndefined();
    });

    it("takes a pinned alias without warning", () => {
      expect(eks.karpenter!.amiAlias).toBe("al2023@v20250101");
    });
  });

  describe("with cluster-autoscaler", () => {
    it("has no pools and no node class", () => {
      const eks = eksOf((f) => (f.environments.development.eks.autoscaling = "cluster-autoscaler"));
      expect(eks).toMatchObject({ autoscaling: "cluster-autoscaler", nodePools: [] });
      expect(eks.karpenter).toBeUndefined();
    });
  });

  describe("rejects", () => {
    it("pools without Karpenter", () => {
      expect(() =>
        loadChanged((f) => {
          f.environments.development.eks.autoscaling = "none";
          f.environments.development.eks.nodePools = [{ name: "general" }];
        }),
      ).toThrow(/environments\.development\.eks\.nodePools.*is set while autoscaling is none; node pools are what Karpenter launches, so set autoscaling: karpenter or remove nodePools/);
    });

    it("a node class without Karpenter", () => {
      expect(() =>
        loadChanged((f) => {
          f.environments.development.eks.autoscaling = "cluster-autoscaler";
          f.environments.development.eks.karpenter = { diskSizeGiB: 100 };
        }),
      ).toThrow(/environments\.development\.eks\.karpenter.*is set while autoscaling is cluster-autoscaler/);
    });

    it("a pool name listed twice", () => {
      expect(() => loadChanged((f) => (f.environments.development.eks.nodePools = [{ name: "general" }, { name: "general" }]))).toThrow(
        /environments\.development\.eks\.nodePools\[1\]\.name.*general is listed twice; node pool names are unique in a cluster/,
      );
    });

    it("explicit instance types together with categories", () => {
      expect(() => loadChanged((f) => (f.environments.development.eks.nodePools = [{ name: "general", instanceTypes: ["m6i.large"], instanceCategories: ["c"] }]))).toThrow(
        /environments\.development\.eks\.nodePools\[0\]\.instanceTypes.*is set together with instanceCategories; list explicit instance types or describe them by category, family and size, not both/,
      );
    });

    it("a scheduled budget without its duration", () => {
      expect(() => loadChanged((f) => (f.environments.development.eks.nodePools = [{ name: "general", disruptionBudgets: [{ nodes: "0", schedule: "0 9 * * mon-fri" }] }]))).toThrow(
        /environments\.development\.eks\.nodePools\[0\]\.disruptionBudgets\[0\].*has only one of schedule and duration/,
      );
    });

    it("an alias of another AMI family and an unknown mode", () => {
      expect(() => loadChanged((f) => (f.environments.development.eks.karpenter = { amiAlias: "bottlerocket@latest" }))).toThrow(/amiAlias.*must be an Amazon Linux 2023 alias/);
      expect(() => loadChanged((f) => (f.environments.development.eks.autoscaling = "hpa"))).toThrow(/environments\.development\.eks\.autoscaling/);
    });
  });
});
