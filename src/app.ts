/**
 * Wires the stacks of an organization into an app. main.ts calls it with a real App;
 * tests call it with Testing.app(). Nothing here reads files or the environment.
 */
import { Annotations, type App } from "cdktf";
import type { Construct } from "constructs";
import { stackNames } from "./model/naming";
import type { Org } from "./model/org";
import { recordsRoleSpecs } from "./addons/external-dns/zone-account";
import { DnsStack } from "./stacks/dns-stack";
import { EnvironmentStack } from "./stacks/environment-stack";
import { PeeringStack } from "./stacks/peering-stack";
import { PlatformStack } from "./stacks/platform-stack";
import { StateStack } from "./stacks/state-stack";

/** The stacks buildApp created, by role. */
export interface LandingZone {
  readonly state: StateStack;
  /** Environment stacks by environment name. */
  readonly environments: ReadonlyMap<string, EnvironmentStack>;
  /** The peering stack; undefined when the organization declares no peering. */
  readonly peering?: PeeringStack;
  /** The dns stack (records roles in the public zone's account); undefined when every cluster is in that account. */
  readonly dns?: DnsStack;
  /** Platform stacks (`<env>-platform`) by environment name, one per environment with a cluster. */
  readonly platforms: ReadonlyMap<string, PlatformStack>;
}

/** How the app is built beyond what the environments file says. */
export interface BuildOptions {
  /**
   * Path of the state stack's local state file while it bootstraps (`state.ownState: local`),
   * relative to the stack's working directory `<outdir>/stacks/state`. main.ts passes the path of
   * `<project root>/terraform.state.tfstate` from there (stateStackLocalPath), so the file does not
   * move with CDKTF_OUTDIR and the JSON does not depend on where the checkout lives.
   * @default "../../../terraform.state.tfstate" (the project root, for the default cdktf.out)
   */
  readonly stateStackLocalPath?: string;
}

/** Adds every stack of the organization to `app`. */
export function buildApp(app: App, org: Org, options: BuildOptions = {}): LandingZone {
  const state = new StateStack(app, stackNames.state, { org, localStatePath: options.stateStackLocalPath });
  const environments = new Map<string, EnvironmentStack>();
  for (const env of org.environments) {
    environments.set(env.name, new EnvironmentStack(app, stackNames.environment(env.name), { org, environment: env }));
  }
  // The zone account's records roles trust the clusters' ExternalDNS IRSA roles, which must exist first.
  const dns = recordsRoleSpecs(org).length > 0 ? new DnsStack(app, stackNames.dns, { org }) : undefined;
  for (const spec of dns ? recordsRoleSpecs(org) : []) dns!.addDependency(environments.get(spec.environment)!);
  // Network attributes travel as cdktf cross-stack references, so peering deploys after the environments.
  const peering =
    org.peerings.length > 0
      ? new PeeringStack(app, stackNames.peering, {
          org,
          networks: new Map([...environments].map(([name, stack]) => [name, stack.network])),
        })
      : undefined;
  // The cluster's attributes travel as cdktf cross-stack references: each platform stack deploys after its environment.
  const platforms = new Map<string, PlatformStack>();
  for (const [name, envStack] of environments) {
    if (!envStack.cluster) continue;
    platforms.set(
      name,
      new PlatformStack(app, stackNames.platform(name), { org, environment: envStack.environment, cluster: envStack.cluster }),
    );
  }
  emitWarnings(app, org, (name) => app.node.tryFindChild(name));
  return { state, environments, peering, dns, platforms };
}

/** The loader's warnings become cdktf Annotations on the stack they concern. */
function emitWarnings(app: App, org: Org, stackByName: (name: string) => Construct | undefined): void {
  for (const w of org.warnings) {
    const target = (w.stack && stackByName(w.stack)) || app;
    Annotations.of(target).addWarning(`${w.path}: ${w.message}`);
  }
}
