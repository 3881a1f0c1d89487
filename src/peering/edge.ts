/**
 * What every edge of the peering graph builds whatever carries it (a VPC peering connection or the
 * Transit Gateway): a route to the other side's CIDR in each of a side's peering route tables, and
 * the spoke's private hosted zone associated with the hub's VPC. One implementation, so both
 * transports give their children the same ids (`route-requester-private-a`, `zone-association`)
 * under the edge's construct, and switching transport updates routes in place.
 */
import { Route, type RouteConfig } from "@cdktf/provider-aws/lib/route";
import { Route53VpcAssociationAuthorization } from "@cdktf/provider-aws/lib/route53-vpc-association-authorization";
import { Route53ZoneAssociation } from "@cdktf/provider-aws/lib/route53-zone-association";
import type { Construct } from "constructs";
import { moveFromLegacyId } from "../moves/legacy-id";
import type { PlannedRoute } from "./isolation";
import { peeringRouteTables } from "./route-table-plan";
import type { PeeringSide } from "./vpc-peering";

/** Where a side's routes to its peer go, and what they wait for. */
export type RouteTarget = Pick<RouteConfig, "vpcPeeringConnectionId" | "transitGatewayId" | "dependsOn">;

/**
 * Adds, under `edge`, a route to each side's peer in every peering route table of that side,
 * keyed by side and table (`route-requester-private-a`); returns them for the isolation check.
 */
export function addEdgeRoutes<S extends PeeringSide>(
  edge: Construct,
  requester: S,
  accepter: S,
  targetOf: (side: S, peer: S) => RouteTarget,
): PlannedRoute[] {
  const routes: PlannedRoute[] = [];
  const addRoutes = (sideName: "requester" | "accepter", side: S, peer: S) => {
    for (const table of peeringRouteTables(side.network, side.routePublicTables ?? false)) {
      const id = `route-${sideName}-${table.key}`;
      const route = new Route(edge, id, {
        provider: side.provider,
        routeTableId: table.routeTableId,
        destinationCidrBlock: peer.cidrBlock,
        ...targetOf(side, peer),
      });
      // Route ids used to be list positions (`route-requester-private-0`). Two routes to one
      // destination cannot coexist in a table, so a rename without a move would fail the apply.
      if (table.legacyKey !== undefined) moveFromLegacyId(route, id, `route-${sideName}-${table.legacyKey}`);
      routes.push({ from: side.name, destinationCidr: peer.cidrBlock, tier: table.tier, path: route.node.path });
    }
  };
  addRoutes("requester", requester, accepter);
  addRoutes("accepter", accepter, requester);
  return routes;
}

/**
 * Associates the accepter's private hosted zone with the requester's VPC, under `edge`. Across
 * accounts the zone's owner authorizes the association first; the requester's account then
 * associates its VPC.
 */
export function associateAccepterZone(edge: Construct, requester: PeeringSide, accepter: PeeringSide): void {
  const authorization =
    requester.accountId === accepter.accountId
      ? undefined
      : new Route53VpcAssociationAuthorization(edge, "zone-authorization", {
          provider: accepter.provider,
          zoneId: accepter.network.internalZoneId,
          vpcId: requester.network.vpcId,
          vpcRegion: requester.region,
        });
  new Route53ZoneAssociation(edge, "zone-association", {
    provider: requester.provider,
    zoneId: accepter.network.internalZoneId,
    vpcId: requester.network.vpcId,
    vpcRegion: requester.region,
    dependsOn: authorization ? [authorization] : undefined,
  });
}
