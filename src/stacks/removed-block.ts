/**
 * Terraform `removed` blocks (Terraform >= 1.7), which cdktf 0.21 has no construct for: the
 * resource at an address leaves the stack's state without being destroyed. For a setting that
 * moved to another stack (an account-wide setting whose owner changed), destroying it here would
 * undo what the new owner holds.
 */
import type { TerraformStack } from "cdktf";

/** Adds `removed { from = <address>, lifecycle { destroy = false } }` to `stack`. */
export function forgetWithoutDestroying(stack: TerraformStack, address: string): void {
  const blocks = removedBlocks.get(stack) ?? [];
  blocks.push({ from: address, lifecycle: [{ destroy: false }] });
  removedBlocks.set(stack, blocks);
  stack.addOverride("removed", blocks);
}

const removedBlocks = new WeakMap<TerraformStack, { from: string; lifecycle: { destroy: boolean }[] }[]>();
