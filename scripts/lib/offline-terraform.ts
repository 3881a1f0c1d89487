/**
 * The offline Terraform runs of `npm run validate` and `npm run review`: synthesizing an
 * organization into a folder, writing a plan root of stacks as modules (plan-root.ts), `init`,
 * `plan` + `show -json`, the provider schemas, and the fixpoint plans that settle a prior state.
 * Terraform always runs with the offline CLI configuration (providers from the filesystem mirror
 * only), a shared plugin cache, no prompts and no version-check call.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildPlanRoot, type RootModule } from "./plan-root";
import { nextState, planChanges, type ResourceSchema, type ShowPlan, type StateFile } from "./prior-state";
import { run, type RunResult } from "./run";
import { errorLines, looksLikeAwsCall } from "./terraform-diagnostics";
import type { TerraformJson } from "./terraform-json";

/** Where one script keeps Terraform's offline configuration and caches. */
export interface OfflineSetup {
  /** The CLI configuration file naming the filesystem mirror (cli-config.ts writes it). */
  readonly cliConfig: string;
  /** TF_PLUGIN_CACHE_DIR, shared by every root of the run. */
  readonly pluginCache: string;
  /** Where the provider schemas are cached, per lock file. */
  readonly schemaCache: string;
}

/** The setup of a scratch folder: `terraform.tfrc`, `plugin-cache/`, `schema-cache/` in it. */
export function offlineSetup(scratch: string): OfflineSetup {
  return { cliConfig: join(scratch, "terraform.tfrc"), pluginCache: join(scratch, "plugin-cache"), schemaCache: join(scratch, "schema-cache") };
}

/** Terraform's environment: offline CLI config, shared plugin cache, no prompts, no version check call. */
export function terraformEnv(setup: OfflineSetup): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: setup.cliConfig,
    TF_PLUGIN_CACHE_DIR: setup.pluginCache,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
  };
}

/** `terraform <args>` in `cwd`, offline. */
export function terraform(setup: OfflineSetup, cwd: string, args: readonly string[]): Promise<RunResult> {
  return run("terraform", args, { cwd, env: terraformEnv(setup) });
}

/** Writes a root of modules into `dir` (and optionally its state), then `terraform init`. */
export async function prepareRoot(
  setup: OfflineSetup,
  dir: string,
  modules: readonly RootModule[],
  state?: StateFile,
): Promise<{ root: ReturnType<typeof buildPlanRoot>; init: RunResult }> {
  const root = buildPlanRoot(modules);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify(root.root, null, 2));
  for (const [name, json] of Object.entries(root.modules)) {
    mkdirSync(join(dir, "modules", name), { recursive: true });
    // Indented, so that an error's quoted source line is one attribute, not the whole stack.
    writeFileSync(join(dir, "modules", name, "cdk.tf.json"), JSON.stringify(json, null, 1));
  }
  if (state) writeFileSync(join(dir, "terraform.tfstate"), JSON.stringify(state));
  const init = await terraform(setup, dir, ["init", "-input=false", "-no-color"]);
  return { root, init };
}

/** A failed Terraform step: a one-line reason and the error lines. */
export interface TerraformFailure {
  readonly error: string;
  readonly lines: string[];
}

/**
 * `terraform plan -refresh=false` into `<label>.tfplan`, then `terraform show -json` of it (also
 * written to `<label>.plan.json`). With `skipShowWhenNoChanges`, a plan without changes (exit
 * code 0 of -detailed-exitcode) is returned as an empty plan without running `show` (one
 * provider start less).
 */
export async function planAndShow<P extends ShowPlan = ShowPlan>(
  setup: OfflineSetup,
  dir: string,
  label: string,
  skipShowWhenNoChanges = false,
  extraArgs: readonly string[] = [],
): Promise<{ plan: P } | TerraformFailure> {
  const out = `${label}.tfplan`;
  const detailed = skipShowWhenNoChanges ? ["-detailed-exitcode"] : [];
  const plan = await terraform(setup, dir, ["plan", "-refresh=false", "-lock=false", "-input=false", "-no-color", ...detailed, ...extraArgs, `-out=${out}`]);
  if (skipShowWhenNoChanges && plan.code === 0) return { plan: { resource_changes: [] } as unknown as P };
  if (plan.code !== 0 && !(skipShowWhenNoChanges && plan.code === 2)) {
    const output = plan.stderr + plan.stdout;
    return { error: looksLikeAwsCall(output) ? "plan tried to call AWS (a bug: <env> stacks must plan offline)" : "terraform plan failed", lines: errorLines(output) };
  }
  const show = await terraform(setup, dir, ["show", "-json", out]);
  const json = parseJson<P>(show.stdout);
  if (show.code !== 0 || !json) return { error: "terraform show -json failed", lines: errorLines(show.stderr) };
  writeFileSync(join(dir, `${label}.plan.json`), show.stdout);
  return { plan: json };
}

