/**
 * Who reaches whom, on which ports, computed from the SYNTHESIZED network (network-facts.ts):
 * routes, NACLs and security groups, not the model's intent. It extends the isolation check of
 * src/peering/isolation.ts (which asks only whether a route leads to an environment) to tiers and
 * ports. Pure: no constructs.
 *
 * A flow from source subnet s to destination subnet d on a port is reachable when all hold:
 * 1. a security group of d's tier admits it: a rule of a group placed in d names a CIDR that
 *    overlaps s (the flow's source range A is the narrower of the two) or a group with members
 *    in s; the port and protocol are in the rule;
 * 2. s's groups let it out (a subnet with no group Terraform places there, e.g. a public tier
 *    holding only NAT gateways and run-time load balancers, is taken to send anything);
 * 3. routing: the longest-prefix match for d in s's route table is the local route (same VPC), a
 *    peering connection to d's VPC, or the Transit Gateway whose route table for s's attachment
 *    leads to d's VPC; and d's table routes back to A the same way (for the internet, through
 *    an internet gateway). VPC routes more specific than the local route are not modelled;
 * 4. NACLs (stateless, evaluated in rule-number order, first match decides, none matching denies):
 *    s's NACL lets the port out to d and d's admits it from A; d's NACL lets the replies out to A
 *    and s's admits them from d, on every port of the client's ephemeral range. AWS notes that
 *    Linux kernels use 32768-61000 (https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html),
 *    which is what the sources here (nodes, the VPN server) run. Traffic inside one subnet does
 *    not cross a NACL. The Transit Gateway attachment subnets' NACLs are not evaluated.
 * A rule that matches only part of a range (a NACL allow for part of A) does not decide for the
 * whole range, so it is not counted: the matrix under-reports rather than over-reports.
 *
 * Sources beyond the tiers: `internet` (rule ranges outside every VPC, e.g. 0.0.0.0/0, reaching a
 * subnet whose table routes back to them through an internet gateway) and each VPN server's
 * clients, whose traffic the server NATs to its own address (so they reach what that /32 reaches,
 * within the routes the server pushes, which come from the model).
 */
import { contains, overlaps, cidr as parseCidr } from "../../model/cidr";
import type { EnvironmentFacts, NaclRuleFact, OrganizationFacts, Protocol, SecurityGroupFact, SubnetFact, TierName } from "./network-facts";
import { TIER_ORDER } from "./network-facts";
import { ALL_PORTS, formatPorts, intersect, isEmpty, type PortSet, portRange, subtract, union, covers } from "./port-set";

/** The client's ephemeral ports the replies must reach (Linux, per AWS's NACL documentation). */
export const EPHEMERAL_PORTS: PortSet = portRange(32768, 61000);

/** A row or column of the matrix. */
export interface Endpoint {
  /** `production/private`, `internet`, `vpn-clients/management`. */
  readonly id: string;
  readonly kind: "tier" | "internet" | "vpn-clients";
  readonly environment?: string;
  readonly tier?: TierName;
}

/** What one source reaches in one destination. */
export interface ReachCell {
  readonly from: string;
  readonly to: string;
  readonly tcp: PortSet;
  readonly udp: PortSet;
  /** Other protocols (ICMP, ...) too: only rules for all protocols carry them. */
  readonly otherProtocols: boolean;
  /** True when every admitted flow comes from only part of the source (a /32, a listed range), never from a whole source subnet. */
  readonly partial: boolean;
  /** The TCP and UDP ports (and whether other protocols) reached from a whole source subnet; the rest only from part of the source. */
  readonly whole: { readonly tcp: PortSet; readonly udp: PortSet; readonly otherProtocols: boolean };
  /** The source ranges admitted (subnets, or the narrower rule CIDRs), sorted. */
  readonly sourceCidrs: readonly string[];
  /** How the traffic gets there. */
  readonly via: readonly ("local" | "peering" | "transit-gateway" | "internet-gateway")[];
}

