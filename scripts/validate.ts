/**
 * `npm run validate`: synthesizes the organization (PLATFORM_CONFIG, or the embedded default)
 * into `.validate/`, then checks every stack with Terraform, offline:
 * - `terraform init` + `terraform validate` on a copy of each stack whose providers the mirror
 *   holds, with the S3 backend swapped for a local one;
 * - for every `<env>` stack, `terraform plan` with fake credentials and no AWS call, and the
 *   planned creates per resource type asserted against counts derived from the model.
 *
 * Providers come only from the filesystem mirror named by TF_PLUGIN_MIRROR.
 * Usage: `TF_PLUGIN_MIRROR=<mirror> npm run validate [-- <stack> ...]`. Exit 1 on any failure.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadOrgFile, ModelError, stackNames, type Environment, type Org } from "../src/model";
import { MIRROR_ENV_VAR, mirrorProblem, offlineCliConfig } from "./lib/cli-config";
import { expectedPlanCounts } from "./lib/expected-resources";
import { missingProviderReason, mirrorVersions, skipReason } from "./lib/mirror";
import { compareCounts, countPlannedChanges, describeMismatches, unassertedTypes, type PlanJson } from "./lib/plan-counts";
import { run, type RunResult } from "./lib/run";
import { formatTable } from "./lib/table";
import { diagnosticLines, errorLines, looksLikeAwsCall, type ValidateJson } from "./lib/terraform-diagnostics";
import {
  LOCAL_DATA_SOURCES,
  readsRemoteState,
  remoteDataSourceTypes,
  requiredProviders,
  withLocalBackend,
  withOfflineAwsProviders,
  type TerraformJson,
} from "./lib/terraform-json";

const REPO = resolve(__dirname, "..");
/** The synth entry point cdktf.json and `npm run synth` use, relative to the repository. */
const SYNTH_ENTRY = "bin/synth.cjs";
const SCRATCH = join(REPO, ".validate");
const OUTDIR = join(SCRATCH, "cdktf.out");
const WORK = join(SCRATCH, "stacks");
const PLUGIN_CACHE = join(SCRATCH, "plugin-cache");
const CLI_CONFIG = join(SCRATCH, "terraform.tfrc");

/** Where stacks whose providers the mirror lacks are checked instead. */
const NOT_IN_MIRROR_COVERED_BY = "covered by jest platform tests";

type Status = "ok" | "failed" | "skipped";

interface StackReport {
  readonly name: string;
  readonly kind: string;
  validate: Status | "-";
  plan: Status | "-";
  /** One-line outcome for the summary table. */
  note: string;
  readonly errors: string[];
  /** Lines printed under the progress line that are not failures (warnings, unasserted types). */
  readonly info: string[];
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const mirrorVar = process.env[MIRROR_ENV_VAR];
  const problem = mirrorProblem(mirrorVar, existsSync);
  if (problem || !mirrorVar) {
    process.stderr.write(`validate: ${problem}\n`);
    return 1;
  }
  // Terraform runs in each stack's directory and would resolve a relative mirror path from there.
  const mirror = resolve(mirrorVar);
  const tfVersion = await run("terraform", ["version", "-json"], { env: terraformEnv() }).catch((e: Error) => e);
  if (tfVersion instanceof Error || tfVersion.code !== 0) {
    process.stderr.write("validate: `terraform version` did not run; put Terraform >= 1.10 on PATH (the S3 backends use lockfile locking)\n");
    return 1;
  }

  // The synth child runs in the repository root: pass it an absolute path.
  const config = process.env.PLATFORM_CONFIG ? resolve(process.env.PLATFORM_CONFIG) : undefined;
  let org: Org;
  try {
    org = loadOrgFile(config);
  } catch (e) {
    if (!(e instanceof ModelError)) throw e;
    process.stderr.write(`${e.message}\n`);
    return 1;
  }

  rmSync(OUTDIR, { recursive: true, force: true });
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  mkdirSync(PLUGIN_CACHE, { recursive: true });
  writeFileSync(CLI_CONFIG, offlineCliConfig(mirror));

  const source = config ?? "the embedded default organization";
  process.stdout.write(`Synthesizing ${org.organization} (${source}) into ${relative(OUTDIR)} ... `);
  const synth = await run(process.execPath, [SYNTH_ENTRY], {
    cwd: REPO,
    env: { ...process.env, CDKTF_OUTDIR: OUTDIR, ...(config ? { PLATFORM_CONFIG: config } : {}) },
  });
  if (synth.code !== 0) {
    process.stdout.write("failed\n");
    process.stderr.write(synth.stderr || synth.stdout);
    return 1;
  }
  process.stdout.write(`ok (${(synth.wallMs / 1000).toFixed(1)} s)\n`);

