/**
 * The public entry point (package.json `main`, `types`, `exports`). Two ways in:
 * - the app: `buildApp(app, loadOrgFile(path))` adds every stack of an environments file;
 * - the library: the constructs (Network, EksCluster, VpcPeering, the add-ons, the state bucket)
 *   take their own props with defaults and compose in any cdktf TerraformStack, without an
 *   environments file. Only src/stacks and the add-ons' registry entries read the model.
 * Importing it synthesizes nothing (main.ts is the app's composition root).
 * The policy engine is exported as the `policy` namespace.
 */
export * from "./app";
export * from "./model";
export * from "./network";
export * from "./peering";
export * from "./transit-gateway";
export * from "./eks";
export * from "./platform";
export * from "./addons";
export * from "./state";
export * from "./observability";
export * from "./vpn";
export * from "./stacks";
export * from "./moves/legacy-id";
export * from "./moves/state-blocks";
export * from "./testing";
export * as policy from "./policy";