export interface ReachabilityMatrix {
  /** Every tier (in the order of the environments given), each VPN's clients, the internet. */
  readonly sources: readonly Endpoint[];
  readonly destinations: readonly Endpoint[];
  /** Only the reachable cells, sorted by source then destination order. */
  readonly cells: readonly ReachCell[];
}

/** Extra inputs the synthesized JSON does not carry in a readable form. */
export interface ReachabilityOptions {
  /** Routes each environment's VPN server pushes to its clients (the model's `vpn.routes`), by environment. @default - no VPN clients rows */
  readonly vpnRoutes?: Readonly<Record<string, readonly string[]>>;
}

type FlowProtocol = "tcp" | "udp" | "other";
type Via = ReachCell["via"][number];

/** Ports of `ports` a NACL direction allows for traffic with peer range `peer` (AWS's evaluation; see the file's comment). */
export function naclAllows(rules: readonly NaclRuleFact[] | undefined, egress: boolean, peer: string, protocol: FlowProtocol, ports: PortSet): PortSet {
  if (!rules) return [];
  let remaining = ports;
  let allowed: PortSet = [];
  for (const rule of [...rules].filter((r) => r.egress === egress).sort((a, b) => a.ruleNumber - b.ruleNumber)) {
    if (rule.protocol !== "all" && rule.protocol !== protocol) continue;
    if (!overlaps(rule.cidr, peer)) continue;
    const hit = intersect(remaining, rule.protocol === "all" ? ALL_PORTS : rule.ports);
    if (isEmpty(hit)) continue;
    if (!rule.allow) remaining = subtract(remaining, hit);
    else if (contains(rule.cidr, peer)) {
      allowed = union(allowed, hit);
      remaining = subtract(remaining, hit);
    }
    if (isEmpty(remaining)) break;
  }
  return allowed;
}

const protocolsOf = (p: Protocol | "other"): FlowProtocol[] => (p === "all" ? ["tcp", "udp", "other"] : p === "other" ? ["other"] : [p]);

/** The narrower of two overlapping CIDRs (CIDRs either nest or are disjoint). */
const narrower = (a: string, b: string) => (parseCidr(a).prefix >= parseCidr(b).prefix ? a : b);

interface Index {
  readonly facts: OrganizationFacts;
  readonly envs: ReadonlyMap<string, EnvironmentFacts>;
  readonly groupsIn: ReadonlyMap<string, readonly SecurityGroupFact[]>;
  readonly groupsByAddress: ReadonlyMap<string, SecurityGroupFact>;
}

const key = (env: string, subnet: string) => `${env}|${subnet}`;

/**
 * Where a packet from subnet `from` of `env` to `destination` goes: `local`, `peering` or
 * `transit-gateway` with the environment it lands in, `internet-gateway`, or undefined (no route,
 * a NAT gateway, a blackhole).
 */
export function routeOf(index: Pick<Index, "facts" | "envs">, env: EnvironmentFacts, from: string, destination: string): { via: Via; environment?: string } | undefined {
  const table = env.routeTableOf.get(from);
  const candidates = [
    ...(contains(env.vpcCidr, destination) ? [{ destination: env.vpcCidr, local: true as const }] : []),
    ...((table && env.routes.get(table)) || []).filter((r) => contains(r.destination, destination)).map((r) => ({ destination: r.destination, local: false as const, route: r })),
  ].sort((a, b) => parseCidr(b.destination).prefix - parseCidr(a.destination).prefix || (a.local ? -1 : 1));
  const best = candidates[0];
  if (!best) return undefined;
  if (best.local) return { via: "local", environment: env.name };
  const target = best.route.target;
  if (target.kind === "internet-gateway") return { via: "internet-gateway" };
  if (target.kind === "peering") {
    const connection = index.facts.peeringConnections.find((c) => c.address === target.connection);
    if (!connection || (connection.requester !== env.name && connection.accepter !== env.name)) return undefined;
    const other = connection.requester === env.name ? connection.accepter : connection.requester;
    const otherEnv = index.envs.get(other);
    return otherEnv && contains(otherEnv.vpcCidr, destination) ? { via: "peering", environment: other } : undefined;
  }
  if (target.kind === "transit-gateway") {
    const tgw = index.facts.transitGateway;
    const match = (tgw?.routesOf.get(env.name) ?? [])
      .filter((r) => contains(r.destination, destination))
      .sort((a, b) => parseCidr(b.destination).prefix - parseCidr(a.destination).prefix)[0];
    const otherEnv = match && index.envs.get(match.environment);
    return otherEnv && contains(otherEnv.vpcCidr, destination) ? { via: "transit-gateway", environment: otherEnv.name } : undefined;
  }
  return undefined;
}

