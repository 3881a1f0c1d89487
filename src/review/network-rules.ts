/**
 * Security-group and network-ACL rules a plan adds or widens. A rule is widened when its new
 * version admits something the old one did not: a CIDR outside the old ones, a port outside the
 * old range, or any protocol. Updates (and replacements) compare before with after; since this
 * project keys a rule's address by its CIDR and ports, a widening also shows as one rule destroyed
 * and a wider one created in the same stack: such pairs are reported as widened too. Pure.
 */
import { Netmask } from "netmask";
import { valueAt, type PlanJson, type PlanResourceChange } from "./plan-json";

/** One rule, normalized across the resource types that hold rules. */
export interface NetworkRule {
  readonly address: string;
  readonly kind: "security group" | "NACL";
  readonly direction: "ingress" | "egress";
  /** `allow` (security groups always) or `deny`. */
  readonly action: "allow" | "deny";
  /** CIDRs, or the other side when it is not a CIDR (`sg-…`, `‹security group›`, `prefix list …`). */
  readonly peers: readonly string[];
  /** `tcp`, `udp`, `icmp`, `all`. */
  readonly protocol: string;
  /** `443`, `1024-65535`, `all`. */
  readonly ports: string;
  readonly description?: string;
}

/** A rule the plan adds, or widens (with the rule it widens). */
export interface RuleChange {
  readonly kind: "added" | "widened";
  readonly rule: NetworkRule;
  /** For `widened`: the rule before (same address on update, the destroyed rule of a pair otherwise). */
  readonly before?: NetworkRule;
  /** For `widened`: what the new rule admits that the old did not. */
  readonly why?: string;
}

type Obj = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined || v === "" ? undefined : String(v));
const KNOWN_LATER = "‹known after apply›";

function protocolName(p: unknown): string {
  const s = str(p) ?? KNOWN_LATER;
  return s === "-1" || s === "all" ? "all" : ({ "6": "tcp", "17": "udp", "1": "icmp" } as Record<string, string>)[s] ?? s;
}

function portText(protocol: string, from: unknown, to: unknown): string {
  if (protocol === "all") return "all";
  const f = from === null || from === undefined ? undefined : Number(from);
  const t = to === null || to === undefined ? f : Number(to);
  if (f === undefined) return "all";
  if (protocol === "icmp") return `type ${f}${t !== undefined && t !== -1 ? ` code ${t}` : ""}`;
  if ((f === 0 && t === 65535) || (f === -1 && (t === -1 || t === undefined))) return "all";
  return f === t ? `${f}` : `${f}-${t}`;
}

/** The rules one state object (a plan's before or after) of a resource holds. */
export function rulesOf(type: string, address: string, v: unknown): NetworkRule[] {
  if (!v || typeof v !== "object") return [];
  const o = v as Obj;
  const description = str(o.description);
  switch (type) {
    case "aws_vpc_security_group_ingress_rule":
    case "aws_vpc_security_group_egress_rule": {
      const protocol = protocolName(o.ip_protocol);
      const peers = [str(o.cidr_ipv4), str(o.cidr_ipv6), o.prefix_list_id ? `prefix list ${o.prefix_list_id}` : undefined, o.referenced_security_group_id ? `${o.referenced_security_group_id}` : undefined];
      const known = peers.filter((p): p is string => p !== undefined);
      return [
        {
          address,
          kind: "security group",
          direction: type.endsWith("ingress_rule") ? "ingress" : "egress",
          action: "allow",
          peers: known.length > 0 ? known : ["‹security group known after apply›"],
          protocol,
          ports: portText(protocol, o.from_port, o.to_port),
          ...(description ? { description } : {}),
        },
      ];
    }
    case "aws_security_group_rule": {
      const protocol = protocolName(o.protocol);
      const peers = [...list(o.cidr_blocks), ...list(o.ipv6_cidr_blocks), ...list(o.prefix_list_ids).map((p) => `prefix list ${p}`), ...(o.self ? ["self"] : []), ...(o.source_security_group_id ? [String(o.source_security_group_id)] : [])];
      return [
        {
          address,
          kind: "security group",
          direction: o.type === "egress" ? "egress" : "ingress",
          action: "allow",
          peers: peers.length > 0 ? peers : ["‹security group known after apply›"],
          protocol,
          ports: portText(protocol, o.from_port, o.to_port),
          ...(description ? { description } : {}),
        },
      ];
    }
    case "aws_security_group":
    case "aws_default_security_group":
      return (["ingress", "egress"] as const).flatMap((direction) =>
        objects(o[direction]).map((r) => rulesOf("aws_security_group_rule", address, { ...r, type: direction })[0]),
      );
    case "aws_network_acl_rule": {
      const protocol = protocolName(o.protocol);
      return [
        {
          address,
          kind: "NACL",
          direction: o.egress ? "egress" : "ingress",
          action: o.rule_action === "deny" ? "deny" : "allow",
          peers: [str(o.cidr_block) ?? str(o.ipv6_cidr_block) ?? KNOWN_LATER],
          protocol,
          ports: portText(protocol, o.from_port, o.to_port),
          description: `rule ${o.rule_number}`,
        },
      ];
    }
    case "aws_network_acl":
    case "aws_default_network_acl":
      return (["ingress", "egress"] as const).flatMap((direction) =>
        objects(o[direction]).map((b) => rulesOf("aws_network_acl_rule", address, { ...b, egress: direction === "egress", rule_action: b.action, rule_number: b.rule_no })[0]),
      );
    default:
      return [];
  }
}

