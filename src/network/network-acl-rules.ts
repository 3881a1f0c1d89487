/**
 * The network ACL rules of each tier, as data: one entry per rule, keyed by what it admits
 * (tier, direction, source or destination by name or AZ letter, protocol, port), with a rule
 * number that is a pure function of that key. Pure: no constructs.
 *
 * Network ACLs are stateless (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html):
 * every tier admits the replies to its own outbound connections (ephemeral ports 1024-65535) and
 * lets out the replies to what it admits. They back up the security groups, which stay the
 * fine-grained control; route and security-group reachability is unchanged (a test derives both
 * from the synthesized JSON and checks every flow a security group admits passes the NACLs).
 * NACLs do not filter traffic to the Amazon DNS server, DHCP, instance metadata or the Time Sync
 * Service (same page), so no rule is needed for those.
 *
 * CIS AWS 5.1 / CKV_AWS_229-232 / Trivy AWS-0105: no rule admits 20, 21, 22 or 3389 from
 * 0.0.0.0/0, so the ephemeral range from the internet is split around 3389
 * (1024-3388 and 3390-65535); a reply to the one connection in 64,512 that a NAT gateway or a
 * node sources from port 3389 is dropped and retried. Trivy AWS-0102: no allow-all rule
 * (every protocol, every port) names 0.0.0.0/0 in either direction.
 */
import { cidrId } from "./network-names";
import { portLabel } from "./security-group-rules";

/** The IPv4 internet. */
export const ANYWHERE = "0.0.0.0/0";
/** Ephemeral ports AWS advises NACLs admit for replies (NAT gateways, Linux and ELB use 1024-65535). */
export const EPHEMERAL_PORTS = { from: 1024, to: 65535 } as const;
/** Ports CIS AWS 5.1 and CKV_AWS_229-232 never let in from the internet (FTP data and control, SSH, RDP). */
export const ADMIN_PORTS: readonly number[] = [20, 21, 22, 3389];
/** Rule numbers are drawn from this range (AWS accepts 1-32766); 1-99 and 32700+ stay free for hand-written deny rules. */
export const RULE_NUMBER_RANGE = { from: 100, to: 32699 } as const;
/** AWS's default quota of rules per NACL and direction (adjustable up to 40). */
export const NACL_RULES_QUOTA = 20;

/** The tiers that have their own NACL; control-plane subnets share the private tier's. */
export type AclTier = "public" | "private" | "persistence" | "transit-gateway";

/** `tcp`, `udp`, or every protocol (`-1`). */
export type AclProtocol = "tcp" | "udp" | "-1";

/** One NACL rule. */
export interface NaclRule {
  /** Construct id and identity, e.g. `in-private-a-tcp-5432`. */
  readonly id: string;
  /** Rule number: a function of `id` alone, unless two ids of one NACL and direction hash alike (see {@link assignRuleNumbers}). */
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly protocol: AclProtocol;
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidrBlock: string;
  /** What the rule is for, for reviewers (NACL rules have no description field in AWS). */
  readonly purpose: string;
}

/** A rule before numbering. */
type UnnumberedRule = Omit<NaclRule, "ruleNumber">;

/** A range outside the VPC that may reach the persistence tier (a peered hub's private subnets, say). */
export interface AclPeer {
  /** Environment name: part of the rule ids. */
  readonly name: string;
  /** The ranges admitted. */
  readonly cidrs: readonly string[];
}

/** Extra ingress of a tier's NACL, for a component the network does not build (a VPN server). */
export interface AclIngress {
  /** Identity of the rule set, e.g. `vpn`; with the CIDR and port it makes the rule id. */
  readonly name: string;
  readonly protocol: "tcp" | "udp";
  readonly port: number;
  readonly cidrs: readonly string[];
}

