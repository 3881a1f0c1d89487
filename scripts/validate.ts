/**
 * `npm run validate`: synthesizes the organization (PLATFORM_CONFIG, or the embedded default)
 * into `.validate/`, then checks it with Terraform, offline:
 * - every `<env>` stack: `terraform plan` (which validates) with fake credentials and no AWS call,
 *   and the planned creates per resource type asserted against counts derived from the model;
 * - every other stack whose providers the mirror holds: `terraform validate`;
 * - change safety (the default organization): every routine edit of scripts/lib/routine-edits.ts
 *   planned against the state the unedited stacks would have, its adds, changes, replacements
 *   and destroys asserted per resource type and address;
 * - the other connectivity mode (the same file with `connectivity` flipped between peering and
 *   transitGateway): every stack synthesized again, its `<env>` stacks planned and asserted and
 *   the others validated as extra modules of the same empty-state plan (no extra Terraform run).
 *
 * Speed: the aws provider's start-up dominates, so each phase is ONE Terraform run over a root
 * that holds the stacks as modules (scripts/lib/plan-root.ts): plan on empty state, the fixpoint
 * plans that settle the prior state, one plan of every edit, one validate of the other stacks.
 * Edits of different environments share one synthesized organization (a "round").
 *
 * Providers come only from the filesystem mirror named by TF_PLUGIN_MIRROR.
 * Usage: `TF_PLUGIN_MIRROR=<mirror> npm run validate [-- <stack> ...]`. Exit 1 on any failure.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DEFAULT_ENVIRONMENTS_FILE, loadOrgFile, loadOrgText, ModelError, stackNames, type Connectivity, type Environment, type Org } from "../src/model";
import { compareOutcome, plannedChanges, undocumentedReplacements } from "./lib/change-outcome";
import { MIRROR_ENV_VAR, mirrorProblem, offlineCliConfig } from "./lib/cli-config";
import { modeStackName, otherConnectivity, otherModeSkipReason, withConnectivity } from "./lib/connectivity-modes";
import { changeTargets } from "./lib/edit-targets";
import { outcomeText, roundText, scheduleRounds, tableProblems, type RoutineEdit } from "./lib/edit-rounds";
import { expectedPlanCounts } from "./lib/expected-resources";
import { missingProviderReason, mirrorVersions, skipReason } from "./lib/mirror";
import { compareCounts, countPlannedChanges, describeMismatches, unassertedTypes, type PlanJson } from "./lib/plan-counts";
import { buildPlanRoot, canonicalJson, type RootModule } from "./lib/plan-root";
import {
  copyModuleState,
  priorStateFromPlan,
  type ResourceSchema,
  type ShowPlan,
  type StateFile,
} from "./lib/prior-state";
import { ROUTINE_EDITS } from "./lib/routine-edits";
import {
  offlineSetup,
  planAndShow as planAndShowIn,
  prepareRoot as prepareRootIn,
  providerSchemas as providerSchemasIn,
  readManifest,
  readStack,
  settle as settleIn,
  SynthQueue,
  parseJson,
  terraform as terraformIn,
  terraformEnv,
  type ManifestStack,
} from "./lib/offline-terraform";
import { run, type RunResult } from "./lib/run";
import { formatTable } from "./lib/table";
import { diagnosticLines, errorLines, type ValidateJson } from "./lib/terraform-diagnostics";
import { LOCAL_DATA_SOURCES, providerArg, readsRemoteState, remoteDataSourceTypes, requiredProviders, withOfflineAwsProviders, type TerraformJson } from "./lib/terraform-json";

const REPO = resolve(__dirname, "..");
/** The synth entry point cdktf.json and `npm run synth` use, relative to the repository. */
const SYNTH_ENTRY = "bin/synth.cjs";
const SCRATCH = join(REPO, ".validate");
const OUTDIR = join(SCRATCH, "cdktf.out");
const ROOTS = join(SCRATCH, "roots");
const EDITS = join(SCRATCH, "edits");
const OTHER_MODE = join(SCRATCH, "other-mode");
const SETUP = offlineSetup(SCRATCH);
/** Most fixpoint plans before the prior state is declared not to converge. */
const MAX_FIXPOINT_PLANS = 4;
/** Synths that run at once (each is one node process on one core). */
const SYNTH_CONCURRENCY = 2;

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
  /** Lines printed under the stack that are not failures (warnings, unasserted types). */
  readonly info: string[];
}

interface EditReport {
  readonly edit: RoutineEdit;
  result: "ok" | "failed";
  planned: string;
  readonly errors: string[];
}

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (text: string) => process.stdout.write(text);

