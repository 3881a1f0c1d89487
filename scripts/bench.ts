/**
 * `npm run bench`: synth wall time and peak memory of the real entry point (`node bin/synth.cjs`,
 * each run a fresh child process) for the default organization and generated ones of
 * 10 and 50 environments, next to the floor (node loading cdktf).
 * - Runs in `--runs` rounds (default 5), each running every scenario once (each round starting
 *   one scenario later), so that drifts in the machine's load hit the floor and the synths alike;
 *   the table shows the medians.
 * - Peak RSS and CPU time come from the child itself, through a preload that records
 *   process.resourceUsage() at exit.
 * - Checks the design's targets and exits 1 when one fails, unless `--no-check`. Results also go
 *   to `.bench/results.json`.
 *
 * Usage: `npm run bench [-- --runs 5] [--sizes 10,50] [--no-check]`.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DEFAULT_ENVIRONMENTS_FILE, loadOrgFile } from "../src/model";
import {
  checkTargets,
  DEFAULT,
  FLOOR,
  formatChecks,
  formatResults,
  generatedScenario,
  loadWarning,
  summarize,
  type RunSample,
  type ScenarioResult,
} from "./lib/bench-report";
import { parseBenchArgs } from "./lib/bench-options";
import { generateOrgYaml } from "./lib/org-generator";
import { run } from "./lib/run";

const REPO = resolve(__dirname, "..");
/** The synth entry point cdktf.json and `npm run synth` use, relative to the repository. */
const SYNTH_ENTRY = "bin/synth.cjs";
const PRELOAD = join(__dirname, "lib", "max-rss-preload.cjs");
const RESULTS = join(REPO, ".bench", "results.json");

/** One scenario: the arguments of the measured child and the environments file it reads. */
interface Scenario {
  readonly name: string;
  readonly args: readonly string[];
  /** PLATFORM_CONFIG; undefined means the embedded default (and for the floor, nothing is read). */
  readonly config?: string;
  readonly environments: number;
  /** Whether the child synthesizes (and writes a manifest). */
  readonly synth: boolean;
}

async function main(): Promise<number> {
  const options = parseBenchArgs(process.argv.slice(2));
  const scratch = mkdtempSync(join(tmpdir(), "lz-bench-"));
  try {
    const defaultText = readFileSync(DEFAULT_ENVIRONMENTS_FILE, "utf8");
    const synthArgs = [SYNTH_ENTRY];
    const scenarios: Scenario[] = [
      { name: FLOOR, args: ["-e", "require('cdktf')"], environments: 0, synth: false },
      { name: DEFAULT, args: synthArgs, environments: loadOrgFile().environments.length, synth: true },
      ...options.sizes.map((n): Scenario => {
        const config = join(scratch, `environments-${n}.yaml`);
        writeFileSync(config, generateOrgYaml(defaultText, { environments: n }));
        return { name: generatedScenario(n), args: synthArgs, config, environments: n, synth: true };
      }),
    ];

    process.stdout.write(`Measuring ${scenarios.length} scenarios in ${options.runs} interleaved rounds; the table shows medians (node ${process.version}).\n`);
    // One untimed run first: bin/synth.cjs rebuilds its bundle only when a file it was built from
    // changed, and saves a code cache per set of node flags on its first run, so every measured run
    // is the synth an operator repeats: the record's check included, the rebuild not (the first
    // run after a change takes about 2 s more). The environments file is read at run time: the
    // generated organizations use the same bundle.
    await measure(scenarios.find((s) => s.name === DEFAULT)!, scratch);
    // Rounds, each running every scenario once: the machine's load drifts over a bench, and
    // interleaving gives the floor and the synths the same conditions, so their ratio holds.
    // Each round starts one scenario later, so that no scenario always runs first.
    const samples = new Map<string, RunSample[]>(scenarios.map((s) => [s.name, []]));
    const stacks = new Map<string, number>();
    let maxLoad = 0;
    for (let round = 1; round <= options.runs; round++) {
      process.stdout.write(`  round ${round}/${options.runs}:`);
      for (const scenario of scenarios.map((_, i) => scenarios[(i + round - 1) % scenarios.length])) {
        maxLoad = Math.max(maxLoad, loadavg()[0]);
        const { sample, stackCount } = await measure(scenario, scratch);
        samples.get(scenario.name)!.push(sample);
        stacks.set(scenario.name, stackCount);
        process.stdout.write(`  ${scenario.name} ${(sample.wallMs / 1000).toFixed(2)} s / ${Math.round(sample.maxRssKb / 1024)} MB`);
      }
      process.stdout.write("\n");
    }
    const results: ScenarioResult[] = scenarios.map((s) => summarize(s.name, stacks.get(s.name)!, s.environments, samples.get(s.name)!));

    const checks = checkTargets(results);
    const busy = loadWarning(maxLoad, availableParallelism());
    process.stdout.write(`\n${formatResults(results)}\n${busy ? `\nNote: ${busy}.\n` : ""}\n${formatChecks(checks)}\n`);
    mkdirSync(join(REPO, ".bench"), { recursive: true });
    writeFileSync(
      RESULTS,
      `${JSON.stringify({ date: new Date().toISOString(), node: process.version, runs: options.runs, maxLoadAverage: maxLoad, results, checks }, null, 2)}\n`,
    );
    process.stdout.write(`\nResults written to .bench/results.json\n`);
    const failed = checks.filter((c) => !c.pass);
    if (failed.length > 0 && options.check) {
      process.stdout.write(`${failed.length} target${failed.length === 1 ? "" : "s"} missed (run with --no-check to report only)\n`);
      return 1;
    }
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Runs the scenario once in a fresh child and reads its wall time, peak RSS and stack count. */
async function measure(scenario: Scenario, scratch: string): Promise<{ sample: RunSample; stackCount: number }> {
  const outdir = join(scratch, `out-${scenario.name}`);
  const rssFile = join(scratch, `rss-${scenario.name}`);
  rmSync(outdir, { recursive: true, force: true });
  rmSync(rssFile, { force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir, BENCH_RSS_FILE: rssFile };
  delete env.PLATFORM_CONFIG;
  if (scenario.config) env.PLATFORM_CONFIG = scenario.config;
  const result = await run(process.execPath, ["--require", PRELOAD, ...scenario.args], { cwd: REPO, env });
  if (result.code !== 0 || !existsSync(rssFile)) {
    throw new Error(`${scenario.name}: the child exited with ${result.code ?? result.signal}\n${result.stderr || result.stdout}`);
  }
  const manifest = join(outdir, "manifest.json");
  const stackCount = scenario.synth ? Object.keys((JSON.parse(readFileSync(manifest, "utf8")) as { stacks: object }).stacks).length : 0;
  const usage = JSON.parse(readFileSync(rssFile, "utf8")) as { maxRssKb: number; cpuUs: number };
  return { sample: { wallMs: result.wallMs, maxRssKb: usage.maxRssKb, cpuMs: usage.cpuUs / 1000 }, stackCount };
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
