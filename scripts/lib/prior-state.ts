/**
 * A Terraform state written from a plan's planned values, so that later plans can run against
 * "what the unedited stacks would have" without an AWS account. Pure.
 *
 * A plan on empty state knows every configured value but not the computed ones (ids, ARNs) nor
 * the arguments that reference them (`subnet.vpc_id = aws_vpc.x.id`). The writer fills them:
 * - an unknown argument whose configuration is a plain reference (`"${aws_vpc.network_vpc.id}"`,
 *   a list of them, or a string template made of them) takes the referenced value from the state
 *   being written, so references agree across resources from the start;
 * - anything else gets a deterministic fake of the attribute's type (from the provider schema):
 *   ids, ARNs, URLs and addresses shaped so that the provider's validation accepts them.
 * What the writer cannot know (a policy document a data source renders from an ARN) is settled by
 * the fixpoint: plan the unedited configuration against the state with `-refresh=false`, copy the
 * plan's known `after` values into the state ({@link nextState}), repeat until the plan shows no
 * change ({@link planChanges} empty). The fixpoint is the proof that the state is the one these
 * stacks would have; the loop that runs it asserts that it converges.
 */
import { createHash } from "node:crypto";
import type { PlanResourceChange } from "../../src/review/plan-json";
import type { TerraformJson } from "./terraform-json";

/** A cty type as `terraform providers schema -json` writes it. */
export type CtyType = string | [string, unknown];

/** A block of a provider schema (`terraform providers schema -json`). */
export interface SchemaBlock {
  readonly attributes?: Readonly<Record<string, { readonly type?: CtyType; readonly nested_type?: unknown }>>;
  readonly block_types?: Readonly<Record<string, { readonly nesting_mode: string; readonly block: SchemaBlock }>>;
}

/** A resource type's schema: its state version and its block. */
export interface ResourceSchema {
  readonly version: number;
  readonly block: SchemaBlock;
}

/** One managed or data change of `terraform show -json <plan>` (the review's reading of it). */
export type ResourceChange = PlanResourceChange;

/** The part of `terraform show -json <plan>` the change-safety check reads. */
export interface ShowPlan {
  readonly resource_changes?: readonly ResourceChange[];
}

/** A resource instance in a state file (format version 4). */
export interface StateResource {
  readonly module?: string;
  readonly mode: "managed";
  readonly type: string;
  readonly name: string;
  readonly provider: string;
  readonly instances: { schema_version: number; attributes: Record<string, unknown>; sensitive_attributes: unknown[]; create_before_destroy?: boolean }[];
}

/** A state file (format version 4). */
export interface StateFile {
  readonly version: 4;
  readonly terraform_version: string;
  readonly serial: number;
  readonly lineage: string;
  readonly outputs: Record<string, unknown>;
  readonly resources: StateResource[];
}

export interface PriorStateInput {
  /** `terraform show -json` of the plan on empty state. */
  readonly plan: ShowPlan;
  /** Each module's configuration (the stack JSON), to follow references. */
  readonly configs: Readonly<Record<string, TerraformJson>>;
  /** Resource schemas by type. */
  readonly schemas: Readonly<Record<string, ResourceSchema>>;
  /** The state's provider address of a resource (see PlanRoot.stateProvider). */
  readonly stateProvider: (module: string, resourceType: string, localProvider: string | undefined) => string;
  /** Written into the state file. */
  readonly terraformVersion: string;
}

/** The module name of `module.production` (the check's roots nest one level only). */
export function moduleName(moduleAddress: string | undefined): string {
  if (!moduleAddress) return "";
  const m = /^module\.([\w-]+)$/.exec(moduleAddress);
  if (!m) throw new Error(`unsupported module address ${moduleAddress}: the check's roots nest modules one level deep`);
  return m[1];
}

