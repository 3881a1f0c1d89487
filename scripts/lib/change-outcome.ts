/**
 * What a plan does to one stack, per resource, and how that compares with an edit's expected
 * outcome. Pure: reads `terraform show -json` output, returns lines.
 */
import type { ResourceChange, ShowPlan } from "./prior-state";

/** The resource types a routine edit may replace only with a documented reason. */
export const PROTECTED_TYPES: readonly string[] = ["aws_vpc", "aws_subnet", "aws_route_table", "aws_eks_cluster", "aws_eks_node_group"];

export type ActionKind = "create" | "update" | "replace" | "destroy";
export const ACTION_KINDS: readonly ActionKind[] = ["create", "update", "replace", "destroy"];

/** The order of a replacement: create-before-destroy keeps the old one until the new one exists. */
export type ReplaceOrder = "create-before-destroy" | "destroy-before-create";

/** One planned change of a managed resource. */
export interface PlannedChange {
  /** Address inside its module, e.g. `aws_subnet.network_private-subnet-d`. */
  readonly address: string;
  readonly type: string;
  readonly kind: ActionKind;
  /** For replacements. */
  readonly order?: ReplaceOrder;
  /** For replacements: the attributes that force it, e.g. `vpc_config.subnet_ids`. */
  readonly forcedBy?: readonly string[];
}

/** An expected replacement: how many, in which order, and why it is acceptable. */
export interface ExpectedReplacement {
  readonly count: number;
  readonly order: ReplaceOrder;
  /** The documented reason (shown in the README table). */
  readonly reason: string;
}

/** The planned outcome an edit must have on one stack. Types not listed must not appear under that action. */
export interface ExpectedOutcome {
  readonly create?: Readonly<Record<string, number>>;
  readonly update?: Readonly<Record<string, number>>;
  readonly replace?: Readonly<Record<string, ExpectedReplacement>>;
  readonly destroy?: Readonly<Record<string, number>>;
  /** Every created address matches, e.g. `/-d$/` for the AZ the edit adds. */
  readonly createdAddresses?: RegExp;
  /** Every destroyed address matches. */
  readonly destroyedAddresses?: RegExp;
  /** Every updated address matches. */
  readonly updatedAddresses?: RegExp;
}

/** The managed changes of `module` (`""` for the root module), no-ops left out, sorted by address. */
export function plannedChanges(plan: ShowPlan, module: string): PlannedChange[] {
  const prefix = module ? `module.${module}.` : "";
  return (plan.resource_changes ?? [])
    .filter((rc) => rc.mode === "managed" && (module ? rc.module_address === `module.${module}` : !rc.module_address))
    .flatMap((rc): PlannedChange[] => {
      const kind = actionKind(rc);
      if (!kind) return [];
      const address = rc.address.slice(prefix.length);
      if (kind !== "replace") return [{ address, type: rc.type, kind }];
      return [
        {
          address,
          type: rc.type,
          kind,
          order: rc.change.actions[0] === "create" ? "create-before-destroy" : "destroy-before-create",
          forcedBy: (rc.change.replace_paths ?? []).map((p) => p.filter((s) => typeof s === "string").join(".")),
        },
      ];
    })
    .sort((a, b) => a.address.localeCompare(b.address));
}

function actionKind(rc: ResourceChange): ActionKind | undefined {
  const a = rc.change.actions.join(",");
  switch (a) {
    case "create":
      return "create";
    case "update":
      return "update";
    case "delete":
      return "destroy";
    case "delete,create":
    case "create,delete":
      return "replace";
    case "no-op":
    case "read":
      return undefined;
    default:
      // "forget" and anything newer: report it as a change so that nothing passes unnoticed.
      return "update";
  }
}

/** `{create: {aws_subnet: 4}, ...}` of the planned changes. */
export function countByKind(changes: readonly PlannedChange[]): Record<ActionKind, Record<string, number>> {
  const out: Record<ActionKind, Record<string, number>> = { create: {}, update: {}, replace: {}, destroy: {} };
  for (const c of changes) out[c.kind][c.type] = (out[c.kind][c.type] ?? 0) + 1;
  return out;
}

/** The expected count of `type` under `kind`. */
function expectedCount(expected: ExpectedOutcome, kind: ActionKind, type: string): number {
  if (kind === "replace") return expected.replace?.[type]?.count ?? 0;
  return expected[kind]?.[type] ?? 0;
}

/** Every way the planned changes differ from the expected outcome; empty when they match. */
export function compareOutcome(expected: ExpectedOutcome, changes: readonly PlannedChange[]): string[] {
  const problems: string[] = [];
  const counts = countByKind(changes);
  for (const kind of ACTION_KINDS) {
    const types = new Set([...Object.keys(counts[kind]), ...Object.keys((expected[kind] ?? {}) as object)]);
    for (const type of [...types].sort()) {
      const planned = counts[kind][type] ?? 0;
      const want = expectedCount(expected, kind, type);
      if (planned === want) continue;
      const which = changes.filter((c) => c.kind === kind && c.type === type).map((c) => describe(c));
      problems.push(`${kind} ${type}: planned ${planned}${which.length > 0 ? ` (${which.join(", ")})` : ""}, expected ${want}`);
    }
  }
  for (const c of changes.filter((c) => c.kind === "replace")) {
    const want = expected.replace?.[c.type];
    if (want && c.order !== want.order) problems.push(`replace ${c.address}: planned ${c.order}, expected ${want.order}`);
  }
  const patterns: [ActionKind, RegExp | undefined][] = [
    ["create", expected.createdAddresses],
    ["destroy", expected.destroyedAddresses],
    ["update", expected.updatedAddresses],
  ];
  for (const [kind, pattern] of patterns) {
    if (!pattern) continue;
    const stray = changes.filter((c) => c.kind === kind && !pattern.test(c.address)).map((c) => c.address);
    if (stray.length > 0) problems.push(`${kind} outside ${pattern}: ${stray.join(", ")}`);
  }
  return problems;
}

function describe(c: PlannedChange): string {
  if (c.kind !== "replace") return c.address;
  return `${c.address} ${c.order}${c.forcedBy && c.forcedBy.length > 0 ? `, forced by ${c.forcedBy.join(", ")}` : ""}`;
}

/** `adds 4 aws_subnet, ...; replaces ...; destroys nothing` for summaries and the README. */
export function describeOutcome(expected: ExpectedOutcome): string {
  const part = (verb: string, entries: [string, number][]) =>
    entries.length === 0 ? undefined : `${verb} ${entries.map(([t, n]) => `${n} ${t}`).join(", ")}`;
  const parts = [
    part("adds", Object.entries(expected.create ?? {})),
    part("changes", Object.entries(expected.update ?? {})),
    part(
      "replaces",
      Object.entries(expected.replace ?? {}).map(([t, r]) => [`${t} (${r.order})`, r.count] as [string, number]),
    ),
    part("destroys", Object.entries(expected.destroy ?? {})),
  ].filter((p): p is string => p !== undefined);
  return parts.length === 0 ? "no change" : parts.join("; ");
}

/** Replacements an outcome allows without a reason, and protected types replaced destroy-first. */
export function undocumentedReplacements(expected: ExpectedOutcome): string[] {
  return Object.entries(expected.replace ?? {}).flatMap(([type, r]) => {
    const out: string[] = [];
    if (r.reason.trim() === "") out.push(`replace ${type} has no documented reason`);
    if (PROTECTED_TYPES.includes(type) && r.order !== "create-before-destroy") {
      out.push(`replace ${type} is destroy-before-create: a routine edit must not take a ${type} down before its replacement exists`);
    }
    return out;
  });
}