  const manifest = JSON.parse(readFileSync(join(OUTDIR, "manifest.json"), "utf8")) as {
    stacks: Record<string, { name: string; workingDirectory: string; synthesizedStackPath: string }>;
  };
  const environments = new Map(org.environments.map((e) => [e.name, e]));
  const stacks = orderStacks(Object.values(manifest.stacks), environments).filter(
    (s) => filters.length === 0 || filters.includes(s.name),
  );
  if (stacks.length === 0) {
    process.stderr.write(`validate: no stack named ${filters.join(", ")}; stacks are ${Object.keys(manifest.stacks).join(", ")}\n`);
    return 1;
  }

  const reports: StackReport[] = [];
  for (const [i, stack] of stacks.entries()) {
    process.stdout.write(`[${i + 1}/${stacks.length}] ${stack.name}: `);
    const report = await checkStack(stack, environments.get(stack.name), mirror, org.dns.publicZoneAccountId);
    process.stdout.write("\n");
    for (const line of report.errors) process.stdout.write(`    ! ${line}\n`);
    for (const line of report.info) process.stdout.write(`      ${line}\n`);
    reports.push(report);
  }

  process.stdout.write(`\n${summary(reports)}\n`);
  const failed = reports.filter((r) => r.validate === "failed" || r.plan === "failed");
  const skipped = reports.filter((r) => r.validate === "skipped");
  process.stdout.write(
    `\n${reports.length - failed.length - skipped.length} passed, ${failed.length} failed, ${skipped.length} not checked by Terraform` +
      ` (work dirs in ${relative(WORK)})\n`,
  );
  return failed.length > 0 ? 1 : 0;
}

/** The stack's role, for the summary table. */
function stackKind(name: string, env: Environment | undefined): string {
  if (env) return "<env>";
  if (name === stackNames.state) return "state";
  if (name === stackNames.peering) return "peering";
  if (name.endsWith(stackNames.platform(""))) return "<env>-platform";
  return "other";
}

