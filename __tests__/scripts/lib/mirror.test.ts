import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mirrorVersions, missingProviderReason, skipReason } from "../../../scripts/lib/mirror";

const aws = { name: "aws", address: "registry.terraform.io/hashicorp/aws", version: "5.100.0" };
const helm = { name: "helm", address: "registry.terraform.io/hashicorp/helm", version: "3.0.2" };
const kubernetes = { name: "kubernetes", address: "registry.terraform.io/hashicorp/kubernetes", version: "2.38.0" };

describe("mirrorVersions", () => {
  describe("a mirror with an unpacked and a packed provider", () => {
    let mirror: string;
    beforeAll(() => {
      mirror = mkdtempSync(join(tmpdir(), "mirror-test-"));
      mkdirSync(join(mirror, "registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64"), { recursive: true });
      mkdirSync(join(mirror, "registry.terraform.io/hashicorp/random"), { recursive: true });
      writeFileSync(join(mirror, "registry.terraform.io/hashicorp/random/terraform-provider-random_3.7.2_linux_amd64.zip"), "");
    });
    afterAll(() => rmSync(mirror, { recursive: true, force: true }));

    it("finds the unpacked version", () => {
      expect(mirrorVersions(mirror, aws.address)).toEqual(["5.100.0"]);
    });

    it("finds the packed version", () => {
      expect(mirrorVersions(mirror, "registry.terraform.io/hashicorp/random")).toEqual(["3.7.2"]);
    });

    it("finds nothing for a provider it lacks", () => {
      expect(mirrorVersions(mirror, helm.address)).toEqual([]);
    });
  });
});

describe("missingProviderReason", () => {
  describe("a provider the mirror lacks", () => {
    it("says it is not in the mirror", () => {
      expect(missingProviderReason(helm, [])).toBe("hashicorp/helm is not in the offline mirror");
    });
  });

  describe("an exact version the mirror lacks", () => {
    it("names the versions it has", () => {
      expect(missingProviderReason(aws, ["5.99.0"])).toBe("hashicorp/aws 5.100.0 is not in the offline mirror (it has 5.99.0)");
    });
  });

  describe("a version the mirror has, or a range", () => {
    it("finds no reason", () => {
      expect(missingProviderReason(aws, ["5.100.0"])).toBeUndefined();
      expect(missingProviderReason({ ...aws, version: "~> 5.0" }, ["5.100.0"])).toBeUndefined();
    });
  });
});

describe("skipReason", () => {
  describe("two missing providers", () => {
    it("names both, sorted, and where the stack is covered instead", () => {
      expect(skipReason([kubernetes, helm], "covered by jest platform tests")).toBe(
        "providers hashicorp/helm, hashicorp/kubernetes are not in the offline mirror; covered by jest platform tests",
      );
    });
  });

  describe("one missing provider", () => {
    it("uses the singular", () => {
      expect(skipReason([helm], "covered elsewhere")).toBe("provider hashicorp/helm is not in the offline mirror; covered elsewhere");
    });
  });
});
