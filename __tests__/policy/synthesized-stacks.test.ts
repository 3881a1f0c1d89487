import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadOrgFile } from "../../src/model";
import { readSynthesizedStacks } from "../../src/policy/synthesized-stacks";
import { synthesizeOrg } from "../../src/testing/synthesize-org";

describe("readSynthesizedStacks", () => {
  describe("a cdktf outdir", () => {
    const outdir = mkdtempSync(join(tmpdir(), "policy-read-"));
    afterAll(() => rmSync(outdir, { recursive: true, force: true }));
    for (const name of ["production", "management"]) {
      mkdirSync(join(outdir, "stacks", name), { recursive: true });
      writeFileSync(join(outdir, "stacks", name, "cdk.tf.json"), JSON.stringify({ resource: { aws_vpc: { [name]: {} } } }));
    }
    mkdirSync(join(outdir, "stacks", "not-a-stack"));

    it("reads every stack's cdk.tf.json by directory name, sorted", () => {
      expect(readSynthesizedStacks(outdir)).toEqual([
        { name: "management", json: { resource: { aws_vpc: { management: {} } } } },
        { name: "production", json: { resource: { aws_vpc: { production: {} } } } },
      ]);
    });
  });

  describe("a directory that was never synthesized", () => {
    it("says to synthesize first", () => {
      expect(() => readSynthesizedStacks(join(tmpdir(), "policy-missing-outdir"))).toThrow(/stacks does not exist: synthesize first/);
    });
  });
});

describe("synthesizeOrg", () => {
  describe("the default organization", () => {
    it("returns every stack's Terraform JSON, the S3 backends included", () => {
      const stacks = synthesizeOrg(loadOrgFile());
      expect(stacks.map((s) => s.name)).toEqual(expect.arrayContaining(["state", "management", "production", "development"]));
      const production = stacks.find((s) => s.name === "production")!.json as { terraform: { backend: Record<string, unknown> } };
      expect(Object.keys(production.terraform.backend)).toEqual(["s3"]);
    });
  });
});
