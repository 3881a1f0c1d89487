/**
 * The drawable organization: the model's names, accounts and regions, and from the synthesized
 * stacks the subnets per tier and AZ, NAT and internet gateways, the VPN server, the peering or
 * Transit Gateway edges (with the tiers whose route tables lead across them) and the reachability
 * matrix. The SVG (svg.ts) and Mermaid (mermaid.ts) renderings both draw this. Pure: no constructs.
 */
import type { Org } from "../../model/org";
import { contains } from "../../model/cidr";
import { type OrganizationFacts, readNetworkFacts, type StackJson, TIER_ORDER, type TierName } from "./network-facts";
import { reachability, type ReachabilityMatrix } from "./reachability";

export interface DiagramSubnet {
  readonly azSuffix: string;
  readonly cidr: string;
  /** A NAT gateway sits in this subnet. */
  readonly natGateway: boolean;
  /** The VPN server's address, when it sits in this subnet. */
  readonly vpnServer?: string;
}

export interface DiagramEnvironment {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly vpcCidr: string;
  /** AZ letters, sorted. */
  readonly azSuffixes: readonly string[];
  /** Tiers present, in TIER_ORDER, each with its subnets by AZ letter. */
  readonly tiers: readonly { readonly tier: TierName; readonly subnets: readonly DiagramSubnet[] }[];
  readonly internetGateway: boolean;
  readonly natGateways: number;
  readonly clusterName?: string;
  /** The VPN server: address and UDP port. */
  readonly vpn?: { readonly address: string; readonly port: number };
}

/** An edge of the connectivity graph, as the synthesized stacks build it. */
export interface DiagramEdge {
  /** `management|production`: the two environments, in file order. */
  readonly id: string;
  readonly a: string;
  readonly b: string;
  readonly kind: "peering" | "transit-gateway";
  /** Tiers of `a` whose route tables route to `b` across this edge, and the reverse. */
  readonly aTiers: readonly TierName[];
  readonly bTiers: readonly TierName[];
}

export interface OrganizationDiagram {
  readonly organization: string;
  readonly region: string;
  readonly connectivity: Org["connectivity"];
  /** Hub of the Transit Gateway, with `connectivity: transitGateway`. */
  readonly transitGatewayHub?: string;
  readonly environments: readonly DiagramEnvironment[];
  readonly edges: readonly DiagramEdge[];
  readonly matrix: ReachabilityMatrix;
}

/** Tiers of `env` with a route to `peerCidr` whose target satisfies `across`. */
function routedTiers(facts: OrganizationFacts, env: string, peerCidr: string, across: (target: { kind: string; connection?: string }) => boolean): TierName[] {
  const e = facts.environments.find((x) => x.name === env)!;
  const tiers = new Set<TierName>();
  for (const s of e.subnets) {
    const table = e.routeTableOf.get(s.address);
    const routes = (table && e.routes.get(table)) || [];
    if (routes.some((r) => contains(r.destination, peerCidr) && across(r.target as { kind: string; connection?: string }))) tiers.add(s.tier);
  }
  return TIER_ORDER.filter((t) => tiers.has(t));
}

/** Builds the diagram of `org` from its synthesized stacks (every stack's Terraform JSON). */
export function buildOrganizationDiagram(org: Org, stacks: readonly StackJson[]): OrganizationDiagram {
  const order = new Map(org.environments.map((e, i) => [e.name, i]));
  // In the file's order, so the boxes and the matrix list environments as the file does.
  const facts = readNetworkFacts([...stacks].sort((a, b) => (order.get(a.name) ?? 99) - (order.get(b.name) ?? 99)));
  const envFacts = facts.environments;
  const cidrOf = new Map(envFacts.map((e) => [e.name, e.vpcCidr]));

  const environments: DiagramEnvironment[] = envFacts.map((f) => {
    const model = org.environments.find((e) => e.name === f.name);
    const azSuffixes = [...new Set(f.subnets.map((s) => s.azSuffix))].sort();
    const tiers = TIER_ORDER.filter((t) => f.subnets.some((s) => s.tier === t)).map((tier) => ({
      tier,
      subnets: f.subnets
        .filter((s) => s.tier === tier)
        .sort((a, b) => a.azSuffix.localeCompare(b.azSuffix))
        .map((s) => ({ azSuffix: s.azSuffix, cidr: s.cidr, natGateway: f.natGatewaySubnets.includes(s.address), vpnServer: f.vpnServer?.subnet === s.address ? f.vpnServer.address : undefined })),
    }));
    return {
      name: f.name,
      accountId: model?.accountId ?? "unknown",
      region: model?.region ?? org.region,
      vpcCidr: f.vpcCidr,
      azSuffixes,
      tiers,
      internetGateway: f.internetGateway,
      natGateways: f.natGatewaySubnets.length,
      clusterName: f.clusterName,
      vpn: f.vpnServer && model?.vpn ? { address: f.vpnServer.address, port: model.vpn.port } : undefined,
    };
  });

  const edges: DiagramEdge[] = [];
  const pair = (x: string, y: string): [string, string] => ((order.get(x) ?? 99) <= (order.get(y) ?? 99) ? [x, y] : [y, x]);
  for (const c of facts.peeringConnections) {
    const [a, b] = pair(c.requester, c.accepter);
    const viaThis = (t: { kind: string; connection?: string }) => t.kind === "peering" && t.connection === c.address;
    edges.push({ id: `${a}|${b}`, a, b, kind: "peering", aTiers: routedTiers(facts, a, cidrOf.get(b)!, viaThis), bTiers: routedTiers(facts, b, cidrOf.get(a)!, viaThis) });
  }
  const tgw = facts.transitGateway;
  if (tgw) {
    const seen = new Set<string>();
    for (const [from, routes] of tgw.routesOf) {
      for (const r of routes) {
        const [a, b] = pair(from, r.environment);
        if (a === b || seen.has(`${a}|${b}`)) continue;
        seen.add(`${a}|${b}`);
        const viaTgw = (t: { kind: string }) => t.kind === "transit-gateway";
        edges.push({ id: `${a}|${b}`, a, b, kind: "transit-gateway", aTiers: routedTiers(facts, a, cidrOf.get(b)!, viaTgw), bTiers: routedTiers(facts, b, cidrOf.get(a)!, viaTgw) });
      }
    }
  }
  edges.sort((x, y) => (order.get(x.a)! - order.get(y.a)!) || (order.get(x.b)! - order.get(y.b)!));

  const vpnRoutes = Object.fromEntries(org.environments.filter((e) => e.vpn).map((e) => [e.name, e.vpn!.routes]));
  return {
    organization: org.organization,
    region: org.region,
    connectivity: org.connectivity,
    transitGatewayHub: org.transitGateway?.hub,
    environments,
    edges,
    matrix: reachability(facts, { vpnRoutes }),
  };
}