/** The state every planned create would leave, with unknowns filled (see the file comment). */
export function priorStateFromPlan(input: PriorStateInput): StateFile {
  const changes = (input.plan.resource_changes ?? []).filter((rc) => rc.mode === "managed");
  for (const rc of changes) {
    if (rc.index !== undefined) throw new Error(`${rc.address}: count and for_each are not supported by the state writer`);
    if (!(rc.change.actions.length === 1 && rc.change.actions[0] === "create")) {
      throw new Error(`${rc.address}: the prior state is written from a plan on empty state, which only creates; got ${rc.change.actions.join(",")}`);
    }
  }
  const byKey = new Map(changes.map((rc) => [`${moduleName(rc.module_address)}|${rc.type}.${rc.name}`, rc]));
  const done = new Map<string, Record<string, unknown>>();
  const inProgress = new Set<string>();

  const attributesOf = (key: string): Record<string, unknown> | undefined => {
    const cached = done.get(key);
    if (cached) return cached;
    const rc = byKey.get(key);
    if (!rc) return undefined;
    if (inProgress.has(key)) return undefined; // A reference cycle cannot occur in a valid config; fake instead.
    inProgress.add(key);
    const module = moduleName(rc.module_address);
    const schema = input.schemas[rc.type];
    if (!schema) throw new Error(`${rc.address}: no provider schema for ${rc.type}`);
    const config = resourceConfig(input.configs[module], rc.type, rc.name);
    const resolve: (ref: string) => unknown = (ref) =>
      ref.startsWith("data.aws_iam_policy_document.")
        ? policyDocumentReference(ref, input.configs[module], (text) => resolveTemplate(text, resolve))
        : resolveReference(ref, (type, name) => attributesOf(`${module}|${type}.${name}`));
    const filled = fillBlock(rc.change.after, rc.change.after_unknown, schema.block, {
      address: rc.address,
      path: [],
      config,
      resolve,
    }) as Record<string, unknown>;
    inProgress.delete(key);
    done.set(key, filled);
    return filled;
  };

  const resources: StateResource[] = changes.map((rc) => {
    const module = moduleName(rc.module_address);
    const attributes = attributesOf(`${module}|${rc.type}.${rc.name}`)!;
    const config = resourceConfig(input.configs[module], rc.type, rc.name) as { provider?: string; lifecycle?: { create_before_destroy?: boolean } } | undefined;
    return {
      ...(module ? { module: `module.${module}` } : {}),
      mode: "managed",
      type: rc.type,
      name: rc.name,
      provider: input.stateProvider(module, rc.type, config?.provider),
      instances: [
        {
          schema_version: input.schemas[rc.type].version,
          attributes,
          sensitive_attributes: [],
          ...(config?.lifecycle?.create_before_destroy ? { create_before_destroy: true } : {}),
        },
      ],
    };
  });
  return { version: 4, terraform_version: input.terraformVersion, serial: 1, lineage: fakeUuid("lineage"), outputs: {}, resources };
}

/** The managed changes of a plan that are not no-ops: what keeps a fixpoint from holding. */
export function planChanges(plan: ShowPlan): string[] {
  return (plan.resource_changes ?? [])
    .filter((rc) => rc.mode === "managed" && !(rc.change.actions.length === 1 && rc.change.actions[0] === "no-op"))
    .map((rc) => `${rc.address}: ${rc.change.actions.join(",")}`);
}

/**
 * One fixpoint step: the state with every known `after` value of the plan copied in; unknown
 * values keep what the state had. Only resources already in the state are touched (the plan is
 * of the unedited configuration, so there is nothing new).
 */
export function nextState(state: StateFile, plan: ShowPlan): StateFile {
  const byAddress = new Map((plan.resource_changes ?? []).filter((rc) => rc.mode === "managed").map((rc) => [rc.address, rc]));
  return {
    ...state,
    serial: state.serial + 1,
    resources: state.resources.map((r) => {
      const rc = byAddress.get(`${r.module ? `${r.module}.` : ""}${r.type}.${r.name}`);
      if (!rc || rc.change.after === null || rc.change.after === undefined) return r;
      return {
        ...r,
        instances: r.instances.map((i) => ({ ...i, attributes: mergeKnown(i.attributes, rc.change.after, rc.change.after_unknown) as Record<string, unknown> })),
      };
    }),
  };
}