/** Ports the groups in `subnet` let out to `destination` (anything when Terraform places no group there). */
function egressAllows(index: Index, env: string, subnet: string, destination: SubnetFact, protocol: FlowProtocol): PortSet {
  const groups = index.groupsIn.get(key(env, subnet)) ?? [];
  if (groups.length === 0) return ALL_PORTS;
  let out: PortSet = [];
  for (const group of groups) {
    for (const rule of group.egress) {
      if (!protocolsOf(rule.protocol).includes(protocol)) continue;
      const admitted = "cidr" in rule.peer ? contains(rule.peer.cidr, destination.cidr) : (index.groupsByAddress.get(`${env}|${rule.peer.group}`)?.subnets ?? []).includes(destination.address) && destination.environment === env;
      if (admitted) out = union(out, rule.ports);
    }
  }
  return out;
}

interface Flow {
  readonly fromEndpoint: string;
  readonly source?: { readonly env: EnvironmentFacts; readonly subnet: SubnetFact };
  /** The flow's source range A. */
  readonly range: string;
  readonly whole: boolean;
}

/** Computes the matrix. */
export function reachability(facts: OrganizationFacts, options: ReachabilityOptions = {}): ReachabilityMatrix {
  const envs = new Map(facts.environments.map((e) => [e.name, e]));
  const groupsIn = new Map<string, SecurityGroupFact[]>();
  const groupsByAddress = new Map<string, SecurityGroupFact>();
  for (const env of facts.environments) {
    for (const group of env.securityGroups) {
      groupsByAddress.set(`${env.name}|${group.address}`, group);
      for (const s of group.subnets) groupsIn.set(key(env.name, s), [...(groupsIn.get(key(env.name, s)) ?? []), group]);
    }
  }
  const index: Index = { facts, envs, groupsIn, groupsByAddress };

  // Transit Gateway attachment subnets hold only the gateway's interfaces, which originate nothing
  // and forward traffic with its original source address (counted from the real source): no row,
  // no column.
  const tierEndpoints = facts.environments.flatMap((env) =>
    TIER_ORDER.filter((t) => t !== "transit-gateway" && env.subnets.some((s) => s.tier === t)).map((tier): Endpoint => ({ id: `${env.name}/${tier}`, kind: "tier", environment: env.name, tier })),
  );
  const vpnEnvs = facts.environments.filter((e) => e.vpnServer && options.vpnRoutes?.[e.name]);
  const sources: Endpoint[] = [
    ...tierEndpoints,
    ...vpnEnvs.map((e): Endpoint => ({ id: `vpn-clients/${e.name}`, kind: "vpn-clients", environment: e.name })),
    { id: "internet", kind: "internet" },
  ];
  const destinations = tierEndpoints;

  const cells = new Map<string, { tcp: PortSet; udp: PortSet; other: boolean; whole: { tcp: PortSet; udp: PortSet; otherProtocols: boolean }; sources: Set<string>; via: Set<Via> }>();
  const add = (from: string, to: string, protocol: FlowProtocol, ports: PortSet, flow: Flow, via: Via) => {
    const k = `${from}>${to}`;
    const cell = cells.get(k) ?? { tcp: [], udp: [], other: false, whole: { tcp: [], udp: [], otherProtocols: false }, sources: new Set<string>(), via: new Set<Via>() };
    if (protocol === "tcp") cell.tcp = union(cell.tcp, ports);
    else if (protocol === "udp") cell.udp = union(cell.udp, ports);
    else cell.other = true;
    if (flow.whole && protocol === "tcp") cell.whole.tcp = union(cell.whole.tcp, ports);
    else if (flow.whole && protocol === "udp") cell.whole.udp = union(cell.whole.udp, ports);
    else if (flow.whole) cell.whole.otherProtocols = true;
    cell.sources.add(flow.range);
    cell.via.add(via);
    cells.set(k, cell);
  };

  const allSubnets = facts.environments.flatMap((env) => env.subnets.map((subnet) => ({ env, subnet })));
  const vpcCidrs = facts.environments.map((e) => e.vpcCidr);

  for (const { env: dstEnv, subnet: d } of allSubnets) {
    if (d.tier === "transit-gateway") continue;
    const to = `${dstEnv.name}/${d.tier}`;
    for (const group of groupsIn.get(key(dstEnv.name, d.address)) ?? []) {
      for (const rule of group.ingress) {
        // The flows this rule admits: from subnets (or members) it names, the internet, VPN clients.
        const flows: Flow[] = [];
        if ("group" in rule.peer) {
          const members = groupsByAddress.get(`${dstEnv.name}|${rule.peer.group}`)?.subnets ?? [];
          for (const s of dstEnv.subnets.filter((x) => members.includes(x.address) && x.tier !== "transit-gateway")) flows.push({ fromEndpoint: `${dstEnv.name}/${s.tier}`, source: { env: dstEnv, subnet: s }, range: s.cidr, whole: true });
        } else {
          const ruleCidr = rule.peer.cidr;
          for (const { env, subnet } of allSubnets) {
            if (subnet.tier === "transit-gateway" || !overlaps(ruleCidr, subnet.cidr)) continue;
            const range = narrower(ruleCidr, subnet.cidr);
            flows.push({ fromEndpoint: `${env.name}/${subnet.tier}`, source: { env, subnet }, range, whole: range === subnet.cidr });
          }
          if (!vpcCidrs.some((v) => contains(v, ruleCidr))) flows.push({ fromEndpoint: "internet", range: ruleCidr, whole: ruleCidr === "0.0.0.0/0" });
          for (const vpnEnv of vpnEnvs) {
            const server = vpnEnv.vpnServer!;
            const pushed = options.vpnRoutes![vpnEnv.name];
            if (!contains(ruleCidr, `${server.address}/32`) || !pushed.some((r) => overlaps(r, d.cidr))) continue;
            const subnet = vpnEnv.subnets.find((s) => s.address === server.subnet)!;
            flows.push({ fromEndpoint: `vpn-clients/${vpnEnv.name}`, source: { env: vpnEnv, subnet }, range: `${server.address}/32`, whole: false });
          }
        }
        for (const flow of flows) {
          const via = flowRoute(index, flow, dstEnv, d);
          if (!via) continue;
          for (const protocol of protocolsOf(rule.protocol)) {
            const ports = flowPorts(index, flow, dstEnv, d, protocol, rule.ports);
            if (!isEmpty(ports)) add(flow.fromEndpoint, to, protocol, ports, flow, via);
          }
        }
      }
    }
  }

  const order = (list: readonly Endpoint[]) => new Map(list.map((e, i) => [e.id, i]));
  const so = order(sources);
  const dor = order(destinations);
  const out: ReachCell[] = [...cells.entries()]
    .map(([k, c]) => {
      const [from, to] = k.split(">");
      const partial = isEmpty(c.whole.tcp) && isEmpty(c.whole.udp) && !c.whole.otherProtocols;
      return { from, to, tcp: c.tcp, udp: c.udp, otherProtocols: c.other, partial, whole: c.whole, sourceCidrs: [...c.sources].sort(), via: [...c.via].sort() };
    })
    .sort((a, b) => so.get(a.from)! - so.get(b.from)! || dor.get(a.to)! - dor.get(b.to)!);
  return { sources, destinations, cells: out };
}

