/**
 * The parts of Terraform's machine-readable plan (`terraform show -json <planfile>`, format 1.x)
 * the review reads, and pure helpers over them. One plan is one stack: either a real plan of the
 * stack's own root (CI), or one module of the offline plan root of `npm run review`, cut out by
 * {@link stackPlanOfModule} so that both look alike.
 */

/** `resource_changes[].change.actions` values. */
export type PlanAction = "no-op" | "create" | "read" | "update" | "delete" | "forget";

/** One resource instance's planned change. */
export interface PlanResourceChange {
  /** Full address, e.g. `aws_subnet.network_private-subnet-a` (with `module.<m>.` in a module). */
  readonly address: string;
  readonly module_address?: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly change: {
    /** {@link PlanAction}s; typed as strings so that hand-built plans of tests need no casts. */
    readonly actions: readonly string[];
    readonly before?: unknown;
    readonly after?: unknown;
    /** Mirrors `after`; `true` where the value is only known after apply. */
    readonly after_unknown?: unknown;
    /** For replacements: the paths of the attributes that force the replacement. */
    readonly replace_paths?: readonly (readonly (string | number)[])[];
  };
  /** Why Terraform chose the action, e.g. `replace_because_cannot_update`, `read_because_config_unknown`. */
  readonly action_reason?: string;
}

/** An expression of the configuration: a literal, and/or the references it makes. */
export interface ConfigExpression {
  readonly constant_value?: unknown;
  readonly references?: readonly string[];
}

/** Expressions of a resource's arguments; nested blocks are arrays of expression maps. */
export type ConfigExpressions = Readonly<Record<string, ConfigExpression | readonly ConfigExpressions[]>>;

/** A resource or data source of the configuration section. */
export interface ConfigResource {
  /** Address within its module, e.g. `data.aws_iam_policy_document.eks_cluster-role-trust`. */
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly expressions?: ConfigExpressions;
}

/** A module of the configuration section. */
export interface ConfigModule {
  readonly resources?: readonly ConfigResource[];
  readonly module_calls?: Readonly<Record<string, { readonly module?: ConfigModule }>>;
}

/** `terraform show -json` of a plan file (the parts the review reads). */
export interface PlanJson {
  readonly format_version?: string;
  readonly terraform_version?: string;
  readonly resource_changes?: readonly PlanResourceChange[];
  readonly configuration?: { readonly root_module?: ConfigModule };
  /** Whether the plan has errored (Terraform 1.3+). */
  readonly errored?: boolean;
}

/** The kind of change the review counts a resource change as, or undefined for no change. */
export type ChangeKind = "create" | "update" | "replace" | "destroy" | "read" | "forget";

/** The kinds in the summary's column order. */
export const CHANGE_KINDS: readonly ChangeKind[] = ["create", "update", "replace", "destroy", "read", "forget"];

/** What a resource change does, in the summary's terms; undefined for a no-op. */
export function changeKind(rc: PlanResourceChange): ChangeKind | undefined {
  const a = rc.change.actions;
  if (a.includes("create") && a.includes("delete")) return "replace";
  if (a.includes("create")) return "create";
  if (a.includes("delete")) return "destroy";
  if (a.includes("update")) return "update";
  if (a.includes("read")) return "read";
  if (a.includes("forget")) return "forget";
  return undefined;
}

/**
 * The plan of one stack held as `module.<module>` of a plan root (plan-root.ts): its resource
 * changes with the module prefix dropped from their addresses and its module's configuration as
 * the root module, as a plan of the stack's own root would show them.
 */
export function stackPlanOfModule(plan: PlanJson, module: string): PlanJson {
  const prefix = `module.${module}.`;
  const changes = (plan.resource_changes ?? [])
    .filter((rc) => rc.module_address === `module.${module}`)
    .map((rc): PlanResourceChange => {
      const { module_address: _m, ...rest } = rc;
      return { ...rest, address: rc.address.slice(prefix.length) };
    });
  return {
    format_version: plan.format_version,
    terraform_version: plan.terraform_version,
    resource_changes: changes,
    configuration: { root_module: plan.configuration?.root_module?.module_calls?.[module]?.module ?? {} },
  };
}

/** The configuration's resources of the plan's root module, by address. */
export function configResources(plan: PlanJson): ReadonlyMap<string, ConfigResource> {
  return new Map((plan.configuration?.root_module?.resources ?? []).map((r) => [r.address, r]));
}

/** `aws_subnet.a["x"]` / `aws_subnet.a[0]` -> `aws_subnet.a`: the configuration address of an instance. */
export function configAddress(address: string): string {
  return address.replace(/\[[^\]]*\]$/, "");
}

/** The object at `path` of a value (plan before/after), or undefined. */
export function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let v = value;
  for (const step of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[step];
  }
  return v;
}

/** Whether `after_unknown` marks the attribute (or anything inside it) unknown. */
export function isUnknown(afterUnknown: unknown, path: readonly (string | number)[]): boolean {
  const v = valueAt(afterUnknown, path);
  if (v === true) return true;
  if (v && typeof v === "object") return Object.values(v as Record<string, unknown>).some((x) => isUnknown(x, []));
  return false;
}

/** A plan path as Terraform writes it in messages: `vpc_config[0].subnet_ids`. */
export function pathText(path: readonly (string | number)[]): string {
  return path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}
