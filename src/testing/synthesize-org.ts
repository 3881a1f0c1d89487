/** Synthesizes an organization into a temporary outdir and reads back every stack's Terraform JSON. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { buildApp } from "../app";
import type { Org } from "../model/org";
import type { SynthesizedStack } from "../policy/engine";
import { readSynthesizedStacks } from "../policy/synthesized-stacks";

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
