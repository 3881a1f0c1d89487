import { MIRROR_ENV_VAR, mirrorProblem, offlineCliConfig } from "../../../scripts/lib/cli-config";

describe("offlineCliConfig", () => {
  describe("a mirror path", () => {
    const text = offlineCliConfig("/mirrors/tf plugins");

    it("installs providers from a filesystem mirror at that path", () => {
      expect(text).toMatch(/filesystem_mirror \{\n\s+path = "\/mirrors\/tf plugins"\n\s+\}/);
    });

    it("never installs from the public registry directly", () => {
      expect(text).toContain('exclude = ["registry.terraform.io/*/*"]');
    });
  });

  describe("a path with quotes or backslashes", () => {
    it("escapes them as an HCL string", () => {
      expect(offlineCliConfig('C:\\tf "x"')).toContain('path = "C:\\\\tf \\"x\\""');
    });
  });
});

describe("mirrorProblem", () => {
  describe("the variable is unset", () => {
    it("says it is not set and how to set it", () => {
      const message = mirrorProblem(undefined, () => true);
      expect(message).toMatch(new RegExp(`^${MIRROR_ENV_VAR} is not set`));
      expect(message).toContain(`${MIRROR_ENV_VAR}=/path/to/tf-plugins npm run validate`);
    });
  });

  describe("the variable names a missing directory", () => {
    it("names the value", () => {
      expect(mirrorProblem("/nowhere", () => false)).toMatch(/TF_PLUGIN_MIRROR=\/nowhere does not exist/);
    });
  });

  describe("the variable names an existing directory", () => {
    it("finds no problem", () => {
      expect(mirrorProblem("/mirror", () => true)).toBeUndefined();
    });
  });
});
