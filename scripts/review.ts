/**
 * `npm run review`: one Markdown report of what the plans of an organization's stacks do, in
 * deploy order, for reviewers (src/review/ builds it; README "Reviewing a change").
 *
 * Usage:
 *   TF_PLUGIN_MIRROR=<mirror> npm run review [-- [--base <environments file> | --base default] [--out <file>] [<stack> ...]]
 *     Synthesizes the organization (PLATFORM_CONFIG, or the embedded default) into `.review/`
 *     and plans, offline as `npm run validate` does (one root of the stacks as modules, fake
 *     credentials, providers from the mirror), every stack that can plan without AWS: stacks that
 *     read other stacks' state or call AWS in data sources cannot and are listed as not planned.
 *     Without --base the plans start from empty state. With --base, from the state the base
 *     organization's stacks would have (the change-safety machinery's prior state): the report
 *     then shows what an edit of the environments file does.
 *   npm run review -- --plans <dir> [--synth <cdktf.out>] [--out <file>]
 *     Reads `<dir>/<stack>.json` (`terraform show -json <planfile>` of real plans, e.g. from CI).
 *     With --synth (the synthesized organization), the deploy order uses the manifest's
 *     dependencies and prevent_destroy is checked; without it, the order comes from the remote
 *     state each plan reads.
 * Writes `review.md` in the working directory unless --out says otherwise, and prints where.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { loadOrgFile, ModelError, stackNames, type Org } from "../src/model";
import {
  buildReport,
  deployOrder,
  networkPictureMissing,
  networkPictureSection,
  remoteStateDependencies,
  stackPlanOfModule,
  type PlanJson,
  type ReportSection,
  type StackReview,
} from "../src/review";
import { MIRROR_ENV_VAR, mirrorProblem, offlineCliConfig } from "./lib/cli-config";
import { missingProviderReason, mirrorVersions } from "./lib/mirror";
import {
  offlineSetup,
  planAndShow,
  prepareRoot,
  providerSchemas,
  readManifest,
  readStack,
  settle,
  SynthQueue,
  parseJson,
  terraform,
  type ManifestStack,
  type OfflineSetup,
} from "./lib/offline-terraform";
import { CI_GROUPS, groupOf, type CiGroup } from "./lib/ci-matrix";
import { buildPlanRoot } from "./lib/plan-root";
import { copyModuleState, priorStateFromPlan, type StateFile } from "./lib/prior-state";
import { errorLines } from "./lib/terraform-diagnostics";
import {
  preventDestroyByAddress,
  providerArg,
  readsRemoteState,
  remoteDataSourceTypes,
  requiredProviders,
  withOfflineAwsProviders,
  type TerraformJson,
} from "./lib/terraform-json";

/**
 * The picture of the organization (a Mermaid chart GitHub renders), drawn from the synthesized
 * stacks the plans came from: `.review/cdktf.out` when the review synthesized them, `--synth`
 * with `--plans`. The model is the file the stacks were synthesized from (PLATFORM_CONFIG).
 */
function pictureSection(options: Options): ReportSection {
  const outdir = options.plans ? options.synth : join(SCRATCH, "cdktf.out");
  if (!outdir) return networkPictureMissing("pass --synth <cdktf.out> with --plans to draw it");
  try {
    const org = loadOrgFile(process.env.PLATFORM_CONFIG || undefined);
    const manifest = readManifest(outdir);
    const stacks = Object.values(manifest).map((s) => ({ name: s.name, json: readStack(outdir, s) }));
    return networkPictureSection(org, stacks);
  } catch (e) {
    return networkPictureMissing(`it could not be drawn (${String((e as Error).message).split("\n")[0]})`);
  }
}

const REPO = resolve(__dirname, "..");
/** Synth output, plan roots and caches (LZ_REVIEW_DIR moves it, e.g. for a test). */
const SCRATCH = process.env.LZ_REVIEW_DIR ? resolve(process.env.LZ_REVIEW_DIR) : join(REPO, ".review");
const SETUP: OfflineSetup = offlineSetup(SCRATCH);
/** Most fixpoint plans before the base organization's prior state is declared not to converge. */
const MAX_FIXPOINT_PLANS = 4;

const started = Date.now();
const say = (text: string) => process.stderr.write(text);
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

/** The parsed command line. */
interface Options {
  readonly plans?: string;
  readonly synth?: string;
  readonly base?: string;
  readonly out: string;
  readonly stacks: readonly string[];
}

