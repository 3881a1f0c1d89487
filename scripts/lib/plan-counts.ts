/**
 * Reads `terraform show -json` of a plan: how many resources of each type it creates, and
 * how those counts compare with what the model says. Pure.
 */

/** The part of `terraform show -json <plan>` this reads. */
export interface PlanJson {
  readonly resource_changes?: readonly {
    readonly address: string;
    readonly mode: "managed" | "data";
    readonly type: string;
    readonly change: { readonly actions: readonly string[] };
  }[];
}

/** Planned creates per resource type, and every managed change that is not a plain create. */
export interface PlanCounts {
  readonly creates: Readonly<Record<string, number>>;
  /** Total resources to add. */
  readonly toAdd: number;
  /** `address: actions` of managed changes other than create (there should be none on empty state). */
  readonly otherChanges: readonly string[];
  /** Data sources the plan defers to apply time (`read`). */
  readonly deferredReads: readonly { readonly address: string; readonly type: string }[];
}

export function countPlannedChanges(plan: PlanJson): PlanCounts {
  const creates: Record<string, number> = {};
  const otherChanges: string[] = [];
  const deferredReads: { address: string; type: string }[] = [];
  let toAdd = 0;
  for (const rc of plan.resource_changes ?? []) {
    const actions = rc.change.actions;
    if (rc.mode === "data") {
      if (actions.includes("read")) deferredReads.push({ address: rc.address, type: rc.type });
      continue;
    }
    if (actions.length === 1 && actions[0] === "create") {
      creates[rc.type] = (creates[rc.type] ?? 0) + 1;
      toAdd++;
    } else if (!(actions.length === 1 && actions[0] === "no-op")) {
      otherChanges.push(`${rc.address}: ${actions.join("+")}`);
    }
  }
  return { creates: sortKeys(creates), toAdd, otherChanges, deferredReads };
}

/** One resource type whose planned count differs from the model's. */
export interface CountMismatch {
  readonly type: string;
  readonly expected: number;
  readonly planned: number;
}

/** Compares only the types in `expected`; a type the plan lacks counts as 0. */
export function compareCounts(expected: Readonly<Record<string, number>>, planned: Readonly<Record<string, number>>): CountMismatch[] {
  return Object.keys(expected)
    .sort()
    .filter((type) => (planned[type] ?? 0) !== expected[type])
    .map((type) => ({ type, expected: expected[type], planned: planned[type] ?? 0 }));
}

/** `aws_subnet: planned 0, model says 9` lines. */
export function describeMismatches(mismatches: readonly CountMismatch[]): string[] {
  return mismatches.map((m) => `${m.type}: planned ${m.planned}, the model says ${m.expected}`);
}

/** Types the plan creates that the expectation table does not cover (printed, not asserted). */
export function unassertedTypes(expected: Readonly<Record<string, number>>, planned: Readonly<Record<string, number>>): string[] {
  return Object.keys(planned)
    .filter((t) => !(t in expected))
    .sort();
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(record).sort().map((type) => [type, record[type]]));
}