/** Options of {@link networkAclRules}. */
export interface NetworkAclRuleOptions {
  /** The VPC CIDR. */
  readonly vpcCidr: string;
  /** The private subnets (AZ letter and CIDR). */
  readonly privateSubnets: readonly { readonly azSuffix: string; readonly cidr: string }[];
  /** Ports the private tier reaches on the persistence tier. */
  readonly dataStorePorts: readonly number[];
  /** Ranges of peered hubs admitted to the persistence tier on `peeringPorts`. */
  readonly dataTierPeers: readonly AclPeer[];
  /** Ports the peers reach on the persistence tier. */
  readonly peeringPorts: readonly number[];
  /** With a cluster: peered VPCs admitted to the private API endpoint (TCP 443) in the control-plane (private NACL) subnets. */
  readonly apiPeers: readonly { readonly name: string; readonly cidr: string }[];
  /** Other CIDRs admitted to the private API endpoint on TCP 443. */
  readonly apiAccessCidrs: readonly string[];
  /** Peered VPCs the Transit Gateway attachment subnets pass traffic to and from. */
  readonly connectedPeers: readonly { readonly name: string; readonly cidr: string }[];
  /** The persistence tier has a default route through NAT. */
  readonly persistenceInternetAccess: boolean;
  /** Extra ingress of the public tier (the VPN's UDP port and admin console). */
  readonly publicIngress: readonly AclIngress[];
}

const distinct = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

const rule = (
  direction: "in" | "out",
  name: string,
  protocol: AclProtocol,
  ports: { from: number; to: number } | number | "all",
  cidrBlock: string,
  purpose: string,
): UnnumberedRule => {
  const [fromPort, toPort] = ports === "all" ? [0, 0] : typeof ports === "number" ? [ports, ports] : [ports.from, ports.to];
  const proto = protocol === "-1" ? "all" : protocol;
  const portPart = ports === "all" ? "" : typeof ports === "number" ? `-${ports}` : `-${ports.from}-${ports.to}`;
  return { id: `${direction}-${name}-${proto}${portPart}`, egress: direction === "out", protocol, fromPort, toPort, cidrBlock, purpose };
};

/**
 * Replies from the internet on the ephemeral ports, minus 3389 (CIS AWS 5.1): two rules per
 * protocol. Replies from ranges other than the internet take the whole range.
 */
function ephemeralFrom(name: string, protocol: "tcp" | "udp", cidr: string, purpose: string): UnnumberedRule[] {
  if (cidr !== ANYWHERE) return [rule("in", name, protocol, EPHEMERAL_PORTS, cidr, purpose)];
  return [
    rule("in", name, protocol, { from: EPHEMERAL_PORTS.from, to: 3388 }, cidr, `${purpose} (below RDP)`),
    rule("in", name, protocol, { from: 3390, to: EPHEMERAL_PORTS.to }, cidr, `${purpose} (above RDP)`),
  ];
}

