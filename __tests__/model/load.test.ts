import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadOrgFile, loadOrgText } from "../../src/model/load";
import { ModelError } from "../../src/model/problems";
import { changedFile } from "../../test-helpers/model-fixtures";

describe("loadOrgFile", () => {
  describe("without a path", () => {
    it("loads the embedded example organization", () => {
      expect(loadOrgFile().organization).toBe("acme");
    });
  });

  describe("with a file", () => {
    it("loads it", () => {
      const dir = mkdtempSync(join(tmpdir(), "lz-load-"));
      const path = join(dir, "org.yaml");
      writeFileSync(path, changedFile((f) => (f.organization = "globex")));
      expect(loadOrgFile(path).organization).toBe("globex");
    });

    it("says so when the file cannot be read", () => {
      const missing = join(mkdtempSync(join(tmpdir(), "lz-load-")), "missing.yaml");
      expect(() => loadOrgFile(missing)).toThrow(/missing\.yaml: 1 problem.*\n.*cannot read the file/);
    });
  });
});

describe("loadOrgText", () => {
  describe("a bad file", () => {
    it("throws a ModelError that names the source, the path and the line", () => {
      const text = changedFile((f) => (f.environments.production.nat = "always"));
      let error: unknown;
      try {
        loadOrgText(text, "acme.yaml");
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ModelError);
      const line = text.split("\n").findIndex((l) => l.includes("nat: always")) + 1;
      expect((error as ModelError).problems).toEqual([
        `environments.production.nat (line ${line}): "always": Invalid option: expected one of "perAz"|"single"|"none"`,
      ]);
      expect((error as ModelError).message).toMatch(/^acme\.yaml: 1 problem in the environments file:/);
    });

    it("rejects duplicate keys", () => {
      expect(() => loadOrgText("organization: a\norganization: b\n")).toThrow(/Map keys must be unique/);
    });

    it("reports a missing section as required", () => {
      expect(() => loadOrgText(changedFile((f) => delete f.state))).toThrow(/state.*is required/);
    });
  });
});