/** `after` where it is known, `prior` where `unknown` marks it unknown. */
export function mergeKnown(prior: unknown, after: unknown, unknown: unknown): unknown {
  if (unknown === true) return prior;
  if (Array.isArray(after)) {
    const u = Array.isArray(unknown) ? unknown : [];
    const p = Array.isArray(prior) ? prior : [];
    return after.map((a, i) => mergeKnown(p[i], a, u[i]));
  }
  if (after && typeof after === "object") {
    const u = unknown && typeof unknown === "object" ? (unknown as Record<string, unknown>) : {};
    const p = prior && typeof prior === "object" ? (prior as Record<string, unknown>) : {};
    const out: Record<string, unknown> = {};
    for (const k of new Set([...Object.keys(after as object), ...Object.keys(u)])) out[k] = mergeKnown(p[k], (after as Record<string, unknown>)[k], u[k]);
    return out;
  }
  return after;
}

// --- filling unknowns ------------------------------------------------------------------------

interface FillContext {
  /** The resource's address, for deterministic fakes. */
  readonly address: string;
  readonly path: readonly (string | number)[];
  /** The configuration at this path (the stack JSON), if any. */
  readonly config: unknown;
  /** The value of a reference such as `aws_vpc.network_vpc.id`, or undefined when not in the state. */
  readonly resolve: (ref: string) => unknown;
}

const at = (ctx: FillContext, key: string | number, config: unknown): FillContext => ({ ...ctx, path: [...ctx.path, key], config });

function fillBlock(value: unknown, unknown: unknown, block: SchemaBlock, ctx: FillContext): unknown {
  if (unknown === true) value = undefined;
  const v = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
  const u = (unknown && typeof unknown === "object" ? unknown : {}) as Record<string, unknown>;
  const config = (ctx.config && typeof ctx.config === "object" && !Array.isArray(ctx.config) ? ctx.config : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    const type = attr.type ?? "dynamic";
    const child = at(ctx, name, config[name]);
    if (unknown === true || u[name] === true) out[name] = resolveOrFake(type, child);
    else out[name] = fillValue(v[name], u[name], type, child);
  }
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    const blockConfig = config[name];
    const list = (c: unknown): unknown[] => (Array.isArray(c) ? c : c === undefined || c === null ? [] : [c]);
    if (unknown === true || u[name] === true) {
      out[name] = nested.nesting_mode === "single" || nested.nesting_mode === "group" ? fillBlock(undefined, true, nested.block, at(ctx, name, blockConfig)) : [];
      continue;
    }
    const values = v[name];
    if (nested.nesting_mode === "single" || nested.nesting_mode === "group") {
      out[name] = values === null || values === undefined ? null : fillBlock(values, u[name], nested.block, at(ctx, name, blockConfig));
    } else if (Array.isArray(values)) {
      const us = Array.isArray(u[name]) ? (u[name] as unknown[]) : [];
      const cs = list(blockConfig);
      out[name] = values.map((item, i) => fillBlock(item, us[i], nested.block, at(at(ctx, name, blockConfig), i, cs[i])));
    } else {
      out[name] = values ?? [];
    }
  }
  return out;
}

