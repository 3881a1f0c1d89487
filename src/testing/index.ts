/**
 * Helpers for jest tests of your own environments file, used with cdktf's matchers:
 *
 *   const stack = synthStack(loadOrgFile("environments.yaml"), "production");
 *   expect(stack).toHaveResourceWithProperties(NatGateway, { connectivity_type: "public" });
 *   expect(countResources(stack, NatGateway)).toBe(3);
 *
 * cdktf's matchers only say "at least one matches"; countResources says how many.
 */
import { type App, TerraformStack, Testing } from "cdktf";
import { buildApp } from "../app";
import type { Org } from "../model/org";

/** A class with a static `tfResourceType` (any provider resource or data source class), or the type string. */
export type ResourceType = string | { readonly tfResourceType: string };

function typeName(type: ResourceType): string {
  return typeof type === "string" ? type : type.tfResourceType;
}

/** Builds the whole organization in a test app and returns the stack named `stackName`. */
export function stackOf(org: Org, stackName: string): TerraformStack {
  return findStack(builtApp(org), stackName);
}

/** A test app with every stack of `org`, prepared as app.synth() prepares them. */
function builtApp(org: Org): App {
  const app = Testing.app();
  buildApp(app, org);
  // What app.synth() does first: resolve cross-stack references into remote state and outputs.
  for (const child of app.node.children) if (child instanceof TerraformStack) child.prepareStack();
  return app;
}

function findStack(app: App, stackName: string): TerraformStack {
  const stack = app.node.tryFindChild(stackName);
  if (!stack) {
    const names = app.node.children.map((c) => c.node.id).join(", ");
    throw new Error(`no stack named ${stackName}; the organization has ${names}`);
  }
  return stack as TerraformStack;
}

/**
 * Synthesizes one stack of the organization (an environment name, `<env>-platform`, `state` or `peering`)
 * and returns its Terraform JSON as cdktf's matchers expect it. Providers are checked to be present.
 */
export function synthStack(org: Org, stackName: string): string {
  // A test file asks for several stacks of one organization: build it once, synthesize each stack
  // once. The result is a string, so sharing it cannot leak one test's changes into another.
  // Only a frozen model (as the loader returns) is cached: a hand-built one may change between calls.
  if (!Object.isFrozen(org)) return Testing.synth(stackOf(org, stackName), true);
  let built = synthesizedByOrg.get(org);
  if (!built) {
    built = { app: builtApp(org), stacks: new Map() };
    synthesizedByOrg.set(org, built);
  }
  let synthesized = built.stacks.get(stackName);
  if (synthesized === undefined) {
    synthesized = Testing.synth(findStack(built.app, stackName), true);
    built.stacks.set(stackName, synthesized);
  }
  return synthesized;
}

/** Per organization model (frozen, so its identity is its content), its built app and the stacks synthesized so far. */
const synthesizedByOrg = new WeakMap<Org, { readonly app: App; readonly stacks: Map<string, string> }>();

/** Parsed Terraform JSON of a synthesized stack. */
export function parseStack(synthesized: string): { resource?: Record<string, Record<string, any>>; data?: Record<string, Record<string, any>>; output?: Record<string, any> } {
  return JSON.parse(synthesized);
}

/** The resources of one type in a synthesized stack, by logical id. */
export function resourcesOf(synthesized: string, type: ResourceType): Record<string, any> {
  return parseStack(synthesized).resource?.[typeName(type)] ?? {};
}

/** How many resources of a type a synthesized stack has. */
export function countResources(synthesized: string, type: ResourceType): number {
  return Object.keys(resourcesOf(synthesized, type)).length;
}

/** Resource counts per type of a synthesized stack. */
export function resourceCounts(synthesized: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [type, byId] of Object.entries(parseStack(synthesized).resource ?? {})) out[type] = Object.keys(byId).length;
  return out;
}
export * from "./synthesize-org";
