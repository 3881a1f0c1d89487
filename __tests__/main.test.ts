import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { changedFile } from "../test-helpers/model-fixtures";

const root = join(__dirname, "..");
/** The synth entry point cdktf.json and `npm run synth` use. */
const SYNTH_ENTRY = "bin/synth.cjs";

/** The bundle bin/synth.cjs runs, and the V8 code cache it saves for it. */
const BUNDLE = join(root, ".synth", "main.js");
const CODE_CACHE = join(root, ".synth", "main.v8cache");

/** The key a valid code cache starts with: sha256 of node's version and the bundle's bytes. */
function expectedCacheKey(): Buffer {
  return createHash("sha256").update(process.version).update(readFileSync(BUNDLE)).digest();
}

/** Every synthesized stack file of an output folder, by stack name. */
function stackFiles(outdir: string): Record<string, string> {
  const stacks = join(outdir, "stacks");
  return Object.fromEntries(readdirSync(stacks).map((name) => [name, readFileSync(join(stacks, name, "cdk.tf.json"), "utf8")]));
}

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

  describe("the code cache", () => {
    it("is saved by a successful synth only, keyed to the bundle and node", () => {
      rmSync(CODE_CACHE, { force: true });
      const bad = join(mkdtempSync(join(tmpdir(), "lz-bad-")), "bad.yaml");
      writeFileSync(bad, changedFile((f) => (f.environments.production.cidr = "10.120.0.0/16")));
      expect(synth(bad).status).toBe(1);
      expect(existsSync(CODE_CACHE)).toBe(false);

      expect(synth().status).toBe(0);
      expect(readFileSync(CODE_CACHE).subarray(0, 32)).toEqual(expectedCacheKey());
    });

    it("gives the same stacks with the cache, without it, and with a cache of another bundle (which it replaces)", () => {
      rmSync(CODE_CACHE, { force: true });
      const cold = synth();
      const savedCache = statSync(CODE_CACHE).ino;
      const warm = synth();
      // V8 accepted the cache: a rejected one would have been written anew (a new file, by rename).
      expect(statSync(CODE_CACHE).ino).toBe(savedCache);
      writeFileSync(CODE_CACHE, Buffer.concat([Buffer.alloc(32, 7), readFileSync(CODE_CACHE).subarray(32)]));
      const foreign = synth();
      for (const run of [cold, warm, foreign]) expect(run.status).toBe(0);
      expect(stackFiles(warm.outdir)).toEqual(stackFiles(cold.outdir));
      expect(stackFiles(foreign.outdir)).toEqual(stackFiles(cold.outdir));
      expect(Object.keys(stackFiles(cold.outdir))).toHaveLength(7);
      expect(readFileSync(CODE_CACHE).subarray(0, 32)).toEqual(expectedCacheKey());
    });
  });
});