async function main(): Promise<number> {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const mirrorVar = process.env[MIRROR_ENV_VAR];
  const problem = mirrorProblem(mirrorVar, existsSync);
  if (problem || !mirrorVar) {
    process.stderr.write(`validate: ${problem}\n`);
    return 1;
  }
  // Terraform runs in each root's directory and would resolve a relative mirror path from there.
  const mirror = resolve(mirrorVar);
  const tfVersion = await run("terraform", ["version", "-json"], { env: terraformEnv(SETUP) }).catch((e: Error) => e);
  if (tfVersion instanceof Error || tfVersion.code !== 0) {
    process.stderr.write("validate: `terraform version` did not run; put Terraform >= 1.10 on PATH (the S3 backends use lockfile locking)\n");
    return 1;
  }
  const terraformVersion = (JSON.parse(tfVersion.stdout) as { terraform_version: string }).terraform_version;

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
  const changeSafety = !config && filters.length === 0;
  const tableIssues = changeSafety ? [...tableProblems(ROUTINE_EDITS), ...ROUTINE_EDITS.flatMap((e) => undocumentedReplacements(e.expect).map((p) => `${e.id}: ${p}`))] : [];
  if (tableIssues.length > 0) {
    process.stderr.write(`validate: the routine-edit table is inconsistent:\n${tableIssues.map((l) => `  ${l}\n`).join("")}`);
    return 1;
  }

  if (!changeSafety) {
    say(
      `Change safety: not run (${config ? "PLATFORM_CONFIG is set" : "stacks were named"}): its routine edits are written for the default organization's environments\n`,
    );
  }
  for (const dir of [OUTDIR, ROOTS, EDITS, OTHER_MODE]) rmSync(dir, { recursive: true, force: true });
  for (const dir of [ROOTS, EDITS, OTHER_MODE, SETUP.pluginCache, SETUP.schemaCache]) mkdirSync(dir, { recursive: true });
  writeFileSync(SETUP.cliConfig, offlineCliConfig(mirror));

  // --- synthesis: the organization, and (change safety) the edits' organizations, two at a time --
  const synths = new SynthQueue(SYNTH_CONCURRENCY, REPO, SYNTH_ENTRY);
  const source = config ?? "the embedded default organization";
  const baseSynth = synths.add(OUTDIR, config);
  const other = startOtherMode(synths, config, org);
  const edits = changeSafety ? startEditSynths(synths) : undefined;
  say(`Synthesizing ${org.organization} (${source}) into ${relative(OUTDIR)} ... `);
  const synth = await baseSynth;
  if (synth.code !== 0) {
    say("failed\n");
    process.stderr.write(synth.stderr || synth.stdout);
    return 1;
  }
  say(`ok (${(synth.wallMs / 1000).toFixed(1)} s)\n`);

  const manifest = readManifest(OUTDIR);
  const environments = new Map(org.environments.map((e) => [e.name, e]));
  const stacks = orderStacks(Object.values(manifest), environments).filter((s) => filters.length === 0 || filters.includes(s.name));
  if (stacks.length === 0) {
    process.stderr.write(`validate: no stack named ${filters.join(", ")}; stacks are ${Object.keys(manifest).join(", ")}\n`);
    return 1;
  }
  const reports = new Map<string, StackReport>(
    stacks.map((s) => [s.name, { name: s.name, kind: stackKind(s.name, environments.get(s.name)), validate: "-", plan: "-", note: "", errors: [], info: [] }]),
  );

  // Which stacks Terraform can check: the mirror must hold their providers.
  const toValidate: ManifestStack[] = [];
  const toPlan: ManifestStack[] = [];
  for (const stack of stacks) {
    const report = reports.get(stack.name)!;
    const json = readStack(OUTDIR, stack);
    const missing = requiredProviders(json).filter((p) => missingProviderReason(p, mirrorVersions(mirror, p.address)) !== undefined);
    const env = environments.get(stack.name);
    if (missing.length > 0 && env) {
      // The <env> stacks need only hashicorp/aws, which the mirror must hold: no silent pass.
      report.validate = "failed";
      report.note = `cannot be checked: ${missing.map((p) => missingProviderReason(p, mirrorVersions(mirror, p.address))).join("; ")}`;
    } else if (missing.length > 0) {
      report.validate = "skipped";
      report.note = skipReason(missing, NOT_IN_MIRROR_COVERED_BY);
    } else if (env) {
      const remote = [...(readsRemoteState(json) ? ["terraform_remote_state"] : []), ...remoteDataSourceTypes(json)];
      if (remote.length > 0) {
        report.plan = "failed";
        report.note = "reads data at plan time";
        report.errors.push(`data sources ${remote.join(", ")} would call AWS or S3 at plan time; an <env> stack must plan offline`);
      } else toPlan.push(stack);
    } else {
      toValidate.push(stack);
      report.note = readsRemoteState(json)
        ? "validate only: reads other stacks' outputs through terraform_remote_state in S3, which an offline plan cannot reach"
        : "validate only: not an <env> stack";
    }
  }

  // With <env> stacks to plan, the others are validated by that plan (a plan validates every
  // module of its root, targeted or not); on their own, by `terraform validate`.
  const validation = toPlan.length > 0 ? Promise.resolve() : validateStacks(toValidate, reports);
  const fromModules = edits?.from ? startingPoints(await edits.from) : { modules: [], reports: [] };
  const otherModules = await otherModeModules(other, filters, mirror, reports);
  if (otherModules && toPlan.length === 0) {
    for (const name of otherModules.names) Object.assign(reports.get(name)!, { note: "not checked: the other mode's stacks are checked in the plan of the <env> stacks, and none was named" });
  }
  const planned = await planEnvironments(toPlan, toValidate, fromModules.modules, environments, org.dns.publicZoneAccountId, reports, edits !== undefined, terraformVersion, otherModules);
  await validation;

  let editReports: EditReport[] = [];
  if (edits) {
    if (planned) {
      // The edits plan starts from the first state while the fixpoint plan confirms it: in the
      // usual case that plan shows no change and the edits' results stand; otherwise they are
      // planned again from the settled state.
      const rounds = await edits.rounds;
      const speculative = checkEdits(rounds, planned, planned.state, "edits");
      const settled = await planned.settled;
      let results = await speculative;
      if (!settled) results = ROUTINE_EDITS.map((edit) => ({ edit, result: "failed" as const, planned: "-", errors: ["the prior state did not converge (see above)"] }));
      else if (settled !== planned.state) results = await checkEdits(rounds, planned, settled, "edits-settled");
      editReports = order([...fromModules.reports, ...results]);
    }
    else say("\nChange safety: not run, the unedited <env> stacks did not plan\n");
  }

  // --- summary ----------------------------------------------------------------------------------
  const all = [...reports.values()];
  say(`\n${formatTable(["stack", "kind", "validate", "plan", "result"], all.map((r) => [r.name, r.kind, r.validate, r.plan, r.note]))}\n`);
  for (const r of all.filter((r) => r.errors.length > 0 || r.info.length > 0)) {
    say(`\n${r.name}:\n`);
    for (const line of r.errors) say(`    ! ${line}\n`);
    for (const line of r.info) say(`      ${line}\n`);
  }
  if (editReports.length > 0) {
    say(
      `\nChange safety: routine edits of the default organization, planned against the state of the unedited stacks` +
        ` (<env> stacks only: the peering and <env>-platform stacks read remote state or need a cluster, so they cannot be planned offline)\n`,
    );
    say(`${formatTable(["edit", "stack", "result", "planned"], editReports.map((r) => [r.edit.title, r.edit.stack, r.result, r.planned]))}\n`);
    for (const r of editReports.filter((r) => r.errors.length > 0)) {
      say(`\n${r.edit.title} (${r.edit.change}): expected ${outcomeText(r.edit)}\n`);
      for (const line of r.errors) say(`    ! ${line}\n`);
    }
  }
  const failed = all.filter((r) => r.validate === "failed" || r.plan === "failed");
  const skipped = all.filter((r) => r.validate === "skipped");
  const editsFailed = editReports.filter((r) => r.result === "failed").length;
  say(
    `\n${all.length - failed.length - skipped.length} passed, ${failed.length} failed, ${skipped.length} not checked by Terraform` +
      (edits ? `; change safety: ${editReports.length - editsFailed} of ${ROUTINE_EDITS.length} edits as expected` : "") +
      ` (${elapsed()}; work dirs in ${relative(SCRATCH)})\n`,
  );
  return failed.length > 0 || editsFailed > 0 || (edits !== undefined && editReports.length !== ROUTINE_EDITS.length) ? 1 : 0;
}