/** Parses the arguments; a message for a wrong one. */
export function parseArgs(argv: readonly string[]): Options | { error: string } {
  const values: Record<string, string> = {};
  const stacks: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (["--plans", "--synth", "--base", "--out"].includes(a)) {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) return { error: `${a} needs a value` };
      values[a.slice(2)] = v;
    } else if (a.startsWith("-")) return { error: `unknown option ${a}; the options are --plans <dir>, --synth <cdktf.out>, --base <environments file>|default, --out <file>` };
    else stacks.push(a);
  }
  if (values.plans && values.base) return { error: "--base plans the organization itself; it does not go with --plans" };
  if (values.synth && !values.plans) return { error: "--synth goes with --plans (without --plans the review synthesizes the organization itself)" };
  return { plans: values.plans, synth: values.synth, base: values.base, out: resolve(values.out ?? "review.md"), stacks };
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if ("error" in options) {
    process.stderr.write(`review: ${options.error}\n`);
    return 2;
  }
  const input = options.plans ? fromPlanFiles(options.plans, options.synth, options.stacks) : await fromOfflinePlans(options);
  if ("error" in input) {
    process.stderr.write(`review: ${input.error}\n`);
    return 1;
  }
  const report = buildReport(input.review, [pictureSection(options)]);
  writeFileSync(options.out, report);
  process.stdout.write(`review: wrote ${options.out} (${input.review.stacks.length} stacks planned, ${Buffer.byteLength(report)} bytes, ${seconds()})\n`);
  return 0;
}

type Built = { review: Parameters<typeof buildReport>[0] } | { error: string };

/**
 * Deploy-order rank among stacks ready at the same time: the workflow's job groups in their order
 * (scripts/lib/ci-matrix.ts: state, environments, dns, peering, platforms), environments in model
 * order. Without the model (plan files only), a stack's group is read from its name.
 */
function rankOf(org: Org | undefined): (name: string) => number {
  const envs = org?.environments.map((e) => e.name) ?? [];
  const groupByName = (name: string): CiGroup =>
    name === stackNames.state ? "state" : name === stackNames.dns ? "dns" : name === stackNames.peering ? "peering" : name.endsWith(stackNames.platform("")) ? "platforms" : "environments";
  return (name) => {
    const group = (org && groupOf(org, name)) ?? groupByName(name);
    return 100 * CI_GROUPS.findIndex((g) => g.group === group) + Math.max(envs.indexOf(name), 0);
  };
}

// --- plans from files ---------------------------------------------------------------------------

function fromPlanFiles(dir: string, synth: string | undefined, filters: readonly string[]): Built {
  if (!existsSync(dir)) return { error: `--plans ${dir}: no such folder` };
  const files = readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "manifest.json");
  const plans = new Map<string, PlanJson>();
  for (const f of files) {
    const name = basename(f, ".json");
    if (filters.length > 0 && !filters.includes(name)) continue;
    const plan = parseJson<PlanJson>(readFileSync(join(dir, f), "utf8"));
    if (!plan || !Array.isArray(plan.resource_changes ?? [])) return { error: `${join(dir, f)} is not \`terraform show -json\` output of a plan` };
    plans.set(name, plan);
  }
  if (plans.size === 0) return { error: `--plans ${dir} holds no <stack>.json plan` };
  const manifest = synth ? readManifest(synth) : undefined;
  const names = [...new Set([...plans.keys(), ...Object.keys(manifest ?? {})])].filter((n) => filters.length === 0 || filters.includes(n));
  const order = deployOrder(
    names.map((name) => ({ name, dependsOn: [...(manifest?.[name]?.dependencies ?? []), ...(plans.has(name) ? remoteStateDependencies(plans.get(name)!, names) : [])] })),
    rankOf(undefined),
  );
  const stacks: StackReview[] = order.filter((name) => plans.has(name)).map((name) => ({
    name,
    plan: plans.get(name)!,
    ...(synth && manifest?.[name] ? { lifecycles: preventDestroyByAddress(readStack(synth, manifest[name])) } : {}),
  }));
  const notPlanned = order.filter((n) => !plans.has(n)).map((name) => ({ name, reason: `no ${name}.json in ${dir}` }));
  return {
    review: {
      title: `plans in ${dir}`,
      stacks,
      notPlanned,
      notes: [`Plans read from ${dir} (terraform ${[...new Set([...plans.values()].map((p) => p.terraform_version ?? "?"))].join(", ")}).`],
    },
  };
}