/** Both ways of routing for a flow, or undefined when either fails. */
function flowRoute(index: Index, flow: Flow, dstEnv: EnvironmentFacts, d: SubnetFact): Via | undefined {
  const back = routeOf(index, dstEnv, d.address, flow.range);
  if (!flow.source) return back?.via === "internet-gateway" ? "internet-gateway" : undefined;
  const { env, subnet } = flow.source;
  const there = routeOf(index, env, subnet.address, d.cidr);
  if (!there || there.environment !== dstEnv.name || !back || back.environment !== env.name) return undefined;
  return there.via;
}

/** Ports of `rulePorts` that pass the source's groups and both NACLs, with the replies passing too. */
function flowPorts(index: Index, flow: Flow, dstEnv: EnvironmentFacts, d: SubnetFact, protocol: FlowProtocol, rulePorts: PortSet): PortSet {
  const sameSubnet = flow.source && flow.source.env.name === dstEnv.name && flow.source.subnet.address === d.address;
  const dstAcl = dstEnv.naclRulesOf.get(d.address);
  let ports = rulePorts;
  if (!sameSubnet) ports = naclAllows(dstAcl, false, flow.range, protocol, ports);
  if (flow.source) {
    const { env, subnet } = flow.source;
    ports = intersect(ports, egressAllows(index, env.name, subnet.address, d, protocol));
    if (!sameSubnet) ports = naclAllows(env.naclRulesOf.get(subnet.address), true, d.cidr, protocol, ports);
  }
  if (isEmpty(ports) || sameSubnet) return ports;
  // Replies: out of d to A, into the source subnet from d.
  const replies = protocol === "other" ? ALL_PORTS : EPHEMERAL_PORTS;
  if (!covers(naclAllows(dstAcl, true, flow.range, protocol, replies), replies)) return [];
  if (flow.source && !covers(naclAllows(flow.source.env.naclRulesOf.get(flow.source.subnet.address), false, d.cidr, protocol, replies), replies)) return [];
  return ports;
}