/**
 * The aws provider's resource schemas (for the state writer), cached per lock file: the
 * schema command starts the provider once more, so a warm cache skips it.
 */
export async function providerSchemas(setup: OfflineSetup, dir: string): Promise<{ schemas: Record<string, ResourceSchema> } | TerraformFailure> {
  const lock = readFileSync(join(dir, ".terraform.lock.hcl"), "utf8");
  const file = join(setup.schemaCache, `${createHash("sha256").update(lock).digest("hex").slice(0, 16)}.json`);
  if (existsSync(file)) return { schemas: JSON.parse(readFileSync(file, "utf8")) as Record<string, ResourceSchema> };
  const result = await terraform(setup, dir, ["providers", "schema", "-json"]);
  const json = parseJson<{ provider_schemas: Record<string, { resource_schemas: Record<string, ResourceSchema> }> }>(result.stdout);
  if (result.code !== 0 || !json) return { error: "terraform providers schema -json failed", lines: errorLines(result.stderr) };
  const schemas = Object.assign({}, ...Object.values(json.provider_schemas).map((p) => p.resource_schemas)) as Record<string, ResourceSchema>;
  mkdirSync(setup.schemaCache, { recursive: true });
  writeFileSync(file, JSON.stringify(schemas));
  return { schemas };
}

/**
 * Plans the root in `dir` against `first` and copies planned values into the state until a plan
 * shows no change; the settled state, or undefined when a plan fails or `maxPlans` do not settle
 * it. `log` receives one line per plan.
 */
export async function settle(setup: OfflineSetup, dir: string, first: StateFile, maxPlans: number, log: (text: string) => void): Promise<StateFile | undefined> {
  let state = first;
  for (let i = 1; ; i++) {
    writeFileSync(join(dir, "terraform.tfstate"), JSON.stringify(state));
    const p = await planAndShow(setup, dir, `fixpoint-${i}`, true);
    if ("error" in p) {
      log(`Prior state: plan ${i} of the unedited stacks against it failed (${p.error})\n${p.lines.map((l) => `    ! ${l}\n`).join("")}`);
      return undefined;
    }
    const changes = planChanges(p.plan);
    if (changes.length === 0) {
      log(`Prior state: plan ${i} of the unedited stacks against it shows no change: the state is a fixpoint\n`);
      return state;
    }
    log(`Prior state: plan ${i} of the unedited stacks against it shows ${changes.length} changes; copying their planned values\n`);
    if (i === maxPlans) {
      log(`Change safety: the prior state did not converge in ${maxPlans} plans; still changing:\n${changes.slice(0, 20).map((l) => `    ! ${l}\n`).join("")}`);
      return undefined;
    }
    state = nextState(state, p.plan);
  }
}

/** One stack of a synthesized organization's `manifest.json`. */
export interface ManifestStack {
  readonly name: string;
  readonly workingDirectory: string;
  readonly synthesizedStackPath: string;
  /** The stacks this one depends on (cdktf's cross-stack references and explicit dependencies). */
  readonly dependencies?: readonly string[];
}

/** The stacks of the organization synthesized into `outdir`, by name. */
export function readManifest(outdir: string): Record<string, ManifestStack> {
  return (JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, ManifestStack> }).stacks;
}

/** One synthesized stack's JSON. */
export function readStack(outdir: string, stack: ManifestStack): TerraformJson {
  return JSON.parse(readFileSync(join(outdir, stack.synthesizedStackPath), "utf8")) as TerraformJson;
}

/** Runs the synth entry point (`node <entry>` in `repo`) for several organizations, a few at a time. */
export class SynthQueue {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(
    private readonly limit: number,
    private readonly repo: string,
    private readonly entry: string,
  ) {}

  /** Synthesizes `platformConfig` (the embedded default organization when undefined) into `outdir`. */
  async add(outdir: string, platformConfig: string | undefined): Promise<RunResult> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    try {
      const { PLATFORM_CONFIG: _inherited, ...env } = process.env;
      return await run(process.execPath, [this.entry], {
        cwd: this.repo,
        env: { ...env, CDKTF_OUTDIR: outdir, ...(platformConfig ? { PLATFORM_CONFIG: platformConfig } : {}) },
      });
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/** JSON.parse that returns undefined for text that is not JSON. */
export function parseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
