/**
 * Isolation as a checked property: peering is not transitive, so an environment may route only
 * to the CIDRs of environments it is peered with (production never reaches development).
 * Pure: the peering stack collects every route it plans and runs this before synthesis ends.
 */
import { cidr, overlaps } from "../model/cidr";

/** A route the peering stack creates, as the isolation check sees it. */
export interface PlannedRoute {
  /** Environment whose route table holds the route. */
  readonly from: string;
  /** Destination CIDR of the route. */
  readonly destinationCidr: string;
  /** Tier of the route table that holds it. @default - unknown (counts for no tier in particular) */
  readonly tier?: "private" | "persistence" | "public";
  /** Construct path of the route, for the error message. @default - none */
  readonly path?: string;
}

/** A route that reaches an environment its owner is not peered with. */
export interface IsolationViolation {
  readonly from: string;
  readonly to: string;
  readonly destinationCidr: string;
  readonly path?: string;
}

/** The environments and peering edges the check reasons about (an Org satisfies it). */
export interface IsolationGraph {
  readonly environments: readonly { readonly name: string; readonly cidr: string }[];
  readonly peerings: readonly { readonly requester: string; readonly accepter: string }[];
}

/** Every (route, environment) pair where the route's destination overlaps an environment its owner is not peered with. */
export function findIsolationViolations(graph: IsolationGraph, routes: readonly PlannedRoute[]): IsolationViolation[] {
  const peered = new Set(graph.peerings.flatMap((e) => [`${e.requester}>${e.accepter}`, `${e.accepter}>${e.requester}`]));
  // Parsed once each: the loops compare every route with every environment.
  const environments = graph.environments.map((env) => ({ name: env.name, network: cidr(env.cidr) }));
  const violations: IsolationViolation[] = [];
  for (const route of routes) {
    const destination = cidr(route.destinationCidr);
    for (const env of environments) {
      if (env.name === route.from || peered.has(`${route.from}>${env.name}`)) continue;
      if (!overlaps(destination, env.network)) continue;
      violations.push({ from: route.from, to: env.name, destinationCidr: route.destinationCidr, path: route.path });
    }
  }
  return violations;
}

/** Throws an Error naming every violation (both environments and the CIDR); returns quietly when isolation holds. */
export function assertIsolation(graph: IsolationGraph, routes: readonly PlannedRoute[]): void {
  const violations = findIsolationViolations(graph, routes);
  if (violations.length === 0) return;
  const lines = violations.map(
    (v) =>
      `${v.from} routes ${v.destinationCidr} to ${v.to}, which it is not peered with` + (v.path ? ` (${v.path})` : ""),
  );
  throw new Error(
    `peering isolation violated:\n  ${lines.join("\n  ")}\n` +
      "peering is not transitive; declare the peering in the environments file (peers) or remove the route",
  );
}

/** A VPN server whose clients' traffic leaves NATed from an environment's public subnet. */
export interface VpnRoutes {
  /** Environment whose public subnet holds the server. */
  readonly environment: string;
  /** CIDRs pushed to the clients. */
  readonly routes: readonly string[];
}

/** What a VPN's clients reach, next to what its environment's public tier reaches. */
export interface VpnReach {
  /** Environments the server's own subnet reaches: its own VPC and every environment a public-tier route leads to. */
  readonly hubReaches: readonly string[];
  /** Environments a pushed route leads to that the server can forward to. */
  readonly clientsReach: readonly string[];
  /** Pushed routes that lead to an environment the server's subnet does not reach. */
  readonly violations: readonly { readonly route: string; readonly to: string }[];
}

/**
 * Client traffic is NATed by the server, so a client reaches an environment exactly when a pushed
 * route covers part of it and the server's public subnet reaches it (its own VPC, or a
 * public-tier route the peering stack planned). Pure, like findIsolationViolations.
 */
export function vpnReach(graph: IsolationGraph, routes: readonly PlannedRoute[], vpn: VpnRoutes): VpnReach {
  const environments = graph.environments.map((env) => ({ name: env.name, network: cidr(env.cidr) }));
  const publicRoutes = routes.filter((r) => r.from === vpn.environment && r.tier === "public").map((r) => cidr(r.destinationCidr));
  const hubReaches = environments
    .filter((env) => env.name === vpn.environment || publicRoutes.some((r) => overlaps(r, env.network)))
    .map((env) => env.name);
  const clientsReach = new Set<string>();
  const violations: { route: string; to: string }[] = [];
  for (const route of vpn.routes) {
    const pushed = cidr(route);
    for (const env of environments.filter((e) => overlaps(pushed, e.network))) {
      if (hubReaches.includes(env.name)) clientsReach.add(env.name);
      else violations.push({ route, to: env.name });
    }
  }
  return { hubReaches, clientsReach: environments.map((e) => e.name).filter((n) => clientsReach.has(n)), violations };
}

/** Throws an Error naming every pushed route that leads where the VPN's environment does not reach. */
export function assertVpnReach(graph: IsolationGraph, routes: readonly PlannedRoute[], vpn: VpnRoutes): VpnReach {
  const reach = vpnReach(graph, routes, vpn);
  if (reach.violations.length === 0) return reach;
  const lines = reach.violations.map((v) => `the VPN of ${vpn.environment} pushes ${v.route} to its clients, which reaches ${v.to}; ${vpn.environment}'s public subnet has no route there`);
  throw new Error(
    `VPN isolation violated:\n  ${lines.join("\n  ")}\n` +
      "VPN clients may reach only what the server's environment reaches; peer the environments or remove the route from vpn.routes",
  );
}
