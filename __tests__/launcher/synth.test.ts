import { readdirSync, readFileSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { createLauncherApp, LAUNCHER_APP_FILES, type LauncherApp, type SynthRun } from "../../test-helpers/launcher-app";

/** The outputs the fixture app writes before any edit. */
const FIRST_OUTPUTS = {
  greeting: "hello v1, 1 field",
  util: "util/index.ts",
  local_value_E7D08040: "local v1",
  beside: "beside v1",
  resolved: "resolved v1",
  "same-modules": "one cdktf, one constructs",
};

/** Asserts a run succeeded without a word on stderr, and returns its outputs. */
function outputsOf(run: SynthRun): Record<string, string> {
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return run.outputs;
}

/** The app's build folders (.synth/<digest>). */
function builds(app: LauncherApp): string[] {
  return readdirSync(join(app.dir, ".synth")).filter((e) => !e.startsWith("partial-"));
}

/** A modification time in whole seconds, which utimes can set exactly. */
const ROUND_MTIME = new Date("2026-01-01T00:00:00Z");

/**
 * Edits a file of the app keeping its size and its modification time (set to ROUND_MTIME before
 * the first synth), as a fast editor or a checkout can.
 */
function editKeepingSizeAndMtime(app: LauncherApp, path: string, from: string, to: string): void {
  expect(to).toHaveLength(from.length);
  const file = join(app.dir, path);
  const before = statSync(file, { bigint: true });
  expect(before.mtimeMs).toBe(BigInt(ROUND_MTIME.getTime()));
  app.write(path, readFileSync(file, "utf8").replace(from, to));
  utimesSync(file, ROUND_MTIME, ROUND_MTIME);
  const after = statSync(file, { bigint: true });
  expect([after.size, after.mtimeNs]).toEqual([before.size, before.mtimeNs]);
}

describe("bin/synth.cjs on a small cdktf app", () => {
  let app: LauncherApp;
  beforeAll(() => {
    app = createLauncherApp();
    utimesSync(join(app.dir, "lib", "greeting.ts"), ROUND_MTIME, ROUND_MTIME);
  });
  afterAll(() => app.remove());

  it("writes what main.ts run unbundled by tsx writes, byte for byte", () => {
    const bundled = app.synth();
    expect(outputsOf(bundled)).toEqual(FIRST_OUTPUTS);
    const unbundled = app.tsx();
    expect(outputsOf(unbundled)).toEqual(FIRST_OUTPUTS);
    expect(bundled.stackJson).toBe(unbundled.stackJson);
  });

  it("bundles first-party code, cdktf and the library it can, records them, and leaves the rest to node", () => {
    const [build] = builds(app);
    const record = JSON.parse(readFileSync(join(app.dir, ".synth", build, "build.json"), "utf8")) as { files: { path: string }[] };
    const recorded = record.files.map((f) => f.path);
    for (const file of ["main.ts", "lib/greeting.ts", "packages/local-constructs/index.ts", "node_modules/beside-lib/index.js", "tsconfig.json"]) {
      expect(recorded).toContain(join(app.dir, file));
    }
    expect(recorded.some((f) => f.endsWith(join("node_modules", "cdktf", "lib", "app.js")))).toBe(true);
    expect(recorded.filter((f) => f.includes("resolve-lib"))).toEqual([]);
  });

  it("reuses the build while nothing changed", () => {
    const [before] = builds(app);
    const bundleInode = statSync(join(app.dir, ".synth", before, "main.js")).ino;
    expect(outputsOf(app.synth())).toEqual(FIRST_OUTPUTS);
    expect(builds(app)).toEqual([before]);
    expect(statSync(join(app.dir, ".synth", before, "main.js")).ino).toBe(bundleInode);
  });

  it("sees an edit of a file outside src/, even one that keeps the file's size and mtime", () => {
    editKeepingSizeAndMtime(app, "lib/greeting.ts", "hello v1", "hello v2");
    expect(outputsOf(app.synth()).greeting).toBe("hello v2, 1 field");
  });

  it("sees an edit of a local package linked into node_modules", () => {
    app.write("packages/local-constructs/index.ts", LAUNCHER_APP_FILES["packages/local-constructs/index.ts"].replace("local v1", "local v2"));
    expect(outputsOf(app.synth()).local_value_E7D08040).toBe("local v2");
  });

  it("sees an edit of a bundled package in node_modules", () => {
    app.write("node_modules/beside-lib/index.js", LAUNCHER_APP_FILES["node_modules/beside-lib/index.js"].replace(".trim()", ".trim().toUpperCase()"));
    expect(outputsOf(app.synth()).beside).toBe("BESIDE V1");
  });

  it("lets libraries read files beside their modules, and sees edits of those files", () => {
    app.write("node_modules/beside-lib/value.txt", "beside v2\n");
    app.write("node_modules/resolve-lib/data.json", `{ "value": "resolved v2" }\n`);
    const outputs = outputsOf(app.synth());
    expect(outputs.beside).toBe("BESIDE V2");
    expect(outputs.resolved).toBe("resolved v2");
  });

  it("sees a new file that an import now resolves to (lib/util.ts beside lib/util/index.ts)", () => {
    app.write("lib/util.ts", `export const utilName = "util.ts";\n`);
    expect(outputsOf(app.synth()).util).toBe("util.ts");
  });

  it("sees an edit of tsconfig.json", () => {
    // Without useDefineForClassFields, a class field declared without a value is not defined.
    app.write("tsconfig.json", LAUNCHER_APP_FILES["tsconfig.json"].replace(`"strict": true`, `"strict": true, "useDefineForClassFields": false`));
    expect(outputsOf(app.synth()).greeting).toBe("hello v2, 0 field");
  });

  it("still writes what tsx writes after all those edits, and keeps only the newest build", () => {
    const bundled = app.synth();
    const unbundled = app.tsx();
    expect(outputsOf(bundled)).toEqual(outputsOf(unbundled));
    expect(bundled.stackJson).toBe(unbundled.stackJson);
    expect(builds(app)).toHaveLength(1);
  });

  it("with LZ_SOURCE_MAPS=1, points a failing synth's stack trace at the source line", () => {
    app.write("lib/greeting.ts", `export const greeting: string = "x";\nthrow new Error("greeting broke");\n`);
    const run = app.synth(undefined, { LZ_SOURCE_MAPS: "1" });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Error: greeting broke\n\s+at .*lib\/greeting\.ts:2:7\)?\n/);
  });
});
