/**
 * Per-stack counts of a plan and the replacements and destroys with what forces them. Pure.
 */
import { CHANGE_KINDS, changeKind, pathText, valueAt, type ChangeKind, type PlanJson } from "./plan-json";

/** How many resource instances a plan creates, updates, replaces, destroys, reads (deferred data sources) and forgets. */
export function changeCounts(plan: PlanJson): Record<ChangeKind, number> {
  const counts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
  for (const rc of plan.resource_changes ?? []) {
    const kind = changeKind(rc);
    if (kind) counts[kind]++;
  }
  return counts;
}

/** A replacement or destroy, with why Terraform plans it. */
export interface DisruptiveChange {
  readonly address: string;
  readonly kind: "replace" | "destroy";
  /** `create-before-destroy` or `destroy-before-create`, for replacements. */
  readonly order?: string;
  /** The attributes forcing the replacement, with their values before and after. */
  readonly forcedBy: readonly string[];
  /** Terraform's action_reason, in words. */
  readonly reason?: string;
}

/** Terraform's `action_reason` values (plan JSON format 1.x), in words. */
const REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: "the object is tainted",
  replace_because_cannot_update: "an attribute that cannot be updated in place changes",
  replace_by_request: "replacement requested (-replace)",
  replace_by_triggers: "replace_triggered_by fired",
  delete_because_no_resource_config: "removed from the configuration",
  delete_because_no_module: "its module is removed",
  delete_because_wrong_repetition: "count/for_each changed form",
  delete_because_count_index: "its count index is gone",
  delete_because_each_key: "its for_each key is gone",
  delete_because_no_move_target: "the target of its moved block is gone",
};

const MAX_VALUE = 80;

/** A value for a one-line message, shortened. */
function short(v: unknown): string {
  const s = v === undefined ? "‹known after apply›" : JSON.stringify(v);
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

/** Every replacement and destroy of the plan, in plan order. */
export function disruptiveChanges(plan: PlanJson): DisruptiveChange[] {
  const out: DisruptiveChange[] = [];
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode !== "managed") continue;
    const kind = changeKind(rc);
    if (kind !== "replace" && kind !== "destroy") continue;
    const reason = rc.action_reason ? REASONS[rc.action_reason] ?? rc.action_reason : undefined;
    const forcedBy = (rc.change.replace_paths ?? []).map((path) => {
      const unknown = valueAt(rc.change.after_unknown, path) === true;
      return `${pathText(path)}: ${short(valueAt(rc.change.before, path))} -> ${unknown ? "‹known after apply›" : short(valueAt(rc.change.after, path))}`;
    });
    const a = rc.change.actions;
    out.push({
      address: rc.address,
      kind,
      ...(kind === "replace" ? { order: a[0] === "create" ? "create-before-destroy" : "destroy-before-create" } : {}),
      forcedBy,
      ...(reason ? { reason } : {}),
    });
  }
  return out;
}
