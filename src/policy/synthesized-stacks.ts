/**
 * Synthesized Terraform to evaluate: read from a cdktf outdir (`cdktf.out/stacks/<name>/cdk.tf.json`),
 * or produced by synthesizing an organization into a temporary outdir.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { buildApp } from "../app";
import type { Org } from "../model/org";
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

/** Synthesizes `org` with buildApp into a temporary outdir, reads every stack, removes the outdir. */
export function synthesizeOrg(org: Org): SynthesizedStack[] {
  const outdir = mkdtempSync(join(tmpdir(), "landing-zone-policy-"));
  try {
    const app = new App({ outdir });
    buildApp(app, org);
    app.synth();
    return readSynthesizedStacks(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