/**
 * A cell as short tokens: `all`, or TCP ports, `/udp`-suffixed UDP ports and `+icmp` for other
 * protocols; a token reached from only part of the source ends in `*`.
 */
export function cellText(cell: Pick<ReachCell, "tcp" | "udp" | "otherProtocols" | "whole">): string[] {
  const star = (whole: PortSet, range: PortSet) => (covers(whole, range) ? "" : "*");
  const tcpAll = formatPorts(cell.tcp) === "all";
  const udpAll = formatPorts(cell.udp) === "all";
  if (tcpAll && udpAll && cell.otherProtocols) {
    const whole = formatPorts(cell.whole.tcp) === "all" && formatPorts(cell.whole.udp) === "all" && cell.whole.otherProtocols;
    return [whole ? "all" : "all*"];
  }
  const tokens: string[] = [];
  for (const [protocol, ports, whole] of [["tcp", cell.tcp, cell.whole.tcp], ["udp", cell.udp, cell.whole.udp]] as const) {
    if (formatPorts(ports) === "all") tokens.push(`${protocol}:all${star(whole, ports)}`);
    else for (const range of ports) tokens.push(`${formatPorts([range])}${protocol === "udp" ? "/udp" : ""}${star(whole, [range])}`);
  }
  if (cell.otherProtocols) tokens.push(`+icmp${cell.whole.otherProtocols ? "" : "*"}`);
  return tokens;
}
