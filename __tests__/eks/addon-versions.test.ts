import { ADDON_VERSIONS, addonVersionsFor, EKS_ADDONS } from "../../src/eks/addon-versions";
import { SUPPORTED_KUBERNETES_VERSIONS } from "../../src/model/kubernetes-versions";

describe("ADDON_VERSIONS", () => {
  describe.each(SUPPORTED_KUBERNETES_VERSIONS.map((v) => [v]))("for supported Kubernetes %s", (version) => {
    it("pins every add-on to an eksbuild version", () => {
      const pinned = ADDON_VERSIONS[version];
      expect(pinned).toBeDefined();
      for (const addon of EKS_ADDONS) expect(pinned[addon]).toMatch(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/);
    });

    it("pins kube-proxy to the same Kubernetes minor version", () => {
      expect(ADDON_VERSIONS[version]["kube-proxy"]).toMatch(new RegExp(`^v${version.replace(".", "\\.")}\\.`));
    });
  });

  it("pins no version that is not supported (stale entries are removed with the version)", () => {
    expect(Object.keys(ADDON_VERSIONS).sort()).toEqual([...SUPPORTED_KUBERNETES_VERSIONS].sort());
  });
});

describe("addonVersionsFor", () => {
  describe("with a pinned version", () => {
    it("returns its versions", () => {
      expect(addonVersionsFor("1.33")["vpc-cni"]).toBe(ADDON_VERSIONS["1.33"]["vpc-cni"]);
    });
  });
  describe("with a version that has no pins", () => {
    it("throws naming the version and the file to edit", () => {
      expect(() => addonVersionsFor("1.20")).toThrow(/Kubernetes 1\.20.*src\/eks\/addon-versions\.ts/);
    });
  });
});