// --- synthesis --------------------------------------------------------------------------------

/** A synthesized edit organization: its edits and its output folder. */
interface SynthesizedRound {
  readonly label: string;
  readonly edits: readonly RoutineEdit[];
  readonly outdir: string;
  readonly org: Org;
  readonly result: RunResult;
}

interface EditSynths {
  /** The organization of the edits' starting points (edits with `from`), if any. */
  readonly from?: Promise<SynthesizedRound>;
  readonly rounds: Promise<readonly SynthesizedRound[]>;
}

/** Writes each round's environments file and starts its synth; the starting points' synth first. */
function startEditSynths(synths: SynthQueue): EditSynths {
  const base = readFileSync(DEFAULT_ENVIRONMENTS_FILE, "utf8");
  const start = (label: string, edits: readonly RoutineEdit[], side: "to" | "from"): Promise<SynthesizedRound> => {
    const dir = join(EDITS, label);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "environments.yaml");
    const text = roundText(base, edits, side);
    writeFileSync(file, text);
    const org = loadOrgText(text, `${label} (${edits.map((e) => e.id).join(", ")})`);
    return synths.add(join(dir, "cdktf.out"), file).then((result) => ({ label, edits, outdir: join(dir, "cdktf.out"), org, result }));
  };
  const withFrom = ROUTINE_EDITS.filter((e) => e.from);
  const stacksOfFrom = new Set(withFrom.map((e) => e.stack));
  if (stacksOfFrom.size !== withFrom.length) throw new Error("two edits with a starting point plan the same stack; give them different stacks");
  const from = withFrom.length > 0 ? start("from", withFrom, "from") : undefined;
  const rounds = scheduleRounds(ROUTINE_EDITS).map((r, i) => start(`round-${i + 1}`, r.edits, "to"));
  return { from, rounds: Promise.all(rounds) };
}

