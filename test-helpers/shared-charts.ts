/**
 * Locates the pinned charts' own files (values.yaml, values.schema.json) in the shared folder
 * next to the repository, for the chart tests. The folder is `$SHARED_DIR` when set, else
 * `../shared` from the repository root. When a chart's folder is missing, its tests say so and skip.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import type { ChartSource } from "../src/platform/charts";

/** The shared folder: `$SHARED_DIR`, or `shared` beside the repository root. */
export function sharedDir(): string {
  return process.env.SHARED_DIR ? resolve(process.env.SHARED_DIR) : resolve(__dirname, "..", "..", "shared");
}

/** `<shared>/charts/<chart>/<version>`, or undefined when it does not exist. */
export function chartDir(chart: ChartSource): string | undefined {
  const dir = join(sharedDir(), "charts", chart.chart, chart.version);
  return existsSync(join(dir, "values.yaml")) ? dir : undefined;
}

/** The chart's default values (its values.yaml, parsed). */
export function chartDefaults(dir: string): unknown {
  return parse(readFileSync(join(dir, "values.yaml"), "utf8"));
}

/** The chart's values.schema.json, parsed; undefined when the chart has none. */
export function chartSchema(dir: string): Record<string, unknown> | undefined {
  const file = join(dir, "values.schema.json");
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined;
}

/**
 * `describe(name, body)` with the chart's folder, or `describe.skip` with a console message
 * naming the missing folder (an error under CI, which always has it).
 */
export function describeChart(chart: ChartSource, name: string, body: (dir: string) => void): void {
  const dir = chartDir(chart);
  if (dir) {
    describe(name, () => body(dir));
    return;
  }
  const expected = join(sharedDir(), "charts", chart.chart, chart.version);
  // CI always has ../shared; there a missing chart folder is a broken checkout, not a reason to skip.
  if (process.env.CI) throw new Error(`${name}: ${expected} is missing; CI runs with ../shared beside the repository (or set SHARED_DIR)`);
  console.warn(`${name}: skipped, ${expected} is missing (set SHARED_DIR to the folder that holds charts/)`);
  describe.skip(name, () => body(expected));
}