function list(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x) => x !== null && x !== undefined && x !== "").map(String) : [];
}

function objects(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter((x): x is Obj => x !== null && typeof x === "object") : [];
}

/** Whether `wide` contains the CIDR `narrow` (IPv4; other peers only when equal). */
export function cidrCovers(wide: string, narrow: string): boolean {
  if (wide === narrow) return true;
  if (!/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(wide) || !/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(narrow)) return false;
  const w = new Netmask(wide);
  const n = new Netmask(narrow);
  return w.bitmask <= n.bitmask && w.contains(n.base);
}

function portRange(ports: string): [number, number] {
  if (ports === "all") return [0, 65535];
  const m = /^(-?\d+)(?:-(\d+))?$/.exec(ports);
  return m ? [Number(m[1]), Number(m[2] ?? m[1])] : [NaN, NaN];
}

/** What `after` admits that `before` does not; undefined when it admits nothing more. */
export function widening(before: NetworkRule, after: NetworkRule): string | undefined {
  const reasons: string[] = [];
  const newPeers = after.peers.filter((p) => !before.peers.some((b) => cidrCovers(b, p)));
  if (newPeers.length > 0) reasons.push(`${newPeers.join(", ")} beyond ${before.peers.join(", ")}`);
  if (after.protocol !== before.protocol && before.protocol !== "all") reasons.push(`protocol ${before.protocol} -> ${after.protocol}`);
  const [bf, bt] = portRange(before.ports);
  const [af, at] = portRange(after.ports);
  if (after.protocol === before.protocol && (af < bf || at > bt || Number.isNaN(af))) reasons.push(`ports ${before.ports} -> ${after.ports}`);
  if (before.action === "deny" && after.action === "allow") reasons.push("deny -> allow");
  return reasons.length > 0 ? reasons.join("; ") : undefined;
}

const sameShape = (a: NetworkRule, b: NetworkRule) => a.kind === b.kind && a.direction === b.direction && a.protocol === b.protocol && a.ports === b.ports && a.action === b.action;
const ruleKey = (r: NetworkRule) => JSON.stringify([r.kind, r.direction, r.action, [...r.peers].sort(), r.protocol, r.ports]);

/** Every rule the plan adds or widens, in plan order. */
export function ruleChanges(plan: PlanJson): RuleChange[] {
  const out: RuleChange[] = [];
  const destroyed: NetworkRule[] = [];
  const created: NetworkRule[] = [];
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode !== "managed") continue;
    const a = rc.change.actions;
    const before = rulesOf(rc.type, rc.address, rc.change.before);
    const after = rulesOf(rc.type, rc.address, withUnknown(rc));
    if (a.length === 1 && a[0] === "delete") destroyed.push(...before);
    if (!a.includes("create") && !a.includes("update")) continue;
    if (before.length === 0) {
      created.push(...after);
      continue;
    }
    // An update or replacement: each rule of after against the rules before it.
    const beforeKeys = new Set(before.map(ruleKey));
    for (const rule of after) {
      if (beforeKeys.has(ruleKey(rule))) continue;
      const counterpart = before.find((b) => b.kind === rule.kind && b.direction === rule.direction) ?? before[0];
      const why = counterpart ? widening(counterpart, rule) : undefined;
      if (before.length === 1 && after.length === 1) {
        if (why) out.push({ kind: "widened", rule, before: counterpart, why });
      } else {
        // A group's inline rules: a rule not there before is added; a changed one shows as both.
        const wider = before.filter((b) => sameShape(b, rule)).map((b) => ({ b, why: widening(b, rule) }));
        const w = wider.find((x) => x.why);
        if (wider.length > 0 && w) out.push({ kind: "widened", rule, before: w.b, why: w.why });
        else if (wider.length === 0) out.push({ kind: "added", rule });
      }
    }
  }
  // Created rules: widened when one destroyed rule of the same shape is narrower, else added.
  for (const rule of created) {
    const pair = destroyed.find((d) => sameShape(d, rule) && widening(d, rule) !== undefined && d.peers.every((p) => rule.peers.some((q) => cidrCovers(q, p))));
    out.push(pair ? { kind: "widened", rule, before: pair, why: `${widening(pair, rule)} (the narrower rule ${pair.address} is destroyed)` } : { kind: "added", rule });
  }
  return out;
}

/** The after value with unknown scalar attributes marked, so a rule shows what is not known yet. */
function withUnknown(rc: PlanResourceChange): unknown {
  const after = rc.change.after;
  const unknown = rc.change.after_unknown;
  if (!after || typeof after !== "object" || !unknown || typeof unknown !== "object") return after;
  const copy: Obj = { ...(after as Obj) };
  for (const [k, v] of Object.entries(unknown as Obj)) if (v === true && (copy[k] === null || copy[k] === undefined)) copy[k] = KNOWN_LATER;
  // A security group id only known after apply is the group's, not a peer.
  if (valueAt(unknown, ["referenced_security_group_id"]) === true) copy.referenced_security_group_id = "‹security group known after apply›";
  delete copy.security_group_id;
  return copy;
}

/** Whether a rule admits the whole internet (0.0.0.0/0 or ::/0). */
export function isOpenToInternet(rule: NetworkRule): boolean {
  return rule.action === "allow" && rule.peers.some((p) => p === "0.0.0.0/0" || p === "::/0");
}
