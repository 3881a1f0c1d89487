/**
 * Security-group rules in every form the AWS provider accepts, as one shape: inline
 * `ingress`/`egress` blocks of aws_security_group, aws_security_group_rule, and the
 * aws_vpc_security_group_ingress_rule / _egress_rule resources. No constructs.
 */
import { blocks, num, strings } from "../stack-context";
import type { PolicyResource } from "../types";

export interface SgRule {
  readonly direction: "ingress" | "egress";
  /** `-1` for all protocols, else the protocol name or number as written. */
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  /** IPv4 and IPv6 CIDRs the rule admits (references excluded). */
  readonly cidrs: readonly string[];
  readonly description?: string;
  /** Where the rule sits: `ingress[0]` for an inline block, `` for a rule resource. */
  readonly where: string;
}

/** Resource types that carry security-group rules. */
export const SG_RULE_TYPES = [
  "aws_security_group",
  "aws_security_group_rule",
  "aws_vpc_security_group_ingress_rule",
  "aws_vpc_security_group_egress_rule",
] as const;

export const OPEN_CIDRS = ["0.0.0.0/0", "::/0"];

/** The rules a resource holds. */
export function sgRulesOf(r: PolicyResource): SgRule[] {
  const b = r.body;
  const desc = (v: unknown) => (typeof v === "string" ? v : undefined);
  switch (r.type) {
    case "aws_security_group":
    case "aws_default_security_group":
      return (["ingress", "egress"] as const).flatMap((direction) =>
        blocks(b[direction]).map((x, i) => ({
          direction,
          protocol: String(x.protocol ?? ""),
          fromPort: num(x.from_port),
          toPort: num(x.to_port),
          cidrs: [...strings(x.cidr_blocks), ...strings(x.ipv6_cidr_blocks)],
          description: desc(x.description),
          where: `${direction}[${i}]`,
        })),
      );
    case "aws_security_group_rule":
      return [
        {
          direction: b.type === "egress" ? "egress" : "ingress",
          protocol: String(b.protocol ?? ""),
          fromPort: num(b.from_port),
          toPort: num(b.to_port),
          cidrs: [...strings(b.cidr_blocks), ...strings(b.ipv6_cidr_blocks)],
          description: desc(b.description),
          where: "",
        },
      ];
    case "aws_vpc_security_group_ingress_rule":
    case "aws_vpc_security_group_egress_rule":
      return [
        {
          direction: r.type.endsWith("ingress_rule") ? "ingress" : "egress",
          protocol: String(b.ip_protocol ?? ""),
          fromPort: num(b.from_port),
          toPort: num(b.to_port),
          cidrs: [...strings(b.cidr_ipv4), ...strings(b.cidr_ipv6)],
          description: desc(b.description),
          where: "",
        },
      ];
    default:
      return [];
  }
}

/** All protocols (`-1`, `all`). */
export function allProtocols(rule: SgRule): boolean {
  return rule.protocol === "-1" || rule.protocol.toLowerCase() === "all";
}

const PORTED = new Set(["tcp", "udp", "6", "17"]);

/** The rule admits every port (all protocols, or TCP/UDP 0-65535). */
export function allPorts(rule: SgRule): boolean {
  if (allProtocols(rule)) return true;
  return PORTED.has(rule.protocol.toLowerCase()) && (rule.fromPort ?? 0) <= 0 && (rule.toPort ?? 65535) >= 65535;
}

/** The rule admits `port` (TCP or UDP). */
export function admitsPort(rule: SgRule, port: number): boolean {
  if (allProtocols(rule)) return true;
  if (!PORTED.has(rule.protocol.toLowerCase())) return false;
  return (rule.fromPort ?? 0) <= port && port <= (rule.toPort ?? 65535);
}

/** The open CIDRs (0.0.0.0/0, ::/0) the rule admits. */
export function openCidrs(rule: SgRule): string[] {
  return rule.cidrs.filter((c) => OPEN_CIDRS.includes(c));
}

/** How a finding names the rule: `aws_security_group.x egress[1] (tcp 443-443)`. */
export function describeRule(rule: SgRule): string {
  const ports = allProtocols(rule) ? "all traffic" : `${rule.protocol} ${rule.fromPort ?? "?"}-${rule.toPort ?? "?"}`;
  return `${rule.where ? `${rule.where} ` : ""}(${rule.direction}, ${ports})`;
}
