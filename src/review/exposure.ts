/**
 * What a plan makes newly reachable from the internet, and the state and protection settings it
 * changes. Pure.
 */
import { changeKind, configAddress, configResources, pathText, valueAt, type ConfigExpression, type ConfigResource, type PlanJson, type PlanResourceChange } from "./plan-json";
import { isOpenToInternet, ruleChanges } from "./network-rules";

type Obj = Record<string, unknown>;
const INTERNET = new Set(["0.0.0.0/0", "::/0"]);

/** One finding: the resource and a sentence. */
export interface Finding {
  readonly address: string;
  readonly text: string;
}

/** Whether the state object exposes the resource to the internet, and how (undefined: it does not). */
function exposure(rc: PlanResourceChange, v: unknown, config?: ConfigResource): string | undefined {
  if (!v || typeof v !== "object") return undefined;
  const o = v as Obj;
  switch (rc.type) {
    case "aws_eks_cluster": {
      const vpc = valueAt(o, ["vpc_config", 0]) as Obj | undefined;
      if (!vpc || vpc.endpoint_public_access !== true) return undefined;
      const cidrs = Array.isArray(vpc.public_access_cidrs) ? (vpc.public_access_cidrs as string[]) : [];
      return `public Kubernetes API endpoint, open to ${cidrs.length > 0 ? cidrs.join(", ") : "‹known after apply› (AWS default 0.0.0.0/0)"}`;
    }
    case "aws_lb":
    case "aws_alb":
    case "aws_elb":
      return o.internal === false ? `internet-facing ${o.load_balancer_type ?? "classic"} load balancer` : undefined;
    case "aws_route":
      return INTERNET.has(String(o.destination_cidr_block ?? o.destination_ipv6_cidr_block)) ? `default route ${o.destination_cidr_block ?? o.destination_ipv6_cidr_block} via ${routeTarget(o, config)}` : undefined;
    case "aws_route_table":
    case "aws_default_route_table": {
      const routes = (Array.isArray(o.route) ? o.route : []) as Obj[];
      const open = routes.filter((r) => INTERNET.has(String(r.cidr_block ?? r.ipv6_cidr_block)));
      return open.length > 0 ? open.map((r) => `default route ${r.cidr_block ?? r.ipv6_cidr_block} via ${routeTarget(r)}`).join("; ") : undefined;
    }
    case "aws_eip":
      return "Elastic IP (public address)";
    case "aws_internet_gateway":
      return "internet gateway";
    case "aws_subnet":
      return o.map_public_ip_on_launch === true ? "subnet gives instances public IPs at launch" : undefined;
    case "aws_instance":
      return o.associate_public_ip_address === true ? "instance with a public IP" : undefined;
    case "aws_launch_template": {
      const nics = (Array.isArray(o.network_interfaces) ? o.network_interfaces : []) as Obj[];
      return nics.some((n) => n.associate_public_ip_address === "true" || n.associate_public_ip_address === true) ? "launch template gives instances public IPs" : undefined;
    }
    case "aws_db_instance":
    case "aws_rds_cluster_instance":
      return o.publicly_accessible === true ? "publicly accessible database" : undefined;
    case "aws_s3_bucket_public_access_block": {
      const off = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"].filter((k) => o[k] === false);
      return off.length > 0 ? `bucket public access block off: ${off.join(", ")}` : undefined;
    }
    default:
      return undefined;
  }
}

const ROUTE_TARGETS = ["gateway_id", "nat_gateway_id", "transit_gateway_id", "vpc_peering_connection_id", "network_interface_id", "egress_only_gateway_id", "vpc_endpoint_id"];

/** A route's target: its id when known, else the resource the configuration references. */
function routeTarget(r: Obj, config?: ConfigResource): string {
  for (const k of ROUTE_TARGETS) {
    if (r[k]) return `${k.replace(/_id$/, "").replace(/_/g, " ")} ${r[k]}`;
  }
  for (const k of ROUTE_TARGETS) {
    const ref = (config?.expressions?.[k] as ConfigExpression | undefined)?.references?.at(-1);
    if (ref) return `‹${ref}›`;
  }
  return "‹a target known after apply›";
}

