/**
 * Synthesized stacks for the diagram's tests, and edits of their JSON: the reachability matrix
 * is computed from synthesized Terraform, so its tests edit that JSON the way a code change would
 * change it. Outside __tests__ so jest does not collect it as a test file.
 */
import type { Org } from "../src/model/org";
import type { StackJson } from "../src/review/diagram";
import { synthesizeOrg } from "../src/testing";

/** Every stack of `org`, synthesized, as parsed JSON. */
export function synthesizedStacks(org: Org): StackJson[] {
  return synthesizeOrg(org).map((s) => ({ name: s.name, json: typeof s.json === "string" ? JSON.parse(s.json) : s.json }));
}

/** A deep copy of `stacks` after `edit` changed the JSON of the stacks it names (by stack name). */
export function editStacks(stacks: readonly StackJson[], edit: (json: Record<string, any>) => void): StackJson[] {
  const copy = stacks.map((s) => ({ name: s.name, json: structuredClone(s.json) }));
  edit(Object.fromEntries(copy.map((s) => [s.name, s.json])));
  return copy;
}

/** Deletes every resource of `type` in `json` whose id matches `pattern`; returns how many it deleted (a test asserts it found some). */
export function deleteResources(json: Record<string, any>, type: string, pattern: RegExp): number {
  const resources = json.resource?.[type] ?? {};
  const ids = Object.keys(resources).filter((id) => pattern.test(id));
  for (const id of ids) delete resources[id];
  return ids.length;
}
