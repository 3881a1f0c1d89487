/**
 * One edge of the peering graph carried by the Transit Gateway: in every private and persistence
 * route table on both sides (public too where a side asks) a route to the other side's CIDR through
 * the gateway, and the spoke's private hosted zone associated with the hub's VPC, as with VPC
 * peering.
 *
 * The children have the ids of VpcPeering's (`route-requester-private-a`, `zone-association`, ...)
 * under the same edge id, so switching an organization from peering to transitGateway updates each
 * route's target in place (aws_route changes its target with ReplaceRoute, never two routes to one
 * destination in a table) and leaves the zone association as it is.
 */
import { Route } from "@cdktf/provider-aws/lib/route";
import { Route53VpcAssociationAuthorization } from "@cdktf/provider-aws/lib/route53-vpc-association-authorization";
import { Route53ZoneAssociation } from "@cdktf/provider-aws/lib/route53-zone-association";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { moveFromLegacyId } from "../moves/legacy-id";
import type { PlannedRoute } from "../peering/isolation";
import { peeringRouteTables } from "../peering/route-table-plan";
import type { PeeringSide } from "../peering/vpc-peering";

/** One end of the edge, attached to the gateway. */
export interface TransitGatewayPeeringSide extends PeeringSide {
  /** What a route through the gateway must wait for: this side's attachment, accepted and associated. */
  readonly attachmentReady: readonly ITerraformDependable[];
}

export interface TransitGatewayPeeringProps {
  /** Id of the Transit Gateway both sides are attached to. */
  readonly transitGatewayId: string;
  /** The hub side of the edge (the environment listed in `peers`); its VPC joins the other side's private hosted zone. */
  readonly requester: TransitGatewayPeeringSide;
  /** The side that declared the edge; shares its private hosted zone with the requester's VPC. */
  readonly accepter: TransitGatewayPeeringSide;
}

export class TransitGatewayPeering extends Construct {
  /** Every VPC route this edge creates, for the isolation check. */
  public readonly routes: readonly PlannedRoute[];

  constructor(scope: Construct, id: string, props: TransitGatewayPeeringProps) {
    super(scope, id);
    const { requester, accepter } = props;
    if (requester.name === accepter.name) throw new Error(`${this.node.path}: ${requester.name} cannot reach itself`);

    const routes: PlannedRoute[] = [];
    const addRoutes = (sideName: "requester" | "accepter", side: TransitGatewayPeeringSide, peer: TransitGatewayPeeringSide) => {
      for (const table of peeringRouteTables(side.network, side.routePublicTables ?? false)) {
        const id = `route-${sideName}-${table.key}`;
        const route = new Route(this, id, {
          provider: side.provider,
          routeTableId: table.routeTableId,
          destinationCidrBlock: peer.cidrBlock,
          transitGatewayId: props.transitGatewayId,
          // A VPC route to a gateway needs the VPC's attachment; the peer's table needs its routes before traffic returns.
          dependsOn: [...side.attachmentReady, ...peer.attachmentReady],
        });
        // The same one-release moves as VpcPeering's, so a state from before AZ-keyed ids can switch mode directly.
        if (table.legacyKey !== undefined) moveFromLegacyId(route, id, `route-${sideName}-${table.legacyKey}`);
        routes.push({ from: side.name, destinationCidr: peer.cidrBlock, tier: table.tier, path: route.node.path });
      }
    };
    addRoutes("requester", requester, accepter);
    addRoutes("accepter", accepter, requester);
    this.routes = routes;

    // DNS as with peering: the spoke's private zone answers in the hub VPC too.
    let authorization: Route53VpcAssociationAuthorization | undefined;
    if (requester.accountId !== accepter.accountId) {
      authorization = new Route53VpcAssociationAuthorization(this, "zone-authorization", {
        provider: accepter.provider,
        zoneId: accepter.network.internalZoneId,
        vpcId: requester.network.vpcId,
        vpcRegion: requester.region,
      });
    }
    new Route53ZoneAssociation(this, "zone-association", {
      provider: requester.provider,
      zoneId: accepter.network.internalZoneId,
      vpcId: requester.network.vpcId,
      vpcRegion: requester.region,
      dependsOn: authorization ? [authorization] : undefined,
    });
  }
}
