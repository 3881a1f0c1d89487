/**
 * Synthesized Terraform to evaluate, read from a cdktf outdir (`cdktf.out/stacks/<name>/cdk.tf.json`).
 * The engine grades JSON only: it never builds the app it grades (src/testing's synthesizeOrg does).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SynthesizedStack } from "./engine";
import type { TfJson } from "./types";

/** Every stack under `<outdir>/stacks`, by directory name, sorted. */
export function readSynthesizedStacks(outdir: string): SynthesizedStack[] {
  const root = join(outdir, "stacks");
  if (!existsSync(root)) throw new Error(`${root} does not exist: synthesize first`);
  return readdirSync(root)
    .filter((name) => existsSync(join(root, name, "cdk.tf.json")))
    .sort()
    .map((name) => ({ name, json: JSON.parse(readFileSync(join(root, name, "cdk.tf.json"), "utf8")) as TfJson }));
}
