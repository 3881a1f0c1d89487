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
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { addEdgeRoutes, associateAccepterZone } from "../peering/edge";
import type { PlannedRoute } from "../peering/isolation";
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

    this.routes = addEdgeRoutes(this, requester, accepter, (side, peer) => ({
      transitGatewayId: props.transitGatewayId,
      // A VPC route to a gateway needs the VPC's attachment; the peer's table needs its routes before traffic returns.
      dependsOn: [...side.attachmentReady, ...peer.attachmentReady],
    }));
    // DNS as with peering: the spoke's private zone answers in the hub VPC too.
    associateAccepterZone(this, requester, accepter);
  }
}