/** Resources the plan makes newly reachable from the internet (created, or updated into it). */
export function internetExposure(plan: PlanJson): Finding[] {
  const out: Finding[] = [];
  const config = configResources(plan);
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode !== "managed") continue;
    const kind = changeKind(rc);
    if (kind !== "create" && kind !== "update" && kind !== "replace") continue;
    const now = exposure(rc, rc.change.after, config.get(configAddress(rc.address)));
    if (!now) continue;
    const was = kind === "create" ? undefined : exposure(rc, rc.change.before, config.get(configAddress(rc.address)));
    if (was === now) continue;
    out.push({ address: rc.address, text: was ? `${now} (was: ${was})` : now });
  }
  for (const c of ruleChanges(plan)) {
    if (c.rule.direction === "ingress" && isOpenToInternet(c.rule) && !(c.before && isOpenToInternet(c.before))) {
      out.push({ address: c.rule.address, text: `${c.rule.kind} ingress from ${c.rule.peers.join(", ")} on ${c.rule.protocol} ${c.rule.ports} (${c.kind})` });
    }
  }
  return out;
}

/** Attributes that protect state or data from deletion, and the value that protects. */
const PROTECTION_ATTRIBUTES: readonly { readonly path: readonly (string | number)[]; readonly weak: (v: unknown) => boolean }[] = [
  { path: ["deletion_window_in_days"], weak: (v) => typeof v === "number" && v < 30 },
  { path: ["deletion_protection"], weak: (v) => v === false },
  { path: ["deletion_protection_enabled"], weak: (v) => v === false },
  { path: ["skip_destroy"], weak: (v) => v === false },
  { path: ["force_destroy"], weak: (v) => v === true },
  { path: ["enable_key_rotation"], weak: (v) => v === false },
  { path: ["versioning_configuration", 0, "status"], weak: (v) => v !== "Enabled" },
  // Shorter retention loses logs sooner; only its change is reported.
  { path: ["retention_in_days"], weak: () => false },
];

/** `lifecycle.prevent_destroy` per configuration address (from the synthesized stack; the plan JSON does not carry lifecycle). */
export type Lifecycles = ReadonlyMap<string, { readonly preventDestroy: boolean }>;

/**
 * State and protection changes: protection attributes an update or replacement changes, a new
 * resource created with a weak setting, every destroy of a resource that had protection settings,
 * and `prevent_destroy` added or removed (when the lifecycles of the synthesized stacks are given).
 */
export function protectionChanges(plan: PlanJson, lifecycles?: Lifecycles, baseLifecycles?: Lifecycles): Finding[] {
  const out: Finding[] = [];
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode !== "managed") continue;
    const kind = changeKind(rc);
    for (const { path, weak } of PROTECTION_ATTRIBUTES) {
      const before = valueAt(rc.change.before, path);
      const after = valueAt(rc.change.after, path);
      const name = pathText(path);
      if ((kind === "update" || kind === "replace") && before !== undefined && after !== undefined && JSON.stringify(before) !== JSON.stringify(after)) {
        out.push({ address: rc.address, text: `${name}: ${JSON.stringify(before)} -> ${JSON.stringify(after)}${weak(after) ? " (weaker)" : ""}` });
      } else if (kind === "create" && after !== undefined && after !== null && weak(after)) {
        out.push({ address: rc.address, text: `created with ${name} = ${JSON.stringify(after)}` });
      }
    }
    if (kind === "destroy" && (rc.type === "aws_s3_bucket" || rc.type === "aws_kms_key" || rc.type.startsWith("aws_dynamodb") || rc.type === "aws_db_instance")) {
      const window = valueAt(rc.change.before, ["deletion_window_in_days"]);
      out.push({ address: rc.address, text: `destroyed${typeof window === "number" ? ` (the key is deleted after a ${window}-day window)` : " (its data goes with it)"}` });
    }
  }
  if (lifecycles) {
    const planned = new Set((plan.resource_changes ?? []).map((rc) => configAddress(rc.address)));
    for (const [address, l] of lifecycles) {
      const before = baseLifecycles?.get(address);
      if (before?.preventDestroy && !l.preventDestroy) out.push({ address, text: "prevent_destroy removed" });
      else if (baseLifecycles && !before?.preventDestroy && l.preventDestroy && before) out.push({ address, text: "prevent_destroy added" });
      else if (!baseLifecycles && l.preventDestroy && planned.has(address) && (plan.resource_changes ?? []).some((rc) => configAddress(rc.address) === address && changeKind(rc) === "create")) {
        out.push({ address, text: "created with prevent_destroy" });
      }
    }
  }
  return out;
}
