/**
 * Composition root: load the environments file (PLATFORM_CONFIG, or the embedded example),
 * build the stacks, synthesize. A bad file prints every problem and exits 1 before anything is written.
 */
import { resolve } from "node:path";
import { App } from "cdktf";
import { buildApp } from "./src/app";
import { loadOrgFile, ModelError } from "./src/model";

try {
  const org = loadOrgFile(process.env.PLATFORM_CONFIG || undefined);
  const app = new App();
  buildApp(app, org, { stateStackLocalPath: resolve("terraform.state.tfstate") });
  app.synth();
} catch (e) {
  if (!(e instanceof ModelError)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exitCode = 1;
}