function fillValue(value: unknown, unknown: unknown, type: CtyType, ctx: FillContext): unknown {
  if (unknown === true) return resolveOrFake(type, ctx);
  if (unknown === undefined || unknown === false || value === null || value === undefined) return value;
  const [kind, elem] = Array.isArray(type) ? type : [type, undefined];
  if (Array.isArray(value)) {
    const us = Array.isArray(unknown) ? unknown : [];
    const cs = Array.isArray(ctx.config) ? ctx.config : [];
    return value.map((item, i) => {
      const t = kind === "tuple" ? (elem as CtyType[])[i] : (elem as CtyType);
      return fillValue(item, us[i], t ?? "dynamic", at(ctx, i, cs[i]));
    });
  }
  if (typeof value === "object") {
    const us = unknown as Record<string, unknown>;
    const cs = (ctx.config && typeof ctx.config === "object" ? ctx.config : {}) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(value as Record<string, unknown>)) {
      const t = kind === "object" ? (elem as Record<string, CtyType>)[k] : (elem as CtyType);
      out[k] = fillValue(item, us[k], t ?? "dynamic", at(ctx, k, cs[k]));
    }
    for (const k of Object.keys(us)) if (!(k in out) && us[k] === true) out[k] = resolveOrFake(kind === "object" ? (elem as Record<string, CtyType>)[k] : (elem as CtyType), at(ctx, k, cs[k]));
    return out;
  }
  return value;
}

