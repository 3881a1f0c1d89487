/**
 * Which route tables of one side of a peering get a route to the other side, each with the
 * key of its construct id: the tier and the AZ suffix (`private-a`), never a list position, so
 * adding, removing or reordering AZs renames no other route. Pure: no constructs.
 */
import type { PeeringNetwork } from "./peering-network";

/** Route-table tiers a peering route can go into. */
export type PeeringRouteTier = "private" | "persistence" | "public";

/** One route table to route to the peer. */
export interface PeeringRouteTable {
  readonly tier: PeeringRouteTier;
  /** `<tier>-<azSuffix>` (`private-a`), or `public` for the shared public table: the route's construct id ends in it. */
  readonly key: string;
  /**
   * The key this table's route had when route ids were list positions (`private-0`), for a
   * one-release `moved` block; `undefined` for a table with no such predecessor.
   */
  readonly legacyKey?: string;
  readonly routeTableId: string;
}

/**
 * The private and persistence route tables (and the public one when `includePublic`) of a
 * network, in tier then AZ order. A table listed twice (a tier sharing one table across AZs
 * may repeat it) is routed once, under the key of its first AZ.
 */
export function peeringRouteTables(network: PeeringNetwork, includePublic: boolean): PeeringRouteTable[] {
  const seen = new Set<string>();
  const tables: PeeringRouteTable[] = [];
  const add = (table: PeeringRouteTable) => {
    if (seen.has(table.routeTableId)) return;
    seen.add(table.routeTableId);
    tables.push(table);
  };
  for (const tier of ["private", "persistence"] as const) {
    const list = tier === "private" ? network.privateRouteTables : network.persistenceRouteTables;
    list.forEach(({ azSuffix, routeTableId }, position) =>
      add({ tier, key: `${tier}-${azSuffix}`, legacyKey: `${tier}-${position}`, routeTableId }),
    );
  }
  if (includePublic) add({ tier: "public", key: "public", legacyKey: "public-0", routeTableId: network.publicRouteTableId });
  return tables;
}
