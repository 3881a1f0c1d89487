/**
 * Terraform's `moved` and `removed` blocks, which change what a stack's state holds without a
 * destroy and a create. cdktf 0.21 has `moveFromId` for the first (it makes every synth run
 * `terraform version`, and fail without Terraform) and nothing for the second, so both are
 * written as stack overrides here, accumulated per stack.
 */
import type { TerraformStack } from "cdktf";

/** `moved { from = <address>, to = <address> }`. */
export function addMovedBlock(stack: TerraformStack, from: string, to: string): void {
  appendBlock(stack, "moved", { from, to });
}

/**
 * `removed { from = <address>, lifecycle { destroy = false } }` (Terraform >= 1.7): the resource
 * leaves the stack's state without being destroyed, e.g. a setting another stack now owns.
 */
export function forgetWithoutDestroying(stack: TerraformStack, address: string): void {
  appendBlock(stack, "removed", { from: address, lifecycle: [{ destroy: false }] });
}

const blocksByStack = new WeakMap<TerraformStack, Map<string, object[]>>();

/** Adds `block` to the stack's top-level list `key` (an override replaces the list, so the whole list is kept here). */
function appendBlock(stack: TerraformStack, key: "moved" | "removed", block: object): void {
  const byKey = blocksByStack.get(stack) ?? new Map<string, object[]>();
  blocksByStack.set(stack, byKey);
  const blocks = [...(byKey.get(key) ?? []), block];
  byKey.set(key, blocks);
  stack.addOverride(key, blocks);
}