// --- the other connectivity mode --------------------------------------------------------------

/** The organization with `connectivity` flipped, being synthesized; or why it is not checked. */
type OtherMode =
  | { readonly kind: "run"; readonly mode: Connectivity; readonly org: Org; readonly outdir: string; readonly synth: Promise<RunResult> }
  | { readonly kind: "skip"; readonly mode: Connectivity; readonly reason: string; readonly failed: boolean };

/** Writes the file with the other mode and starts its synth (after the base organization's in the queue). */
function startOtherMode(synths: SynthQueue, config: string | undefined, org: Org): OtherMode {
  const mode = otherConnectivity(org.connectivity);
  const skip = otherModeSkipReason(org);
  if (skip) return { kind: "skip", mode, reason: skip, failed: false };
  const text = withConnectivity(readFileSync(config ?? DEFAULT_ENVIRONMENTS_FILE, "utf8"), mode);
  const file = join(OTHER_MODE, "environments.yaml");
  writeFileSync(file, text);
  try {
    const other = loadOrgText(text, `${config ?? "the default organization"} with connectivity: ${mode}`);
    const outdir = join(OTHER_MODE, "cdktf.out");
    return { kind: "run", mode, org: other, outdir, synth: synths.add(outdir, file) };
  } catch (e) {
    if (!(e instanceof ModelError)) throw e;
    // A file of the user's may use what only peering allows (environments in several regions); the default organization may not.
    return { kind: "skip", mode, reason: `the file does not load in this mode:\n${e.message}`, failed: config === undefined };
  }
}

/** One stack of the other mode as a module of the base plan root. */
interface OtherModeModule {
  /** Module name in the root: `<mode>_<stack>`. */
  readonly module: string;
  readonly json: TerraformJson;
  /** The `<env>` stack's environment; undefined for a stack that is only validated. */
  readonly env?: Environment;
  readonly report: StackReport;
}

/** The other mode's stacks for the base plan root, by module name: `<env>` stacks to plan, the others to validate. */
interface OtherModeModules {
  readonly mode: Connectivity;
  readonly publicZoneAccountId?: string;
  readonly plan: Map<string, OtherModeModule>;
  readonly validate: Map<string, OtherModeModule>;
  /** Report names of every stack of the mode. */
  readonly names: string[];
}

/** Waits for the other mode's synth and turns its stacks into modules, with a report row each. */
async function otherModeModules(
  other: OtherMode,
  filters: readonly string[],
  mirror: string,
  reports: Map<string, StackReport>,
): Promise<OtherModeModules | undefined> {
  const row = (name: string, kind: string): StackReport => {
    const report: StackReport = { name: modeStackName(name, other.mode), kind, validate: "-", plan: "-", note: "", errors: [], info: [] };
    reports.set(report.name, report);
    return report;
  };
  if (other.kind === "skip") {
    say(`The ${other.mode} mode: not run, ${other.reason}\n`);
    if (other.failed) Object.assign(row("(organization)", "mode"), { validate: "failed", note: `does not load with connectivity: ${other.mode}`, errors: [other.reason] });
    return undefined;
  }
  const synth = await other.synth;
  if (synth.code !== 0) {
    Object.assign(row("(organization)", "mode"), { validate: "failed", note: "synth failed", errors: errorLines(synth.stderr || synth.stdout) });
    return undefined;
  }
  say(`Synthesized the ${other.mode} mode (${(synth.wallMs / 1000).toFixed(1)} s)\n`);
  const environments = new Map(other.org.environments.map((e) => [e.name, e]));
  const stacks = orderStacks(Object.values(readManifest(other.outdir)), environments).filter((s) => filters.length === 0 || filters.includes(s.name));
  const result: OtherModeModules = { mode: other.mode, publicZoneAccountId: other.org.dns.publicZoneAccountId, plan: new Map(), validate: new Map(), names: [] };
  for (const stack of stacks) {
    const env = environments.get(stack.name);
    const report = row(stack.name, stackKind(stack.name, env));
    result.names.push(report.name);
    const json = readStack(other.outdir, stack);
    const missing = requiredProviders(json).filter((p) => missingProviderReason(p, mirrorVersions(mirror, p.address)) !== undefined);
    const module = `${other.mode}_${stack.name}`;
    if (missing.length > 0) {
      // As for the base organization: an <env> stack must be checkable; others are covered by jest.
      Object.assign(report, env ? { validate: "failed", note: "cannot be checked: its providers are not in the mirror" } : { validate: "skipped", note: skipReason(missing, NOT_IN_MIRROR_COVERED_BY) });
    } else if (env && (readsRemoteState(json) || remoteDataSourceTypes(json).length > 0)) {
      Object.assign(report, { plan: "failed", note: "reads data at plan time", errors: ["an <env> stack must plan offline"] });
    } else if (env) result.plan.set(module, { module, json: withOfflineAwsProviders(json), env, report });
    else result.validate.set(module, { module, json, report });
  }
  return result;
}

