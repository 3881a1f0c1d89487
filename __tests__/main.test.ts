import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { changedFile } from "../test-helpers/model-fixtures";

const root = join(__dirname, "..");
/** The synth entry point cdktf.json and `npm run synth` use. */
const SYNTH_ENTRY = "bin/synth.cjs";

/** Runs the real synth entry point with an environments file and an output folder. */
function synth(environmentsFile?: string) {
  const outdir = join(mkdtempSync(join(tmpdir(), "lz-main-")), "out");
  const env = { ...process.env, CDKTF_OUTDIR: outdir, PLATFORM_CONFIG: environmentsFile ?? "" };
  const run = spawnSync(process.execPath, [SYNTH_ENTRY], { cwd: root, env, encoding: "utf8" });
  return { ...run, outdir };
}

describe("main.ts through bin/synth.cjs", () => {
  describe("with a bad environments file", () => {
    it("exits 1, prints every problem without a stack trace, and writes nothing", () => {
      const file = join(mkdtempSync(join(tmpdir(), "lz-bad-")), "bad.yaml");
      writeFileSync(
        file,
        changedFile((f) => {
          f.environments.production.cidr = "10.120.0.0/16";
          f.environments.development.eks.nodeGroups[0].min = 9;
        }),
      );
      const run = synth(file);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain("2 problems in the environments file");
      expect(run.stderr).toMatch(/environments\.production\.cidr \(line \d+\): 10\.120\.0\.0\/16 overlaps management/);
      expect(run.stderr).toMatch(/nodeGroups\[0\]\.min.*min 9 is greater than max 4/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(run.outdir)).toBe(false);
    });
  });

  describe("with PLATFORM_CONFIG unset", () => {
    it("synthesizes the embedded organization", () => {
      const run = synth();
      expect(run.stderr).not.toMatch(/Error/);
      expect(run.status).toBe(0);
      expect(readdirSync(join(run.outdir, "stacks"))).toEqual(expect.arrayContaining(["state", "management", "production", "development"]));
    });
  });
});