// --- offline plans --------------------------------------------------------------------------------

/** Why a synthesized stack cannot be planned offline, or undefined when it can. */
function offlineBlocker(json: TerraformJson, mirror: string): string | undefined {
  const missing = requiredProviders(json).map((p) => missingProviderReason(p, mirrorVersions(mirror, p.address))).filter((r): r is string => r !== undefined);
  if (missing.length > 0) return missing.join("; ");
  if (readsRemoteState(json)) return "reads other stacks' outputs through terraform_remote_state in S3, which an offline plan cannot reach";
  const remote = remoteDataSourceTypes(json);
  if (remote.length > 0) return `its data sources ${remote.join(", ")} call AWS at plan time`;
  return undefined;
}

async function fromOfflinePlans(options: Options): Promise<Built> {
  const mirrorVar = process.env[MIRROR_ENV_VAR];
  const problem = mirrorProblem(mirrorVar, existsSync);
  if (problem || !mirrorVar) return { error: problem!.replace("npm run validate", "npm run review") };
  const mirror = resolve(mirrorVar);
  const config = process.env.PLATFORM_CONFIG ? resolve(process.env.PLATFORM_CONFIG) : undefined;
  const base = options.base === undefined ? undefined : options.base === "default" ? "default" : resolve(options.base);
  let org: Org;
  try {
    org = loadOrgFile(config);
    if (base) loadOrgFile(base === "default" ? undefined : base);
  } catch (e) {
    if (!(e instanceof ModelError)) throw e;
    return { error: e.message };
  }
  const version = await terraform(SETUP, REPO, ["version", "-json"]).catch((e: Error) => e);
  if (version instanceof Error || version.code !== 0) return { error: "`terraform version` did not run; put Terraform >= 1.10 on PATH" };
  const terraformVersion = (JSON.parse(version.stdout) as { terraform_version: string }).terraform_version;

  rmSync(join(SCRATCH, "roots"), { recursive: true, force: true });
  for (const dir of [SCRATCH, join(SCRATCH, "base"), SETUP.pluginCache, SETUP.schemaCache]) mkdirSync(dir, { recursive: true });
  writeFileSync(SETUP.cliConfig, offlineCliConfig(mirror));

  const synths = new SynthQueue(2, REPO, "bin/synth.cjs");
  const outdir = join(SCRATCH, "cdktf.out");
  const baseOutdir = join(SCRATCH, "base", "cdktf.out");
  const [synth, baseSynth] = await Promise.all([synths.add(outdir, config), base ? synths.add(baseOutdir, base === "default" ? undefined : base) : undefined]);
  for (const [what, result] of [["the organization", synth], ["the base organization", baseSynth]] as const) {
    if (result && result.code !== 0) return { error: `synth of ${what} failed:\n${errorLines(result.stderr || result.stdout).join("\n")}` };
  }
  say(`review: synthesized ${org.organization} (${config ?? "the embedded default organization"})${base ? ` and the base (${base === "default" ? "the embedded default organization" : base})` : ""} (${seconds()})\n`);

  const manifest = readManifest(outdir);
  const unknown = options.stacks.filter((s) => !manifest[s]);
  if (unknown.length > 0) return { error: `no stack named ${unknown.join(", ")}; stacks are ${Object.keys(manifest).join(", ")}` };
  const wanted = Object.values(manifest).filter((s) => options.stacks.length === 0 || options.stacks.includes(s.name));
  const jsonOf = new Map(wanted.map((s) => [s.name, readStack(outdir, s)]));
  const toPlan: ManifestStack[] = [];
  const notPlanned: { name: string; reason: string }[] = [];
  for (const s of wanted) {
    const blocker = offlineBlocker(jsonOf.get(s.name)!, mirror);
    if (blocker) notPlanned.push({ name: s.name, reason: blocker });
    else toPlan.push(s);
  }
  if (toPlan.length === 0) return { error: `no stack can be planned offline: ${notPlanned.map((s) => `${s.name}: ${s.reason}`).join("; ")}` };
  const modules = toPlan.map((s) => ({ name: s.name, json: withOfflineAwsProviders(jsonOf.get(s.name)!) }));

  let state: StateFile | undefined;
  let baseManifest: Record<string, ManifestStack> | undefined;
  if (base) {
    baseManifest = readManifest(baseOutdir);
    const prior = await baseState(baseOutdir, baseManifest, toPlan.map((s) => s.name), mirror, terraformVersion);
    if ("error" in prior) return prior;
    const root = buildPlanRoot(modules);
    state = {
      ...prior.state,
      serial: 1,
      resources: modules.flatMap((m) => copyModuleState(prior.state, m.name, m.name, (r) => root.stateProvider(m.name, r.type, providerArg(m.json, r.type, r.name)))),
    };
  }
  const dir = join(SCRATCH, "roots", "review");
  const { init } = await prepareRoot(SETUP, dir, modules, state);
  if (init.code !== 0) return { error: `terraform init failed:\n${errorLines(init.stderr + init.stdout).join("\n")}` };
  const planned = await planAndShow<PlanJson>(SETUP, dir, "review");
  if ("error" in planned) return { error: `${planned.error}:\n${planned.lines.join("\n")}` };
  say(`review: planned ${toPlan.map((s) => s.name).join(", ")} in one root (${seconds()})\n`);

  const order = deployOrder(
    wanted.map((s) => ({ name: s.name, dependsOn: s.dependencies ?? [] })),
    rankOf(org),
  );
  const planNames = new Set(toPlan.map((s) => s.name));
  const stacks: StackReview[] = order
    .filter((n) => planNames.has(n))
    .map((name) => {
      const baseStack = baseManifest?.[name];
      return {
        name,
        plan: stackPlanOfModule(planned.plan, name),
        lifecycles: preventDestroyByAddress(jsonOf.get(name)!),
        ...(baseStack ? { baseLifecycles: preventDestroyByAddress(readStack(baseOutdir, baseStack)) } : base ? { baseLifecycles: new Map() } : {}),
      };
    });
  const source = config ?? "the embedded default organization";
  return {
    review: {
      title: `${org.organization} (${source})`,
      stacks,
      notPlanned: order.filter((n) => !planNames.has(n)).map((n) => notPlanned.find((s) => s.name === n)!),
      notes: [
        base
          ? `Offline plans (terraform ${terraformVersion}, no AWS call) against the state the stacks of ${base === "default" ? "the embedded default organization" : base} would have: what this edit of the environments file does.`
          : `Offline plans (terraform ${terraformVersion}, no AWS call) on empty state: everything is a create. Give --base <environments file> to review an edit, or --plans <dir> for real plans.`,
      ],
    },
  };
}

