/**
 * Wires the stacks of an organization into an app. main.ts calls it with a real App;
 * tests call it with Testing.app(). Nothing here reads files or the environment.
 */
import { Annotations, type App } from "cdktf";
import type { Construct } from "constructs";
import { stackNames } from "./model/naming";
import type { Org } from "./model/org";
import { EnvironmentStack } from "./stacks/environment-stack";
import { StateStack } from "./state/state-stack";

/** The stacks buildApp created, by role. */
export interface LandingZone {
  readonly state: StateStack;
  /** Environment stacks by environment name. */
  readonly environments: ReadonlyMap<string, EnvironmentStack>;
}

/** Adds every stack of the organization to `app`. */
export function buildApp(app: App, org: Org): LandingZone {
  const state = new StateStack(app, stackNames.state, { org });
  const environments = new Map<string, EnvironmentStack>();
  for (const env of org.environments) {
    environments.set(env.name, new EnvironmentStack(app, stackNames.environment(env.name), { org, environment: env }));
  }
  emitWarnings(app, org, (name) => app.node.tryFindChild(name));
  return { state, environments };
}

/** The loader's warnings become cdktf Annotations on the stack they concern. */
function emitWarnings(app: App, org: Org, stackByName: (name: string) => Construct | undefined): void {
  for (const w of org.warnings) {
    const target = (w.stack && stackByName(w.stack)) || app;
    Annotations.of(target).addWarning(`${w.path}: ${w.message}`);
  }
}
