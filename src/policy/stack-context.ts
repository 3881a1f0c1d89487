/**
 * A synthesized stack as the rules see it: its resources, data sources and backend by address,
 * and the reference resolution that cross-resource rules need ("an aws_flow_log whose vpc_id
 * references this VPC", "the aws_kms_key this log group's kms_key_id points at").
 */
import { policyDocumentOf, type PolicyDocumentResult } from "./policy-document";
import type { PolicyOptions, PolicyResource, TfBlock, TfJson } from "./types";

/** CloudWatch Logs retention POLICY.md asks for unless the model lowers it. */
export const DEFAULT_MIN_LOG_RETENTION_DAYS = 365;

const REFERENCE = /(?<![\w.\-"])(data\.)?([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)/g;

export class StackContext {
  private readonly byType = new Map<string, PolicyResource[]>();
  private readonly byAddr = new Map<string, PolicyResource>();
  public readonly minLogRetentionDays: number;
  /** The stack that owns this stack's account-wide settings: this one unless the options say otherwise. */
  public readonly accountSettingsStack: string;
  /** Whether this stack's clusters, keys and audit log groups must carry prevent_destroy. */
  public readonly deletionProtection: boolean;

  constructor(
    public readonly stack: string,
    public readonly json: TfJson,
    options: PolicyOptions = {},
  ) {
    this.minLogRetentionDays = options.minLogRetentionDays?.(stack) ?? DEFAULT_MIN_LOG_RETENTION_DAYS;
    this.accountSettingsStack = options.accountSettingsStack?.(stack) ?? stack;
    this.deletionProtection = options.deletionProtection?.(stack) ?? true;
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [name, body] of Object.entries(byName ?? {})) this.add({ type, name, address: `${type}.${name}`, body });
    }
    for (const [type, byName] of Object.entries(json.data ?? {})) {
      for (const [name, body] of Object.entries(byName ?? {})) {
        this.add({ type: `data.${type}`, name, address: `data.${type}.${name}`, body });
      }
    }
    for (const [kind, body] of Object.entries(json.terraform?.backend ?? {})) {
      this.add({ type: `terraform.backend.${kind}`, name: kind, address: `terraform.backend.${kind}`, body: body ?? {} });
    }
  }

  private add(r: PolicyResource): void {
    const list = this.byType.get(r.type) ?? [];
    list.push(r);
    this.byType.set(r.type, list);
    this.byAddr.set(r.address, r);
  }

  /** Every resource, data source and backend of the stack. */
  all(): PolicyResource[] {
    return [...this.byAddr.values()];
  }

  /** Resources of one or more types (`aws_vpc`, `data.aws_iam_policy_document`, `terraform.backend.s3`). */
  resources(...types: string[]): PolicyResource[] {
    return types.flatMap((t) => this.byType.get(t) ?? []);
  }

  /** The resource at an address, if the stack has it. */
  byAddress(address: string): PolicyResource | undefined {
    return this.byAddr.get(address);
  }

  /** Addresses of this stack's resources that a value (string, list or block) references. */
  references(value: unknown): string[] {
    const out = new Set<string>();
    const visit = (v: unknown): void => {
      if (typeof v === "string") {
        if (!v.includes("${")) return;
        for (const m of v.matchAll(REFERENCE)) {
          const address = `${m[1] ?? ""}${m[2]}.${m[3]}`;
          if (this.byAddr.has(address)) out.add(address);
        }
      } else if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === "object") Object.values(v).forEach(visit);
    };
    visit(value);
    return [...out];
  }

  /** True when `value` references `target` (`${aws_vpc.network_vpc.id}` refers to aws_vpc.network_vpc). */
  refersTo(value: unknown, target: PolicyResource): boolean {
    return this.references(value).includes(target.address);
  }

  /** The first resource of this stack that `value` references, optionally of one of `types`. */
  resolve(value: unknown, ...types: string[]): PolicyResource | undefined {
    for (const address of this.references(value)) {
      const r = this.byAddr.get(address)!;
      if (types.length === 0 || types.includes(r.type)) return r;
    }
    return undefined;
  }

  /** Resources of `type` whose attribute `attribute` references `target`. */
  referencing(type: string, attribute: string, target: PolicyResource): PolicyResource[] {
    return this.resources(type).filter((r) => this.refersTo(r.body[attribute], target));
  }

  /**
   * The aws_s3_bucket a `bucket` / `target_bucket` value designates: a reference to the bucket,
   * a reference to another resource's `bucket` attribute (`${aws_s3_bucket_policy.p.bucket}`,
   * used to order after it) followed to its bucket, or the bucket's literal name.
   */
  resolveBucket(value: unknown, depth = 3): PolicyResource | undefined {
    if (typeof value !== "string" || value === "") return undefined;
    if (!value.includes("${")) return this.resources("aws_s3_bucket").find((b) => b.body.bucket === value);
    const target = this.resolve(value);
    if (!target) return undefined;
    if (target.type === "aws_s3_bucket") return target;
    return depth > 0 ? this.resolveBucket(target.body.bucket, depth - 1) : undefined;
  }

  /**
   * The bucket-level companions of an S3 bucket (versioning, SSE, public access block, policy,
   * ...): resources of `type` whose `bucket` designates it (see resolveBucket).
   */
  bucketCompanions(type: string, bucket: PolicyResource): PolicyResource[] {
    return this.resources(type).filter((r) => this.resolveBucket(r.body.bucket) === bucket);
  }

  /** The IAM policy document a value holds or references (a data source, literal JSON or jsonencode). */
  policyDocument(value: unknown): PolicyDocumentResult {
    return policyDocumentOf(value, this);
  }
}

/** A nested block as a list: cdktf writes single blocks as objects and repeated ones as arrays. */
export function blocks(value: unknown): TfBlock[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((b): b is TfBlock => !!b && typeof b === "object");
}

/** A list attribute as strings (a lone string counts as a one-element list). */
export function strings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((s): s is string => typeof s === "string");
}

/** Terraform booleans may be synthesized as `true` or `"true"`. */
export function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

/** Terraform numbers may be synthesized as `1` or `"1"`; undefined when not a literal number. */
export function num(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}
