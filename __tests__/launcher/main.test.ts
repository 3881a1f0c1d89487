import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { organizationStacks } from "../../src/model/naming";
import { changedFile, defaultFile } from "../../test-helpers/model-fixtures";

/** The stacks of the embedded default organization, from the model rather than a count kept by hand. */
const DEFAULT_STACKS = organizationStacks(
  Object.entries(defaultFile().environments).map(([name, env]) => ({ name, cluster: (env as { eks?: unknown }).eks !== undefined })),
).map((stack) => stack.name);

const root = join(__dirname, "..", "..");

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "lz-main-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A new folder in this file's temporary folder. */
function tempDir(prefix: string): string {
  return mkdtempSync(join(work, prefix));
}
/** The synth entry point cdktf.json and `npm run synth` use. */
const SYNTH_ENTRY = "bin/synth.cjs";

/** The build folder bin/synth.cjs made under `synthDir` (one: older builds are removed). */
function buildDirOf(synthDir: string): string {
  const builds = readdirSync(synthDir).filter((e) => !e.startsWith("partial-"));
  expect(builds).toHaveLength(1);
  return join(synthDir, builds[0]);
}

/** The code cache files of a build folder. */
function codeCaches(buildDir: string): string[] {
  return readdirSync(buildDir).filter((f) => f.endsWith(".v8cache")).map((f) => join(buildDir, f));
}

/** The key a valid code cache starts with: sha256 of node's version and the build's digest (its folder's name). */
function expectedCacheKey(buildDir: string): Buffer {
  return createHash("sha256").update(`${process.version}\n${basename(buildDir)}`).digest();
}

/** Every synthesized stack file of an output folder, by stack name. */
function stackFiles(outdir: string): Record<string, string> {
  const stacks = join(outdir, "stacks");
  return Object.fromEntries(readdirSync(stacks).map((name) => [name, readFileSync(join(stacks, name, "cdk.tf.json"), "utf8")]));
}

/**
 * Runs the real synth entry point with an environments file and an output folder; `synthDir`
 * gives the launcher a build folder of the test's own (LZ_SYNTH_DIR), `nodeArgs` node flags,
 * `outdir` the output folder (default: a new one).
 */
function synth(environmentsFile?: string, options: { synthDir?: string; nodeArgs?: string[]; outdir?: string } = {}) {
  const outdir = options.outdir ?? join(tempDir("out-"), "out");
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir, PLATFORM_CONFIG: environmentsFile ?? "" };
  if (options.synthDir) env.LZ_SYNTH_DIR = options.synthDir;
  const run = spawnSync(process.execPath, [...(options.nodeArgs ?? []), SYNTH_ENTRY], { cwd: root, env, encoding: "utf8" });
  return { ...run, outdir };
}

