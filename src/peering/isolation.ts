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