// --- Terraform roots --------------------------------------------------------------------------

/** `terraform validate` of the stacks that are not planned, all in one root. */
async function validateStacks(stacks: readonly ManifestStack[], reports: Map<string, StackReport>): Promise<void> {
  if (stacks.length === 0) return;
  const modules = stacks.map((s) => ({ name: s.name, json: readStack(OUTDIR, s) }));
  const { init } = await prepareRoot(join(ROOTS, "validate"), modules);
  const fail = (note: string, lines: string[]) => {
    for (const s of stacks) {
      const r = reports.get(s.name)!;
      r.validate = "failed";
      r.note = note;
      r.errors.push(...lines.filter((l) => !/module\./.test(l) || l.includes(`module.${s.name}`)));
    }
  };
  if (init.code !== 0) return fail("terraform init failed", errorLines(init.stderr + init.stdout));
  const validate = await terraform(join(ROOTS, "validate"), ["validate", "-json", "-no-color"]);
  const result = parseJson<ValidateJson>(validate.stdout);
  if (!result) return fail("terraform validate did not run", errorLines(validate.stderr + validate.stdout));
  for (const s of stacks) {
    const r = reports.get(s.name)!;
    const mine = (d: ValidateJson["diagnostics"][number]) => (d.address ?? d.range?.filename ?? "").includes(s.name);
    const own = { ...result, diagnostics: result.diagnostics.filter(mine) };
    const errors = diagnosticLines(own);
    if (errors.length > 0) {
      r.validate = "failed";
      r.note = `terraform validate: ${errors.length} error${errors.length === 1 ? "" : "s"}`;
      r.errors.push(...errors);
    } else r.validate = "ok";
    r.info.push(...diagnosticLines(own, "warning").map((w) => `warning: ${w}`));
  }
  say(`Validated ${stacks.map((s) => s.name).join(", ")} in one root (${elapsed()})\n`);
}

/** What the unedited `<env>` stacks plan to, and the state they would leave. */
interface PlannedBase {
  /** Module name -> its stack JSON (offline), for the unedited stacks and the edits' starting points. */
  readonly modules: Map<string, TerraformJson>;
  /** The state written from the empty-state plan. */
  readonly state: StateFile;
  /**
   * The fixpoint: the state once a plan of the unedited stacks against it shows no change
   * (`state` itself when the first such plan shows none), or undefined when it does not converge.
   */
  readonly settled: Promise<StateFile | undefined>;
  readonly schemas: Readonly<Record<string, ResourceSchema>>;
}

/**
 * Plans every `<env>` stack on empty state (asserting the creates against the model), then, for
 * change safety, writes the prior state and plans the unedited stacks against it until nothing
 * changes.
 */