describe("main.ts through bin/synth.cjs", () => {
  describe("with a bad environments file", () => {
    it("exits 1, prints every problem without a stack trace, and writes nothing", () => {
      const file = join(tempDir("bad-"), "bad.yaml");
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
    it("synthesizes the embedded organization and says what it wrote, warnings included", () => {
      const outdir = join(tempDir("report-"), "out");
      // A folder of a stack the organization no longer has, left by an earlier synth.
      mkdirSync(join(outdir, "stacks", "staging"), { recursive: true });
      const run = synth(undefined, { outdir });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(readdirSync(join(run.outdir, "stacks")).sort()).toEqual([...DEFAULT_STACKS].sort());
      expect(DEFAULT_STACKS).toContain("dns");
      expect(run.stdout).toMatch(new RegExp(`^Synthesized ${DEFAULT_STACKS.length} stacks into .*out:\\n`));
      expect(run.stdout).toMatch(/\n {2}production {2,}\d+ resources\n/);
      expect(run.stdout).toMatch(/\nwarning \[production-platform\]: environments\.production\.platform\.ingress\.controller: ingress-nginx was retired/);
      expect(run.stdout).toMatch(/\nwarning \[management\]: environments\.management\.vpn\.adminCidrs: 203\.0\.113\.0\/24 is a documentation range/);
      expect(run.stdout).toMatch(/\nRemoved 1 stack folder the organization no longer has: .*stacks\/staging\n/);
      expect(run.stdout).toMatch(/\nwarning \[production-platform\]: environments\.production\.eks: Karpenter's nodes use al2023@latest/);
      // With the two clusters' Karpenter AMI-alias warnings.
      expect(run.stdout).toMatch(new RegExp(`\\nTotal: ${DEFAULT_STACKS.length} stacks, \\d+ resources, 8 warnings\\.\\n$`));
    });
  });

  it("writes from a checkout at another path what main.ts run unbundled by tsx writes at a third, byte for byte, with no path in it", () => {
    // Each checkout writes its default cdktf.out, as a user's does; one runs the launcher, one tsx.
    const checkouts = [join(tempDir("checkout-a-"), "lz"), join(tempDir("checkout-b-"), "deeper", "landing-zone")];
    const runs = checkouts.map((checkout, i) => {
      mkdirSync(checkout, { recursive: true });
      for (const entry of ["main.ts", "src", "bin", "policy", "package.json", "tsconfig.json"]) cpSync(join(root, entry), join(checkout, entry), { recursive: true });
      symlinkSync(join(root, "node_modules"), join(checkout, "node_modules"));
      const env: NodeJS.ProcessEnv = { ...process.env, PLATFORM_CONFIG: "" };
      delete env.CDKTF_OUTDIR;
      const args = i === 0 ? [SYNTH_ENTRY] : ["--import", "tsx", "main.ts"];
      const run = spawnSync(process.execPath, args, { cwd: checkout, env, encoding: "utf8" });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      return stackFiles(join(checkout, "cdktf.out"));
    });
    expect(Object.keys(runs[0])).toHaveLength(DEFAULT_STACKS.length);
    expect(runs[1]).toEqual(runs[0]);
    for (const json of Object.values(runs[0])) {
      expect(json).not.toContain(work);
      expect(json).not.toContain(root);
    }
    expect(JSON.parse(runs[0].state).terraform.backend).toEqual({ local: { path: "../../../terraform.state.tfstate" } });
  });

  describe("the code cache", () => {
    // One build folder for these tests (a build takes seconds); each starts without a code cache.
    // It starts as a copy of the build the report test above made (same checkout, same digest).
    let synthDir: string;
    beforeAll(() => {
      synthDir = tempDir("synthdir-");
      const rootSynthDir = process.env.LZ_SYNTH_DIR || join(root, ".synth");
      if (existsSync(rootSynthDir)) {
        for (const entry of readdirSync(rootSynthDir).filter((e) => !e.startsWith("partial-"))) {
          cpSync(join(rootSynthDir, entry), join(synthDir, entry), { recursive: true });
        }
      }
    });
    beforeEach(() => {
      if (!existsSync(synthDir) || readdirSync(synthDir).length === 0) return;
      for (const cache of codeCaches(buildDirOf(synthDir))) rmSync(cache);
    });

    it("is saved by a successful synth only, keyed to the build and node, with a checksum", () => {
      const bad = join(tempDir("bad-"), "bad.yaml");
      writeFileSync(bad, changedFile((f) => (f.environments.production.cidr = "10.120.0.0/16")));
      expect(synth(bad, { synthDir }).status).toBe(1);
      const buildDir = buildDirOf(synthDir);
      expect(codeCaches(buildDir)).toEqual([]);

      expect(synth(undefined, { synthDir }).status).toBe(0);
      const [cache] = codeCaches(buildDir);
      const file = readFileSync(cache);
      expect(file.subarray(0, 32)).toEqual(expectedCacheKey(buildDir));
      expect(file.subarray(32, 64)).toEqual(createHash("sha256").update(file.subarray(64)).digest());
    });

    it("gives the same stacks with the cache, without it, and after replacing a foreign or damaged one", () => {
      const cold = synth(undefined, { synthDir });
      const buildDir = buildDirOf(synthDir);
      const [cache] = codeCaches(buildDir);
      const savedCache = statSync(cache).ino;
      const warm = synth(undefined, { synthDir });
      // V8 accepted the cache: a rejected one would have been written anew (a new file, by rename).
      expect(statSync(cache).ino).toBe(savedCache);

      const good = readFileSync(cache);
      writeFileSync(cache, Buffer.concat([Buffer.alloc(32, 7), good.subarray(32)]));
      const foreign = synth(undefined, { synthDir });
      expect(readFileSync(cache).subarray(0, 32)).toEqual(expectedCacheKey(buildDir));

      // The right key over a damaged payload: V8 would crash on it, the checksum keeps it out.
      const damaged = Buffer.from(good);
      damaged.fill(0xa5, 64 + 100_000, 64 + 104_096);
      writeFileSync(cache, damaged);
      const afterDamage = synth(undefined, { synthDir });
      const rewritten = readFileSync(cache);
      expect(rewritten.equals(damaged)).toBe(false);
      expect(rewritten.subarray(32, 64)).toEqual(createHash("sha256").update(rewritten.subarray(64)).digest());

      for (const run of [cold, warm, foreign, afterDamage]) {
        expect(run.stderr).toBe("");
        expect(run.status).toBe(0);
      }
      for (const run of [warm, foreign, afterDamage]) expect(stackFiles(run.outdir)).toEqual(stackFiles(cold.outdir));
      expect(Object.keys(stackFiles(cold.outdir))).toHaveLength(DEFAULT_STACKS.length);
    });

    it("keeps one cache per set of node flags, so runs with other flags (cdktf's CLI) do not replace it", () => {
      expect(synth(undefined, { synthDir }).status).toBe(0);
      const buildDir = buildDirOf(synthDir);
      const [plain] = codeCaches(buildDir);
      const plainInode = statSync(plain).ino;
      expect(synth(undefined, { synthDir, nodeArgs: ["--max-old-space-size=2048"] }).status).toBe(0);
      expect(codeCaches(buildDir)).toHaveLength(2);
      expect(statSync(plain).ino).toBe(plainInode);
    });
  });
});
