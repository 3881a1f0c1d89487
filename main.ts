/**
 * Composition root: load the environments file (PLATFORM_CONFIG, or the embedded example),
 * build the stacks, synthesize, report what was written. A bad file prints every problem and
 * exits 1 before anything is written.
 */
import { resolve } from "node:path";
import { App } from "cdktf";
import { buildApp } from "./src/app";
import { loadOrgFile, ModelError } from "./src/model";
import { stateStackLocalPath } from "./src/stacks/state-stack";
import { finishSynth, formatSynthReport } from "./src/synth-report";

try {
  const org = loadOrgFile(process.env.PLATFORM_CONFIG || undefined);
  const app = new App();
  buildApp(app, org, { stateStackLocalPath: stateStackLocalPath(resolve(app.outdir), resolve("terraform.state.tfstate")) });
  app.synth();
  // cdktf's CLI (`cdktf synth`, which sets this variable) prints the annotations itself.
  const annotationsPrintedElsewhere = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined;
  process.stdout.write(formatSynthReport(finishSynth(resolve(app.outdir)), { annotationsPrintedElsewhere }));
} catch (e) {
  if (!(e instanceof ModelError)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exitCode = 1;
}
