/**
 * The order stacks deploy in, from their dependencies (cdktf's manifest, and the remote state a
 * plan's configuration reads). Pure.
 */
import type { ConfigExpression, PlanJson } from "./plan-json";

/** A stack and the stacks it depends on. */
export interface StackNode {
  readonly name: string;
  readonly dependsOn: readonly string[];
}

/**
 * The stacks in an order where every stack comes after the stacks it depends on (dependencies on
 * stacks not in the list are ignored). Among stacks that are ready at the same time, the lower
 * `rank` goes first, then the name. Throws on a dependency cycle (cdktf rejects those at synth).
 */
export function deployOrder(stacks: readonly StackNode[], rank: (name: string) => number = () => 0): string[] {
  const names = new Set(stacks.map((s) => s.name));
  const pending = new Map(stacks.map((s) => [s.name, new Set(s.dependsOn.filter((d) => names.has(d) && d !== s.name))]));
  const order: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter(([, deps]) => deps.size === 0).map(([n]) => n);
    if (ready.length === 0) throw new Error(`the stacks ${[...pending.keys()].join(", ")} depend on each other in a cycle`);
    ready.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    // One at a time, so that a lower-ranked stack that becomes ready next still goes before higher ones.
    const next = ready[0];
    order.push(next);
    pending.delete(next);
    for (const deps of pending.values()) deps.delete(next);
  }
  return order;
}

/**
 * The stacks whose state a plan reads through `terraform_remote_state` (cdktf's cross-stack
 * references): each data source's `config.key` is `<stack or environment>/<file>.tfstate`; the
 * stack is the one of `stackNames` named by the key's first segment.
 */
export function remoteStateDependencies(plan: PlanJson, stackNames: readonly string[]): string[] {
  const out = new Set<string>();
  for (const r of plan.configuration?.root_module?.resources ?? []) {
    if (r.mode !== "data" || r.type !== "terraform_remote_state") continue;
    const config = (r.expressions?.config as ConfigExpression | undefined)?.constant_value as { key?: unknown } | undefined;
    const first = typeof config?.key === "string" ? config.key.split("/")[0] : undefined;
    if (first && stackNames.includes(first)) out.add(first);
  }
  return [...out].sort();
}