/** `<env>` stacks in the model's order first, then the others by name. */
function orderStacks<T extends { name: string }>(stacks: T[], environments: ReadonlyMap<string, Environment>): T[] {
  const order = [...environments.keys()];
  const rank = (s: T) => (environments.has(s.name) ? order.indexOf(s.name) : order.length);
  return [...stacks].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

async function checkStack(
  stack: { name: string; workingDirectory: string; synthesizedStackPath: string },
  env: Environment | undefined,
  mirror: string,
  publicZoneAccountId: string | undefined,
): Promise<StackReport> {
  const report: StackReport = { name: stack.name, kind: stackKind(stack.name, env), validate: "-", plan: "-", note: "", errors: [], info: [] };
  const say = (text: string) => process.stdout.write(text);
  const json = JSON.parse(readFileSync(join(OUTDIR, stack.synthesizedStackPath), "utf8")) as TerraformJson;

  const missing = requiredProviders(json).filter((p) => missingProviderReason(p, mirrorVersions(mirror, p.address)) !== undefined);
  if (missing.length > 0 && env) {
    // The <env> stacks need only hashicorp/aws, which the mirror must hold: no silent pass.
    report.validate = "failed";
    report.note = `cannot be checked: ${missing.map((p) => missingProviderReason(p, mirrorVersions(mirror, p.address))).join("; ")}`;
    say(`failed (${report.note})`);
    return report;
  }
  if (missing.length > 0) {
    report.validate = "skipped";
    report.note = skipReason(missing, NOT_IN_MIRROR_COVERED_BY);
    say(`skipped: ${report.note}`);
    return report;
  }

  const dir = join(WORK, stack.name);
  cpSync(join(OUTDIR, stack.workingDirectory), dir, { recursive: true });
  const stackFile = join(dir, "cdk.tf.json");
  writeFileSync(stackFile, JSON.stringify(withLocalBackend(json, join(dir, "terraform.tfstate")), null, 2));

  say("init ... ");
  const init = await terraform(dir, ["init", "-backend=true", "-input=false", "-no-color"]);
  if (init.code !== 0) {
    report.validate = "failed";
    report.note = "terraform init failed";
    report.errors.push(...errorLines(init.stderr + init.stdout));
    say("failed");
    return report;
  }

  say("validate ");
  const validate = await terraform(dir, ["validate", "-json", "-no-color"]);
  const result = parseJson<ValidateJson>(validate.stdout);
  if (!result || !result.valid) {
    report.validate = "failed";
    const lines = result ? diagnosticLines(result) : errorLines(validate.stderr + validate.stdout);
    report.note = `terraform validate: ${lines.length} error${lines.length === 1 ? "" : "s"}`;
    report.errors.push(...lines);
    say("failed");
    return report;
  }
  report.validate = "ok";
  const warnings = result.warning_count > 0 ? ` (${result.warning_count} warning${result.warning_count === 1 ? "" : "s"})` : "";
  say(`ok${warnings}`);
  report.info.push(...diagnosticLines(result, "warning").map((w) => `warning: ${w}`));

  if (!env) {
    report.note = readsRemoteState(json)
      ? "validate only: reads other stacks' outputs through terraform_remote_state in S3, which an offline plan cannot reach"
      : "validate only: not an <env> stack";
    return report;
  }
  await planEnvironment(dir, stackFile, json, env, publicZoneAccountId, report, say);
  return report;
}

/** Offline plan of an `<env>` stack and the assertions on what it creates. */
async function planEnvironment(
  dir: string,
  stackFile: string,
  json: TerraformJson,
  env: Environment,
  publicZoneAccountId: string | undefined,
  report: StackReport,
  say: (text: string) => void,
): Promise<void> {
  say(" ... plan ");
  const fail = (note: string, errors: string[]) => {
    report.plan = "failed";
    report.note = note;
    report.errors.push(...errors);
    say(`failed (${note})`);
  };
  // The design: an <env> stack reads nothing from AWS or from other stacks, so it plans offline.
  const remote = remoteDataSourceTypes(json);
  if (readsRemoteState(json) || remote.length > 0) {
    const what = [...(readsRemoteState(json) ? ["terraform_remote_state"] : []), ...remote].join(", ");
    return fail("reads data at plan time", [`data sources ${what} would call AWS or S3 at plan time; an <env> stack must plan offline`]);
  }
  const local = JSON.parse(readFileSync(stackFile, "utf8")) as TerraformJson;
  writeFileSync(stackFile, JSON.stringify(withOfflineAwsProviders(local), null, 2));
  const plan = await terraform(dir, ["plan", "-refresh=false", "-lock=false", "-input=false", "-no-color", "-out=plan.bin"]);
  if (plan.code !== 0) {
    const output = plan.stderr + plan.stdout;
    const awsCall = looksLikeAwsCall(output);
    return fail(awsCall ? "plan tried to call AWS (a bug: <env> stacks must plan offline)" : "terraform plan failed", errorLines(output));
  }
  const show = await terraform(dir, ["show", "-json", "plan.bin"]);
  const planJson = parseJson<PlanJson>(show.stdout);
  if (show.code !== 0 || !planJson) return fail("terraform show -json failed", errorLines(show.stderr));
  writeFileSync(join(dir, "plan.json"), show.stdout);

  const counts = countPlannedChanges(planJson);
  const expected = expectedPlanCounts(env, publicZoneAccountId);
  const mismatches = describeMismatches(compareCounts(expected, counts.creates));
  const unexpected = [
    ...counts.otherChanges.map((c) => `not a create on empty state: ${c}`),
    ...counts.deferredReads
      .filter((d) => !LOCAL_DATA_SOURCES.has(d.type))
      .map((d) => `data source read deferred to apply, where it calls AWS: ${d.address}`),
  ];
  const others = unassertedTypes(expected, counts.creates).map((t) => `${t} ${counts.creates[t]}`);
  if (others.length > 0) report.info.push(`created but not asserted: ${others.join(", ")}`);
  if (mismatches.length > 0 || unexpected.length > 0) {
    return fail(`${counts.toAdd} to add; ${mismatches.length} of ${Object.keys(expected).length} asserted types differ from the model`, [
      ...mismatches,
      ...unexpected,
    ]);
  }
  report.plan = "ok";
  report.note = `${counts.toAdd} to add; ${Object.keys(expected).length} resource types match the model`;
  say(`ok (${counts.toAdd} to add; asserted ${Object.keys(expected).length} types)`);
}

function summary(reports: readonly StackReport[]): string {
  return formatTable(
    ["stack", "kind", "validate", "plan", "result"],
    reports.map((r) => [r.name, r.kind, r.validate, r.plan, r.note]),
  );
}

function terraform(cwd: string, args: string[]): Promise<RunResult> {
  return run("terraform", args, { cwd, env: terraformEnv() });
}

/** Terraform's environment: offline CLI config, shared plugin cache, no prompts, no version check call. */
function terraformEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: CLI_CONFIG,
    TF_PLUGIN_CACHE_DIR: PLUGIN_CACHE,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
  };
}

function parseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

function relative(path: string): string {
  return path.startsWith(REPO) ? path.slice(REPO.length + 1) : path;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`validate: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