/** The rules of each tier's NACL, numbered. */
export function networkAclRules(options: NetworkAclRuleOptions): Record<AclTier, NaclRule[]> {
  const vpc = options.vpcCidr;
  const internetReplies = [
    ...ephemeralFrom("internet", "tcp", ANYWHERE, "replies to TCP connections out through NAT or to peers"),
    ...ephemeralFrom("internet", "udp", ANYWHERE, "replies to UDP out through NAT"),
  ];
  const withinVpc = [
    rule("in", "vpc", "-1", "all", vpc, "anything from the VPC: security groups decide"),
    rule("out", "vpc", "-1", "all", vpc, "anything to the VPC: security groups decide"),
  ];
  const outToInternet = [
    rule("out", "internet", "tcp", { from: 0, to: 65535 }, ANYWHERE, "TCP out (NAT, load balancer replies): security groups decide"),
    rule("out", "internet", "udp", { from: 0, to: 65535 }, ANYWHERE, "UDP out (NAT): security groups decide"),
  ];

  const publicRules: UnnumberedRule[] = [
    ...withinVpc,
    rule("in", "internet", "tcp", 80, ANYWHERE, "HTTP to internet-facing load balancers"),
    rule("in", "internet", "tcp", 443, ANYWHERE, "HTTPS to internet-facing load balancers"),
    ...internetReplies,
    ...options.publicIngress.flatMap((extra) =>
      distinct(extra.cidrs).map((cidr) =>
        rule("in", `${extra.name}-${cidrId(cidr)}`, extra.protocol, extra.port, cidr, `${extra.name}: ${extra.protocol.toUpperCase()} ${extra.port} from ${cidr}`),
      ),
    ),
    ...outToInternet,
  ];

  const privateRules: UnnumberedRule[] = [
    ...withinVpc,
    ...options.apiPeers.map((peer) => rule("in", `peer-${peer.name}`, "tcp", 443, peer.cidr, `private API endpoint from peered ${peer.name}`)),
    ...distinct(options.apiAccessCidrs).map((cidr) => rule("in", `api-${cidrId(cidr)}`, "tcp", 443, cidr, `private API endpoint from ${cidr}`)),
    ...internetReplies,
    ...outToInternet,
  ];

  // The persistence tier makes no connection of its own (its security group has no egress rule),
  // so it admits no replies: an ephemeral-port rule would admit 5432 and 6379 themselves.
  const persistenceRules: UnnumberedRule[] = [
    ...options.privateSubnets.flatMap((subnet) => [
      ...distinct(options.dataStorePorts).map((port) =>
        rule("in", `private-${subnet.azSuffix}`, "tcp", port, subnet.cidr, `${portLabel(port)} from private subnet ${subnet.azSuffix}`),
      ),
      rule("out", `private-${subnet.azSuffix}`, "tcp", EPHEMERAL_PORTS, subnet.cidr, `replies to private subnet ${subnet.azSuffix}`),
    ]),
    ...options.dataTierPeers.flatMap((peer) =>
      distinct(peer.cidrs).flatMap((cidr) => [
        ...distinct(options.peeringPorts).map((port) =>
          rule("in", `peer-${peer.name}-${cidrId(cidr)}`, "tcp", port, cidr, `${portLabel(port)} from peered ${peer.name} (${cidr})`),
        ),
        rule("out", `peer-${peer.name}-${cidrId(cidr)}`, "tcp", EPHEMERAL_PORTS, cidr, `replies to peered ${peer.name} (${cidr})`),
      ]),
    ),
    // With a NAT route the tier may call out on HTTPS, and must then admit the replies.
    ...(options.persistenceInternetAccess
      ? [
          rule("out", "internet", "tcp", 443, ANYWHERE, "HTTPS out through NAT (persistenceInternetAccess)"),
          ...ephemeralFrom("internet", "tcp", ANYWHERE, "replies to HTTPS out through NAT"),
        ]
      : []),
  ];

  // AWS advises an open NACL on the attachment subnets and filtering in the workload subnets
  // (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-best-design-practices.html); "open" here is
  // every protocol to and from this VPC and the VPCs it is connected with, never 0.0.0.0/0.
  const transitGatewayRules: UnnumberedRule[] = [
    ...withinVpc,
    ...options.connectedPeers.flatMap((peer) => [
      rule("in", `peer-${peer.name}`, "-1", "all", peer.cidr, `anything from connected ${peer.name}`),
      rule("out", `peer-${peer.name}`, "-1", "all", peer.cidr, `anything to connected ${peer.name}`),
    ]),
  ];

  return {
    public: assignRuleNumbers(publicRules),
    private: assignRuleNumbers(privateRules),
    persistence: assignRuleNumbers(persistenceRules),
    "transit-gateway": assignRuleNumbers(transitGatewayRules),
  };
}

/** FNV-1a, 32 bits: a stable hash of a rule id. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The number a rule id hashes to, in {@link RULE_NUMBER_RANGE}. */
export function homeRuleNumber(id: string): number {
  const size = RULE_NUMBER_RANGE.to - RULE_NUMBER_RANGE.from + 1;
  return RULE_NUMBER_RANGE.from + (fnv1a(id) % size);
}

/**
 * Numbers the rules of one NACL from their ids, not their positions: each rule gets
 * {@link homeRuleNumber} of its id. Every rule here allows, so the order of evaluation never
 * changes what a NACL admits, and adding or removing a peer, port or AZ renumbers no other rule.
 * The one exception: two ids of the same direction that hash to the same number (about one chance
 * in 1,600 for two rules); the one whose id sorts later takes the next free number.
 */
export function assignRuleNumbers(rules: readonly UnnumberedRule[]): NaclRule[] {
  const ids = new Set<string>();
  for (const r of rules) {
    if (ids.has(r.id)) throw new Error(`network ACL rule ${r.id} is listed twice`);
    ids.add(r.id);
  }
  const taken = { in: new Set<number>(), out: new Set<number>() };
  const numbers = new Map<string, number>();
  for (const r of [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const used = r.egress ? taken.out : taken.in;
    let n = homeRuleNumber(r.id);
    while (used.has(n)) n = n === RULE_NUMBER_RANGE.to ? RULE_NUMBER_RANGE.from : n + 1;
    used.add(n);
    numbers.set(r.id, n);
  }
  return rules.map((r) => ({ ...r, ruleNumber: numbers.get(r.id)! }));
}
