/**
 * Synthesizes an organization as `npm run synth` does and returns what the CI workflow reads:
 * cdktf.out/manifest.json (each stack's dependencies) and each stack's JSON. Outside __tests__ so
 * jest does not collect it as a test file.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { buildApp } from "../src/app";
import type { Org } from "../src/model/org";

/** One stack of the manifest, as cdktf 0.21 writes it. */
export interface ManifestStack {
  readonly name: string;
  readonly dependencies: readonly string[];
  readonly workingDirectory: string;
  readonly synthesizedStackPath: string;
}

export interface SynthesizedManifest {
  readonly stacks: Readonly<Record<string, ManifestStack>>;
  /** Each stack's synthesized JSON (cdk.tf.json), by stack name. */
  readonly json: ReadonlyMap<string, unknown>;
}

/** Synthesizes `org` into `outdir` as cdktf.out would be written. */
export function synthesizeInto(org: Org, outdir: string): void {
  const app = new App({ outdir });
  buildApp(app, org);
  app.synth();
}

/** Synthesizes `org` into a temporary folder, reads its manifest and stacks, removes the folder. */
export function synthesizeManifest(org: Org): SynthesizedManifest {
  const outdir = mkdtempSync(join(tmpdir(), "landing-zone-ci-"));
  try {
    synthesizeInto(org, outdir);
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, ManifestStack> };
    const json = new Map(Object.values(manifest.stacks).map((s) => [s.name, JSON.parse(readFileSync(join(outdir, s.synthesizedStackPath), "utf8")) as unknown]));
    return { stacks: manifest.stacks, json };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
