/**
 * Which route tables of one side of a peering get a route to the other side, each with a
 * stable key for its construct id. Pure: no constructs.
 */
import type { PeeringNetwork } from "./peering-network";

/** Route-table tiers a peering route can go into. */
export type PeeringRouteTier = "private" | "persistence" | "public";

/** One route table to route to the peer. */
export interface PeeringRouteTable {
  readonly tier: PeeringRouteTier;
  /** Position of the table in its tier's list (AZ order); part of the route's construct id. */
  readonly index: number;
  readonly routeTableId: string;
}

/**
 * The private and persistence route tables (and the public ones when `includePublic`) of a
 * network, in tier then AZ order. A table listed twice (a tier sharing one table across AZs
 * may repeat it) is routed once, under the index of its first occurrence, so ids stay stable.
 */
export function peeringRouteTables(network: PeeringNetwork, includePublic: boolean): PeeringRouteTable[] {
  const tiers: [PeeringRouteTier, readonly string[]][] = [
    ["private", network.privateRouteTableIds],
    ["persistence", network.persistenceRouteTableIds],
  ];
  if (includePublic) tiers.push(["public", network.publicRouteTableIds]);
  const seen = new Set<string>();
  const tables: PeeringRouteTable[] = [];
  for (const [tier, ids] of tiers) {
    ids.forEach((routeTableId, index) => {
      if (seen.has(routeTableId)) return;
      seen.add(routeTableId);
      tables.push({ tier, index, routeTableId });
    });
  }
  return tables;
}