/**
 * The state the base organization's stacks (those of `names` it has and can plan) would have:
 * its plan on empty state written as a state, then settled by fixpoint plans (change safety's
 * machinery, scripts/lib/prior-state.ts).
 */
async function baseState(
  outdir: string,
  manifest: Record<string, ManifestStack>,
  names: readonly string[],
  mirror: string,
  terraformVersion: string,
): Promise<{ state: StateFile } | { error: string }> {
  const modules = names
    .filter((n) => manifest[n])
    .map((name) => ({ name, json: readStack(outdir, manifest[name]) }))
    .filter((m) => offlineBlocker(m.json, mirror) === undefined)
    .map((m) => ({ name: m.name, json: withOfflineAwsProviders(m.json) }));
  if (modules.length === 0) return { error: "the base organization has none of the stacks to plan" };
  const dir = join(SCRATCH, "roots", "base");
  const { root, init } = await prepareRoot(SETUP, dir, modules);
  if (init.code !== 0) return { error: `terraform init of the base failed:\n${errorLines(init.stderr + init.stdout).join("\n")}` };
  const [plan, schemas] = await Promise.all([planAndShow(SETUP, dir, "empty"), providerSchemas(SETUP, dir)]);
  if ("error" in plan) return { error: `the base organization's plan: ${plan.error}:\n${plan.lines.join("\n")}` };
  if ("error" in schemas) return { error: `${schemas.error}:\n${schemas.lines.join("\n")}` };
  const first = priorStateFromPlan({ plan: plan.plan, configs: Object.fromEntries(modules.map((m) => [m.name, m.json])), schemas: schemas.schemas, stateProvider: root.stateProvider, terraformVersion });
  const settled = await settle(SETUP, dir, first, MAX_FIXPOINT_PLANS, (t) => say(`review: ${t}`));
  if (!settled) return { error: "the base organization's prior state did not settle (see above)" };
  say(`review: the base organization's state is settled (${seconds()})\n`);
  return { state: settled };
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`review: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
