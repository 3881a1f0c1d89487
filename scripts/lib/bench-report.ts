/**
 * The numbers of `npm run bench`: medians, ratios, the performance targets of the design and
 * the printed table. Pure.
 */
import { formatTable } from "./table";

/** One measured run of a scenario. */
export interface RunSample {
  /** Wall time of the child process, spawn to exit, in milliseconds. */
  readonly wallMs: number;
  /** Peak resident set size of the child, in kilobytes (process.resourceUsage().maxRSS). */
  readonly maxRssKb: number;
  /** User plus system CPU time of the child, all its threads (GC and compiler threads), in milliseconds; steadier than wall time on a busy machine. */
  readonly cpuMs: number;
}

/** A scenario's runs and their summary. */
export interface ScenarioResult {
  /** `floor`, `default`, `generated-10`, ... */
  readonly scenario: string;
  /** Whether the scenario synthesizes (the floors only load modules). */
  readonly synth: boolean;
  /** Stacks synthesized; 0 for the floors. */
  readonly stacks: number;
  /** Environments of the organization; 0 for the floor. */
  readonly environments: number;
  readonly samples: readonly RunSample[];
  /** Median wall time over the runs, in seconds. */
  readonly medianWallS: number;
  /** Highest peak RSS over the runs, in MiB (the worst run, since memory limits are hard limits). */
  readonly peakRssMb: number;
  /** Median CPU time over the runs, in seconds. */
  readonly medianCpuS: number;
}

/** Names of the scenarios the targets refer to. */
export const FLOOR = "floor";
export const DEFAULT = "default";
export const generatedScenario = (environments: number) => `generated-${environments}`;

/** The design's targets: the default org within 3x the floor and under 250 MB; 50 environments within 10x the default. */
export const TARGETS = {
  defaultWallVsFloor: 3,
  defaultPeakRssMb: 250,
  largeEnvironments: 50,
  largeWallVsDefault: 10,
} as const;

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Summarizes the samples of one scenario. */
export function summarize(scenario: string, stacks: number, environments: number, samples: readonly RunSample[]): ScenarioResult {
  return {
    scenario,
    synth: stacks > 0,
    stacks,
    environments,
    samples,
    medianWallS: median(samples.map((s) => s.wallMs)) / 1000,
    peakRssMb: Math.max(...samples.map((s) => s.maxRssKb)) / 1024,
    medianCpuS: median(samples.map((s) => s.cpuMs)) / 1000,
  };
}

/** The outcome of one target. */
export interface TargetCheck {
  readonly target: string;
  readonly pass: boolean;
  /** The measured value against the limit. */
  readonly detail: string;
}

/** Checks every target whose scenarios were measured. */
export function checkTargets(results: readonly ScenarioResult[]): TargetCheck[] {
  const by = (name: string) => results.find((r) => r.scenario === name);
  const floor = by(FLOOR);
  const def = by(DEFAULT);
  const large = by(generatedScenario(TARGETS.largeEnvironments));
  const checks: TargetCheck[] = [];
  if (floor && def) {
    const ratio = def.medianWallS / floor.medianWallS;
    checks.push({
      target: `default synth within ${TARGETS.defaultWallVsFloor}x the floor`,
      pass: ratio <= TARGETS.defaultWallVsFloor,
      detail: `${fixed(def.medianWallS, 2)} s = ${fixed(ratio, 1)}x ${fixed(floor.medianWallS, 2)} s`,
    });
  }
  if (def) {
    checks.push({
      target: `default synth under ${TARGETS.defaultPeakRssMb} MB peak RSS`,
      pass: def.peakRssMb < TARGETS.defaultPeakRssMb,
      detail: `${fixed(def.peakRssMb, 0)} MB`,
    });
  }
  if (def && large) {
    const ratio = large.medianWallS / def.medianWallS;
    checks.push({
      target: `${TARGETS.largeEnvironments} environments within ${TARGETS.largeWallVsDefault}x the default`,
      pass: ratio <= TARGETS.largeWallVsDefault,
      detail: `${fixed(large.medianWallS, 2)} s = ${fixed(ratio, 1)}x ${fixed(def.medianWallS, 2)} s`,
    });
  }
  return checks;
}

/** The results table: scenario, stacks, median wall, peak RSS, ratios to the floor and the default. */
export function formatResults(results: readonly ScenarioResult[]): string {
  const floor = results.find((r) => r.scenario === FLOOR);
  const def = results.find((r) => r.scenario === DEFAULT);
  const ratio = (r: ScenarioResult, base?: ScenarioResult) => (base ? `${fixed(r.medianWallS / base.medianWallS, 1)}x` : "-");
  return formatTable(
    ["scenario", "stacks", "median wall s", "peak RSS MB", "median CPU s", "vs floor", "vs default"],
    results.map((r) => [
      r.scenario,
      r.synth ? String(r.stacks) : "-",
      fixed(r.medianWallS, 2),
      fixed(r.peakRssMb, 0),
      fixed(r.medianCpuS, 2),
      ratio(r, floor),
      ratio(r, def),
    ]),
  );
}

/** A warning when the machine was busier than its cores while measuring (wall times then include waiting). */
export function loadWarning(loadAverage: number, cores: number): string | undefined {
  if (loadAverage <= cores) return undefined;
  return `the machine was busy (1-minute load ${loadAverage.toFixed(1)} on ${cores} cores): wall times include waiting for a core; the CPU column is steadier`;
}

/** `PASS  target (detail)` lines. */
export function formatChecks(checks: readonly TargetCheck[]): string {
  return checks.map((c) => `${c.pass ? "PASS" : "FAIL"}  ${c.target} (${c.detail})`).join("\n");
}

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}
