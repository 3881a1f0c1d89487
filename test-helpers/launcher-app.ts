/**
 * A small cdktf project for the launcher's tests (__tests__/bin/synth.test.ts): this repository's
 * bin/ launcher copied in, cdktf and constructs linked from this repository's node_modules, and
 * main.ts importing the kinds of modules whose edits the launcher must never miss:
 * - lib/greeting.ts, a file outside src/, whose output also depends on tsconfig.json;
 * - lib/util/index.ts, imported as `./lib/util` (a later lib/util.ts takes precedence);
 * - local-constructs, a local package (packages/local-constructs, symlinked into node_modules as
 *   `npm install ./packages/local-constructs` does), in TypeScript;
 * - beside-lib, a package that reads a file beside its own module through __dirname;
 * - resolve-lib, a package that finds its file with require.resolve (which no bundle can give
 *   it: node must load it) and checks that it sees the same cdktf and constructs as main.ts.
 * Each becomes a Terraform output of the stack `fixture`.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const REPO = join(__dirname, "..");
const LAUNCHER_FILES = ["synth.cjs", "bundle.cjs", "build-record.cjs", "lazy-stack-trace.cjs"];
/** Packages linked from this repository: the app's own, and what the launcher and tsx need. */
const LINKED_PACKAGES = ["cdktf", "constructs", "esbuild", "tsx"];

/** The project's files, by path relative to its root. */
export const LAUNCHER_APP_FILES: Readonly<Record<string, string>> = {
  "package.json": `${JSON.stringify({ name: "launcher-fixture", private: true, dependencies: { "local-constructs": "file:packages/local-constructs" } }, null, 2)}\n`,
  "tsconfig.json": `${JSON.stringify({ compilerOptions: { target: "ES2022", module: "commonjs", strict: true, esModuleInterop: true } }, null, 2)}\n`,
  "main.ts": `// resolve-lib first: node loads constructs for it before the bundle's cdktf asks for constructs.
import { resolvedValue, seesTheAppsModules } from "resolve-lib";
import { besideValue } from "beside-lib";
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { LocalThing } from "local-constructs";
import { greeting } from "./lib/greeting";
import { utilName } from "./lib/util";

const app = new App();
const stack = new TerraformStack(app, "fixture");
new TerraformOutput(stack, "greeting", { value: greeting });
new TerraformOutput(stack, "util", { value: utilName });
new LocalThing(stack, "local");
new TerraformOutput(stack, "beside", { value: besideValue() });
new TerraformOutput(stack, "resolved", { value: resolvedValue() });
new TerraformOutput(stack, "same-modules", { value: seesTheAppsModules(stack) });
app.synth();
`,
  // Its output also shows whether tsconfig.json's class-field semantics apply (useDefineForClassFields).
  "lib/greeting.ts": `class Greeting {
  declared!: string;
}
export const greeting = \`hello v1, \${Object.keys(new Greeting()).length} field\`;
`,
  "lib/util/index.ts": `export const utilName = "util/index.ts";\n`,
  "packages/local-constructs/package.json": `${JSON.stringify({ name: "local-constructs", version: "1.0.0", main: "index.ts" }, null, 2)}\n`,
  "packages/local-constructs/index.ts": `import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";

export class LocalThing extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new TerraformOutput(this, "value", { value: "local v1" });
  }
}
`,
  "node_modules/beside-lib/package.json": `${JSON.stringify({ name: "beside-lib", version: "1.0.0", main: "index.js" }, null, 2)}\n`,
  "node_modules/beside-lib/index.js": `"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
exports.besideValue = () => readFileSync(join(__dirname, "value.txt"), "utf8").trim();
`,
  "node_modules/beside-lib/value.txt": "beside v1\n",
  "node_modules/resolve-lib/package.json": `${JSON.stringify({ name: "resolve-lib", version: "1.0.0", main: "index.js" }, null, 2)}\n`,
  "node_modules/resolve-lib/index.js": `"use strict";
const { readFileSync } = require("node:fs");
const { Construct } = require("constructs");
exports.resolvedValue = () => JSON.parse(readFileSync(require.resolve("./data.json"), "utf8")).value;
exports.seesTheAppsModules = (stack) =>
  stack instanceof Construct && stack instanceof require("cdktf").TerraformStack ? "one cdktf, one constructs" : "two copies";
`,
  "node_modules/resolve-lib/data.json": `{ "value": "resolved v1" }\n`,
};

/** A fixture project in a temporary folder. */
export interface LauncherApp {
  /** The project's root. */
  readonly dir: string;
  /** Writes a file of the project (path relative to its root). */
  write(path: string, text: string): void;
  /** Runs `node bin/synth.cjs` in the project, into `outdir` (default: a fresh folder beside the project), with `env` added. */
  synth(outdir?: string, env?: NodeJS.ProcessEnv): SynthRun;
  /** Runs main.ts unbundled, through tsx, into a fresh folder beside the project. */
  tsx(): SynthRun;
  /** Removes the project. */
  remove(): void;
}

/** A finished run and what it wrote. */
export interface SynthRun extends SpawnSyncReturns<string> {
  readonly outdir: string;
  /** The fixture stack's cdk.tf.json, as written. */
  readonly stackJson: string;
  /** The fixture stack's outputs, by name. */
  readonly outputs: Record<string, string>;
}

/** Creates the fixture project in a new temporary folder. */
export function createLauncherApp(): LauncherApp {
  const temp = mkdtempSync(join(tmpdir(), "lz-launcher-app-"));
  const dir = join(temp, "app");
  let runs = 0;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  for (const [path, text] of Object.entries(LAUNCHER_APP_FILES)) write(path, text);
  mkdirSync(join(dir, "bin"));
  for (const file of LAUNCHER_FILES) copyFileSync(join(REPO, "bin", file), join(dir, "bin", file));
  for (const name of LINKED_PACKAGES) symlinkSync(join(REPO, "node_modules", name), join(dir, "node_modules", name));
  symlinkSync(join("..", "packages", "local-constructs"), join(dir, "node_modules", "local-constructs"));

  const run = (args: string[], outdir?: string, env: NodeJS.ProcessEnv = {}): SynthRun => {
    const out = outdir ?? join(temp, "out", String(++runs));
    mkdirSync(dirname(out), { recursive: true });
    const result = spawnSync(process.execPath, args, { cwd: dir, env: { ...process.env, ...env, CDKTF_OUTDIR: out }, encoding: "utf8", timeout: 120_000 });
    let stackJson = "";
    try {
      stackJson = readFileSync(join(out, "stacks", "fixture", "cdk.tf.json"), "utf8");
    } catch {
      // The run failed; its stderr says why.
    }
    const outputs = stackJson ? outputsOf(stackJson) : {};
    return { ...result, outdir: out, stackJson, outputs };
  };
  return {
    dir,
    write,
    synth: (outdir, env) => run([join("bin", "synth.cjs")], outdir, env),
    tsx: () => run(["--import", "tsx", "main.ts"]),
    remove: () => rmSync(temp, { recursive: true, force: true }),
  };
}

/** A stack's Terraform outputs by name (the local package's output has a construct-path name). */
function outputsOf(stackJson: string): Record<string, string> {
  const json = JSON.parse(stackJson) as { output?: Record<string, { value: string }> };
  return Object.fromEntries(Object.entries(json.output ?? {}).map(([name, o]) => [name, o.value]));
}