/** A pure reference expression (`${aws_vpc.x.id}`), as cdktf writes one. */
const PURE_REFERENCE = /^\$\{([a-z][\w-]*\.[\w-]+(?:\.[\w-]+|\[\d+\]|\["[^"\]]+"\])*)\}$/;
/** Every `${...}` of a template. */
const INTERPOLATION = /\$\{([^{}]*)\}/g;

function resolveOrFake(type: CtyType, ctx: FillContext): unknown {
  const resolved = resolveConfig(ctx.config, type, ctx);
  return resolved !== undefined ? resolved : fake(type, ctx);
}

/** The value of a configuration made only of references the state has, else undefined. */
function resolveConfig(config: unknown, type: CtyType, ctx: FillContext): unknown {
  if (typeof config === "string") {
    const pure = PURE_REFERENCE.exec(config);
    if (pure) return ctx.resolve(pure[1]);
    return config.includes("${") ? resolveTemplate(config, ctx.resolve) : undefined;
  }
  if (Array.isArray(config)) {
    const [kind, elem] = Array.isArray(type) ? type : [type, undefined];
    if (kind !== "list" && kind !== "set") return undefined;
    const values = config.map((c) => (typeof c === "string" && c.includes("${") ? resolveConfig(c, elem as CtyType, ctx) : c));
    return values.every((v) => v !== undefined) ? values : undefined;
  }
  return undefined;
}

/** A call cdktf writes for IRSA conditions: `replace(<reference>, "<literal>", "<literal>")`. */
const REPLACE_CALL = /^replace\(\s*([^,\s]+)\s*,\s*"((?:[^"\\]|\\.)*)"\s*,\s*"((?:[^"\\]|\\.)*)"\s*\)$/;

/**
 * A string template whose interpolations are references (or `replace` of one) the state
 * resolves, with the values put in; undefined when any part cannot be resolved.
 */
export function resolveTemplate(text: string, resolve: (ref: string) => unknown): string | undefined {
  let ok = true;
  const out = text.replace(INTERPOLATION, (_, inner: string) => {
    const trimmed = inner.trim();
    const ref = PURE_REFERENCE.exec(`\${${trimmed}}`);
    const call = ref ? undefined : REPLACE_CALL.exec(trimmed);
    let v: unknown = ref ? resolve(ref[1]) : undefined;
    if (call) {
      const target = PURE_REFERENCE.exec(`\${${call[1]}}`) ? resolve(call[1]) : undefined;
      v = typeof target === "string" ? target.split(JSON.parse(`"${call[2]}"`) as string).join(JSON.parse(`"${call[3]}"`) as string) : undefined;
    }
    if (typeof v !== "string" && typeof v !== "number") ok = false;
    return String(v);
  });
  return ok ? out : undefined;
}

/**
 * `data.aws_iam_policy_document.<name>.json`, rendered from its configuration like the provider
 * renders it (an equivalent document: the provider compares policies by meaning, not text), so
 * that the roles and keys whose policies come from documents agree with them in the first state.
 */
function policyDocumentReference(ref: string, config: TerraformJson | undefined, resolve: (text: string) => string | undefined): string | undefined {
  const m = /^data\.aws_iam_policy_document\.([\w-]+)\.json$/.exec(ref);
  const doc = m && ((config?.data as Record<string, Record<string, unknown>> | undefined)?.aws_iam_policy_document ?? {})[m[1]];
  return doc ? renderPolicyDocument(doc as PolicyDocumentConfig, resolve) : undefined;
}

/** A `principals` block of a policy document. */
export interface PolicyPrincipal {
  readonly type: string;
  readonly identifiers: readonly string[];
}

/** The arguments of an `aws_iam_policy_document` this renders (no source or override documents). */
export interface PolicyDocumentConfig {
  readonly version?: string;
  readonly policy_id?: string;
  readonly source_policy_documents?: unknown;
  readonly override_policy_documents?: unknown;
  readonly statement?: readonly {
    readonly sid?: string;
    readonly effect?: string;
    readonly actions?: readonly string[];
    readonly not_actions?: readonly string[];
    readonly resources?: readonly string[];
    readonly not_resources?: readonly string[];
    readonly principals?: readonly PolicyPrincipal[];
    readonly not_principals?: readonly PolicyPrincipal[];
    readonly condition?: readonly { readonly test: string; readonly variable: string; readonly values: readonly string[] }[];
  }[];
}

/** The policy JSON of a document, references resolved by `resolve`; undefined if one cannot be. */
export function renderPolicyDocument(doc: PolicyDocumentConfig, resolve: (text: string) => string | undefined): string | undefined {
  if (doc.source_policy_documents || doc.override_policy_documents) return undefined;
  let ok = true;
  const str = (s: string) => {
    if (!s.includes("${")) return s;
    const v = resolve(s);
    if (v === undefined) ok = false;
    return v ?? "";
  };
  const list = (xs: readonly string[] | undefined) => (xs ? [...xs].map(str) : undefined);
  const one = (xs: string[] | undefined) => (xs && xs.length === 1 ? xs[0] : xs);
  const principals = (ps: readonly PolicyPrincipal[] | undefined) =>
    ps && ps.length > 0 ? Object.fromEntries(ps.map((p) => [p.type, one(list(p.identifiers))])) : undefined;
  const statements = (doc.statement ?? []).map((s) => {
    const condition: Record<string, Record<string, unknown>> = {};
    for (const c of s.condition ?? []) (condition[c.test] ??= {})[str(c.variable)] = one(list(c.values));
    return dropUndefined({
      Sid: s.sid,
      Effect: s.effect ?? "Allow",
      Action: one(list(s.actions)),
      NotAction: one(list(s.not_actions)),
      Resource: one(list(s.resources)),
      NotResource: one(list(s.not_resources)),
      Principal: principals(s.principals),
      NotPrincipal: principals(s.not_principals),
      Condition: Object.keys(condition).length > 0 ? condition : undefined,
    });
  });
  const json = JSON.stringify(dropUndefined({ Version: doc.version ?? "2012-10-17", Id: doc.policy_id, Statement: statements }));
  return ok ? json : undefined;
}

function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** Follows `type.name.attr[0].key` through the state being written; undefined if it cannot. */
export function resolveReference(ref: string, attributesOf: (type: string, name: string) => Record<string, unknown> | undefined): unknown {
  if (ref.startsWith("data.") || ref.startsWith("var.") || ref.startsWith("local.") || ref.startsWith("module.")) return undefined;
  const steps: (string | number)[] = [];
  for (const m of ref.matchAll(/([\w-]+)|\[(\d+)\]|\["([^"\]]+)"\]/g)) steps.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3]));
  const [type, name, ...path] = steps as [string, string, ...(string | number)[]];
  let value: unknown = attributesOf(type, name);
  for (const step of path) {
    if (value === null || value === undefined || typeof value !== "object") return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value === null ? undefined : value;
}

function resourceConfig(json: TerraformJson | undefined, type: string, name: string): unknown {
  return ((json?.resource as Record<string, Record<string, unknown>> | undefined)?.[type] ?? {})[name];
}

/** A deterministic fake of `type` for the attribute at `ctx.path`, shaped by its name. */
export function fake(type: CtyType, ctx: Pick<FillContext, "address" | "path">): unknown {
  const [kind, elem] = Array.isArray(type) ? type : [type, undefined];
  const key = String([...ctx.path].reverse().find((p) => typeof p === "string") ?? "");
  const digest = createHash("sha256").update(`${ctx.address}#${ctx.path.join(".")}`).digest("hex");
  switch (kind) {
    case "string":
    case "dynamic":
      return fakeString(key, digest, ctx.address);
    case "number":
      return 0;
    case "bool":
      return false;
    case "list":
      // One element, so that `x[0].y` references (a cluster's identity, its certificate) resolve.
      return [fake(elem as CtyType, { ...ctx, path: [...ctx.path, 0] })];
    case "set":
    case "map":
      return kind === "set" ? [] : {};
    case "object":
      return Object.fromEntries(Object.entries(elem as Record<string, CtyType>).map(([k, t]) => [k, fake(t, { ...ctx, path: [...ctx.path, k] })]));
    case "tuple":
      return (elem as CtyType[]).map((t, i) => fake(t, { ...ctx, path: [...ctx.path, i] }));
    default:
      return null;
  }
}

/** EC2-style id prefixes the provider checks when another resource references the id (`lt-` for launch templates). */
const ID_PREFIXES: Readonly<Record<string, string>> = {
  aws_eip: "eipalloc-",
  aws_internet_gateway: "igw-",
  aws_launch_template: "lt-",
  aws_nat_gateway: "nat-",
  aws_route_table: "rtb-",
  aws_security_group: "sg-",
  aws_subnet: "subnet-",
  aws_vpc: "vpc-",
  aws_vpc_endpoint: "vpce-",
};

/**
 * Computed attributes that the provider rejects with any value unless the configuration asks for
 * the feature, by resource type: they stay empty, as AWS leaves them. An SNS topic's
 * fifo_throughput_scope ("FIFO throughput scope can only be set for FIFO topics").
 */
const EMPTY_UNLESS_CONFIGURED: Readonly<Record<string, readonly string[]>> = {
  aws_sns_topic: ["fifo_throughput_scope"],
};

function fakeString(key: string, digest: string, address: string): string {
  const short = digest.slice(0, 12);
  const resource = address.split(".").slice(-2).join("/");
  if (EMPTY_UNLESS_CONFIGURED[address.split(".").slice(-2)[0]]?.includes(key)) return "";
  if (/arn$/i.test(key)) return `arn:aws:fake:us-east-1:000000000000:${resource}-${short}`;
  if (/(^|_)(url|issuer|endpoint)$/.test(key)) return `https://fake-${short}.example.com`;
  if (key === "id" && ID_PREFIXES[address.split(".").slice(-2)[0]]) return `${ID_PREFIXES[address.split(".").slice(-2)[0]]}${digest.slice(0, 17)}`;
  if (key === "id" || /_id$/.test(key)) return `fake-${key.replace(/_id$/, "").replace(/_/g, "-") || "id"}-${short}`;
  if (/cidr/.test(key)) return "192.0.2.0/24";
  if (/(^|_)ip$/.test(key)) return "192.0.2.1";
  if (/(^|_)(created_at|modified_at|associated_at|create_date)$/.test(key)) return "2026-01-01T00:00:00Z";
  return `fake-${short}`;
}

function fakeUuid(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * The state with resources of `fromModule` copied under `toModule` (and nothing else): the prior
 * state of an edited stack planned as its own module. `provider` maps each resource's provider.
 */
export function copyModuleState(state: StateFile, fromModule: string, toModule: string, provider: (r: StateResource) => string): StateResource[] {
  return state.resources
    .filter((r) => r.module === `module.${fromModule}`)
    .map((r) => ({ ...r, module: `module.${toModule}`, provider: provider(r), instances: structuredClone(r.instances) }));
}