async function planEnvironments(
  stacks: readonly ManifestStack[],
  validateOnly: readonly ManifestStack[],
  startingPoints: readonly RootModule[],
  environments: ReadonlyMap<string, Environment>,
  publicZoneAccountId: string | undefined,
  reports: Map<string, StackReport>,
  changeSafety: boolean,
  terraformVersion: string,
  other?: OtherModeModules,
): Promise<PlannedBase | undefined> {
  if (stacks.length === 0) return undefined;
  const modules = new Map(stacks.map((s) => [s.name, withOfflineAwsProviders(readStack(OUTDIR, s))]));
  if (changeSafety) for (const m of startingPoints) modules.set(m.name, m.json);
  const dir = join(ROOTS, "plan");
  const extra = changeSafety && startingPoints.length > 0 ? ` (and the edits' starting points ${startingPoints.map((m) => m.name).join(", ")})` : "";
  const validated = validateOnly.length > 0 ? `, validating ${validateOnly.map((s) => s.name).join(", ")} in the same run` : "";
  const otherWhat = other ? ` (and the ${other.mode} mode's ${[...other.plan.keys()].join(", ")}, validating its ${[...other.validate.keys()].join(", ")})` : "";
  const what = `Planned ${stacks.map((s) => s.name).join(", ")}${extra}${otherWhat} on empty state in one root${validated}`;
  const planModules = [...modules].map(([name, json]) => ({ name, json }));
  const otherPlanModules = other ? [...other.plan].map(([name, m]) => ({ name, json: m.json })) : [];
  const otherValidateModules = other ? [...other.validate].map(([name, m]) => ({ name, json: m.json })) : [];
  const { init } = await prepareRoot(dir, [
    ...planModules,
    ...validateOnly.map((s) => ({ name: s.name, json: readStack(OUTDIR, s) })),
    ...otherPlanModules,
    ...otherValidateModules,
  ]);
  const failAll = (note: string, lines: string[]) => {
    for (const s of stacks) {
      const r = reports.get(s.name)!;
      r.plan = "failed";
      r.note = note;
      r.errors.push(...lines);
    }
    for (const s of validateOnly) {
      const r = reports.get(s.name)!;
      r.validate = "failed";
      r.note = `${note} (the plan validates this stack)`;
      r.errors.push(...lines);
    }
    for (const m of [...(other?.plan.values() ?? []), ...(other?.validate.values() ?? [])]) {
      m.report.validate = "failed";
      m.report.note = `${note} (one root with the other stacks)`;
      m.report.errors.push(...lines.filter((l) => !/module\./.test(l) || l.includes(`module.${m.module}`)));
    }
    say(`${what}: failed (${note})\n`);
    return undefined;
  };
  if (init.code !== 0) return failAll("terraform init failed", errorLines(init.stderr + init.stdout));
  const schemaJob = changeSafety ? providerSchemas(dir) : undefined;
  // Only the <env> stacks and starting points are planned; the others are validated (the
  // peering stack's remote state cannot be read offline).
  const targets =
    validateOnly.length > 0 || otherValidateModules.length > 0 ? [...planModules, ...otherPlanModules].map((m) => `-target=module.${m.name}`) : [];
  const plan0 = await planAndShow(dir, "empty", false, targets);
  if ("error" in plan0) return failAll(plan0.error, plan0.lines);
  say(`${what} (${elapsed()})\n`);
  for (const s of validateOnly) reports.get(s.name)!.validate = "ok";
  let otherOk = true;
  for (const m of other?.validate.values() ?? []) Object.assign(m.report, { validate: "ok", note: "validated by the plan of the <env> stacks" });
  for (const m of other?.plan.values() ?? []) {
    m.report.validate = "ok";
    otherOk = assertCreates(plan0.plan, m.module, m.env!, other!.publicZoneAccountId, m.report, [...other!.plan.values()].flatMap((o) => (o.env ? [o.env] : []))) && otherOk;
  }
  if (other) say(`The ${other.mode} mode: ${otherOk ? "every <env> stack creates what the model says" : "some <env> stacks differ from the model (see below)"}\n`);
  // The other mode's modules take no part in the prior state of change safety.
  const ownChanges = { ...plan0.plan, resource_changes: (plan0.plan.resource_changes ?? []).filter((rc) => !other?.plan.has(String(rc.module_address).replace(/^module\./, ""))) };
  // The fixpoint plans need the planned stacks only.
  const root = buildPlanRoot(planModules);
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify(root.root, null, 2));

  let allOk = true;
  for (const s of stacks) {
    const r = reports.get(s.name)!;
    r.validate = "ok";
    const ok = assertCreates(plan0.plan, s.name, environments.get(s.name)!, publicZoneAccountId, r, [...environments.values()]);
    allOk &&= ok;
  }
  if (!changeSafety || !allOk) return undefined;

  const schemas = await schemaJob!;
  if ("error" in schemas) {
    say(`Change safety: ${schemas.error}\n`);
    for (const line of schemas.lines) say(`    ! ${line}\n`);
    return undefined;
  }
  const state = priorStateFromPlan({ plan: ownChanges, configs: Object.fromEntries(modules), schemas: schemas.schemas, stateProvider: root.stateProvider, terraformVersion });
  return { modules, state, settled: settle(dir, state), schemas: schemas.schemas };
}

/** The empty-state assertions of one `<env>` stack (module) against the model; false on failure. */
function assertCreates(plan: ShowPlan, module: string, env: Environment, publicZoneAccountId: string | undefined, report: StackReport, environments: readonly Environment[]): boolean {
  const own: PlanJson = { resource_changes: (plan.resource_changes ?? []).filter((rc) => rc.module_address === `module.${module}`) as PlanJson["resource_changes"] };
  const counts = countPlannedChanges(own);
  const expected = expectedPlanCounts(env, publicZoneAccountId, environments);
  const mismatches = describeMismatches(compareCounts(expected, counts.creates));
  const unexpected = [
    ...counts.otherChanges.map((c) => `not a create on empty state: ${c}`),
    ...counts.deferredReads.filter((d) => !LOCAL_DATA_SOURCES.has(d.type)).map((d) => `data source read deferred to apply, where it calls AWS: ${d.address}`),
  ];
  const others = unassertedTypes(expected, counts.creates).map((t) => `${t} ${counts.creates[t]}`);
  if (others.length > 0) report.info.push(`created but not asserted: ${others.join(", ")}`);
  if (mismatches.length > 0 || unexpected.length > 0) {
    report.plan = "failed";
    report.note = `${counts.toAdd} to add; ${mismatches.length} of ${Object.keys(expected).length} asserted types differ from the model`;
    report.errors.push(...mismatches, ...unexpected);
    return false;
  }
  report.plan = "ok";
  report.note = `${counts.toAdd} to add; ${Object.keys(expected).length} resource types match the model`;
  return true;
}

// --- change safety ----------------------------------------------------------------------------

/**
 * The stacks of the edits' starting points (edits with `from`), as modules `from-<edit id>` of
 * the unedited stacks' root, where their state settles with the others'.
 */
function startingPoints(round: SynthesizedRound): { modules: RootModule[]; reports: EditReport[] } {
  const failed = (edit: RoutineEdit, errors: string[]): EditReport => ({ edit, result: "failed", planned: "-", errors });
  if (round.result.code !== 0) {
    return { modules: [], reports: round.edits.map((e) => failed(e, [`synth of the starting points failed: ${errorLines(round.result.stderr || round.result.stdout).join(" / ")}`])) };
  }
  const manifest = readManifest(round.outdir);
  const modules: RootModule[] = [];
  const reports: EditReport[] = [];
  for (const edit of round.edits) {
    if (manifest[edit.stack]) modules.push({ name: `from-${edit.id}`, json: withOfflineAwsProviders(readStack(round.outdir, manifest[edit.stack])) });
    else reports.push(failed(edit, [`the starting point has no stack ${edit.stack}`]));
  }
  return { modules, reports };
}

/** Plans every routine edit, each its stack as a module, against the unedited stacks' state. */
async function checkEdits(rounds: readonly SynthesizedRound[], base: PlannedBase, state: StateFile, label: string): Promise<EditReport[]> {
  const reports: EditReport[] = [];
  const baseJson = base.modules;
  const failed = (edit: RoutineEdit, errors: string[]): EditReport => ({ edit, result: "failed", planned: "-", errors });
  const modules: RootModule[] = [];
  /** edit id -> the module whose state it starts from (undefined: none, a new stack). */
  const startsFrom = new Map<string, string | undefined>();
  const planOf = new Map<string, RoutineEdit>();
  const targetArgs: string[] = [];

  for (const round of rounds) {
    if (round.result.code !== 0) {
      for (const e of round.edits) reports.push(failed(e, [`synth of ${round.label} failed: ${errorLines(round.result.stderr || round.result.stdout).join(" / ")}`]));
      continue;
    }
    const manifest = readManifest(round.outdir);
    const claimed = new Map(round.edits.flatMap((e) => [e.stack, ...(e.alsoChanges ?? [])].map((stack) => [stack, e] as const)));
    // Every <env> stack no edit of the round plans must come out byte-identical to the unedited one.
    for (const env of round.org.environments) {
      if (claimed.has(env.name)) continue;
      const unedited = baseJson.get(env.name);
      const json = manifest[env.name] && withOfflineAwsProviders(readStack(round.outdir, manifest[env.name]));
      if (!unedited || !json || canonicalJson(strip(json)) !== canonicalJson(strip(unedited))) {
        for (const e of round.edits) {
          reports.push(failed(e, [`the ${env.name} stack changed too, which no edit of ${round.label} (${round.edits.map((x) => x.id).join(", ")}) plans: edits must change only their stack`]));
        }
      }
    }
    for (const edit of round.edits) {
      if (reports.some((r) => r.edit === edit)) continue;
      const stack = manifest[edit.stack];
      if (!stack) {
        reports.push(failed(edit, [`${round.label} has no stack ${edit.stack}`]));
        continue;
      }
      const json = withOfflineAwsProviders(readStack(round.outdir, stack));
      if (edit.from && !baseJson.has(`from-${edit.id}`)) {
        reports.push(failed(edit, ["its starting point did not plan"]));
        continue;
      }
      const start = edit.from ? `from-${edit.id}` : baseJson.has(edit.stack) ? edit.stack : undefined;
      const targets = start ? changeTargets(baseJson.get(start)!, json) : undefined;
      if (targets && targets.length === 0) {
        // No resource's block differs and nothing stack-wide does: against the fixpoint state the
        // plan would be the fixpoint plan, which shows no change.
        const errors = compareOutcome(edit.expect, []);
        const same = canonicalJson(strip(json)) === canonicalJson(strip(baseJson.get(start!)!));
        reports.push({ edit, result: errors.length === 0 ? "ok" : "failed", planned: `no change: ${same ? "synthesized JSON identical to" : "no resource differs from"} the unedited stack's`, errors });
        continue;
      }
      // Only what can change is planned (edit-targets.ts says why that is sound).
      targetArgs.push(...(targets ? targets.map((t) => `-target=module.edit-${edit.id}.${t}`) : [`-target=module.edit-${edit.id}`]));
      modules.push({ name: `edit-${edit.id}`, json });
      planOf.set(`edit-${edit.id}`, edit);
      startsFrom.set(edit.id, start);
    }
  }

  const dir = join(ROOTS, label);
  const root = buildPlanRoot(modules);
  const resources = modules.flatMap((m) => {
    const from = startsFrom.get(planOf.get(m.name)!.id);
    return from ? copyModuleState(state, from, m.name, (r) => root.stateProvider(m.name, r.type, providerArg(m.json, r.type, r.name))) : [];
  });
  const editState: StateFile = { ...state, serial: 1, resources };
  const { init } = await prepareRoot(dir, modules, editState);
  const what = `Change safety: ${modules.length} edits (${rounds.length} synthesized organizations) planned in one root`;
  if (init.code !== 0) {
    say(`${what}: init failed\n`);
    for (const m of modules) reports.push(failed(planOf.get(m.name)!, ["terraform init failed", ...errorLines(init.stderr + init.stdout)]));
    return order(reports);
  }
  const p = await planAndShow(dir, "edits", false, targetArgs);
  if ("error" in p) {
    say(`${what}: failed (${p.error})\n`);
    for (const m of modules) reports.push(failed(planOf.get(m.name)!, [p.error, ...p.lines]));
    return order(reports);
  }
  say(`${what} (${elapsed()})\n`);

  for (const m of modules) {
    const edit = planOf.get(m.name)!;
    const changes = plannedChanges(p.plan, m.name);
    const counts = changes.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.kind]: (acc[c.kind] ?? 0) + 1 }), {});
    const planned = ["create", "update", "replace", "destroy"].map((k) => `${counts[k] ?? 0} ${k}`).join(", ");
    let errors: string[];
    if (Boolean(edit.newStack) !== (startsFrom.get(edit.id) === undefined)) {
      errors = [edit.newStack ? `${edit.stack} is not a new stack: the unedited organization has it` : `${edit.stack} is a new stack; mark the edit newStack`];
    } else if (edit.newStack) {
      // A new stack: everything a create, counted like the unedited stacks' empty-state plans.
      const round = rounds.find((r) => r.edits.includes(edit))!;
      const env = round.org.environments.find((e) => e.name === edit.stack)!;
      const creates = changes.filter((c) => c.kind === "create").reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.type]: (acc[c.type] ?? 0) + 1 }), {});
      errors = [
        ...describeMismatches(compareCounts(expectedPlanCounts(env, round.org.dns.publicZoneAccountId, round.org.environments), creates)),
        ...changes.filter((c) => c.kind !== "create").map((c) => `${c.kind} ${c.address}: a new stack only creates`),
        ...compareOutcome({ ...edit.expect, create: creates }, changes),
      ];
    } else errors = compareOutcome(edit.expect, changes);
    reports.push({ edit, result: errors.length === 0 ? "ok" : "failed", planned, errors });
  }
  return order(reports);
}

/** The reports in the table's order. */
function order(reports: EditReport[]): EditReport[] {
  return [...reports].sort((a, b) => ROUTINE_EDITS.indexOf(a.edit) - ROUTINE_EDITS.indexOf(b.edit));
}

/** A stack's JSON without cdktf's metadata, for comparing two syntheses. */
function strip(json: TerraformJson): TerraformJson {
  const { "//": _meta, ...rest } = json;
  return JSON.parse(JSON.stringify(rest, (k, v: unknown) => (k === "//" ? undefined : v))) as TerraformJson;
}

// --- Terraform runs ---------------------------------------------------------------------------

// --- Terraform runs (scripts/lib/offline-terraform.ts, in this run's scratch folder) -----------

const terraform = (cwd: string, args: string[]) => terraformIn(SETUP, cwd, args);
const prepareRoot = (dir: string, modules: readonly RootModule[], state?: StateFile) => prepareRootIn(SETUP, dir, modules, state);
const planAndShow = (dir: string, label: string, skipShowWhenNoChanges = false, extraArgs: readonly string[] = []) =>
  planAndShowIn(SETUP, dir, label, skipShowWhenNoChanges, extraArgs);
const providerSchemas = (dir: string) => providerSchemasIn(SETUP, dir);
const settle = (dir: string, first: StateFile) => settleIn(SETUP, dir, first, MAX_FIXPOINT_PLANS, say);

// --- small helpers ----------------------------------------------------------------------------

/** The stack's role, for the summary table. */
function stackKind(name: string, env: Environment | undefined): string {
  if (env) return "<env>";
  if (name === stackNames.state) return "state";
  if (name === stackNames.peering) return "peering";
  if (name === stackNames.dns) return "dns";
  if (name.endsWith(stackNames.platform(""))) return "<env>-platform";
  return "other";
}

/** `<env>` stacks in the model's order first, then the others by name. */
function orderStacks<T extends { name: string }>(stacks: T[], environments: ReadonlyMap<string, Environment>): T[] {
  const order = [...environments.keys()];
  const rank = (s: T) => (environments.has(s.name) ? order.indexOf(s.name) : order.length);
  return [...stacks].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
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
