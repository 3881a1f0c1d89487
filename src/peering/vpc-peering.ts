/**
 * One VPC peering between a hub (requester) and a spoke (accepter), possibly across accounts
 * and regions: the connection, its acceptance, DNS resolution across it on both sides, a route
 * to the peer CIDR in every private and persistence route table on both sides, and the spoke's
 * private hosted zone associated with the hub VPC.
 *
 * Every resource names its provider explicitly: the requester's for its side, the accepter's
 * for the other. The routes it creates are listed in `routes` for the isolation check.
 */
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { VpcPeeringConnectionAccepterA } from "@cdktf/provider-aws/lib/vpc-peering-connection-accepter";
import { VpcPeeringConnectionOptions } from "@cdktf/provider-aws/lib/vpc-peering-connection-options";
import type { ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { overlaps } from "../model/cidr";
import { addEdgeRoutes, associateAccepterZone } from "./edge";
import type { PlannedRoute } from "./isolation";
import type { PeeringNetwork } from "./peering-network";

/** One end of a peering. */
export interface PeeringSide {
  /** Environment name; used in messages and in the planned routes. */
  readonly name: string;
  /** The VPC's CIDR from the model; the other side routes to it. */
  readonly cidrBlock: string;
  /** Account that owns the VPC. */
  readonly accountId: string;
  /** Region of the VPC. */
  readonly region: string;
  /** The aws provider acting in this side's account and region. */
  readonly provider: TerraformProvider;
  /** The side's network attributes (tokens of its `<env>` stack). */
  readonly network: PeeringNetwork;
  /** Also route this side's public route tables to the other side. @default false */
  readonly routePublicTables?: boolean;
}

export interface VpcPeeringProps {
  /** Name tag of the connection, `${org}-${requester}-${accepter}`. */
  readonly connectionName: string;
  /** The hub: requests the connection; its VPC joins the accepter's private hosted zone. */
  readonly requester: PeeringSide;
  /** The spoke: accepts the connection; shares its private hosted zone with the requester's VPC. Its CIDR must not overlap the requester's. */
  readonly accepter: PeeringSide;
}

export class VpcPeering extends Construct {
  /** Id of the peering connection (resolves once the connection is accepted). */
  public readonly connectionId: string;
  /** True when both VPCs share an account and a region, so the requester accepts its own request. */
  public readonly autoAccepted: boolean;
  /** Every route this peering creates, for the isolation check. */
  public readonly routes: readonly PlannedRoute[];

  constructor(scope: Construct, id: string, props: VpcPeeringProps) {
    super(scope, id);
    const { requester, accepter } = props;
    if (requester.name === accepter.name) {
      throw new Error(`${this.node.path}: ${requester.name} cannot peer with itself`);
    }
    if (overlaps(requester.cidrBlock, accepter.cidrBlock)) {
      throw new Error(
        `${this.node.path}: ${requester.name} (${requester.cidrBlock}) and ${accepter.name} (${accepter.cidrBlock}) overlap; AWS refuses to peer overlapping VPCs, give one of them another range`,
      );
    }
    const crossAccount = requester.accountId !== accepter.accountId;
    const crossRegion = requester.region !== accepter.region;
    this.autoAccepted = !crossAccount && !crossRegion;
    const tags = { Name: props.connectionName };

    const connection = new VpcPeeringConnection(this, "connection", {
      provider: requester.provider,
      vpcId: requester.network.vpcId,
      peerVpcId: accepter.network.vpcId,
      // auto_accept works only within one account and region; otherwise the accepter's account accepts.
      autoAccept: this.autoAccepted ? true : undefined,
      peerOwnerId: this.autoAccepted ? undefined : accepter.accountId,
      peerRegion: crossRegion ? accepter.region : undefined,
      tags,
    });

    // Everything that needs an active connection waits for the acceptance.
    const acceptance: ITerraformDependable[] = [];
    if (!this.autoAccepted) {
      acceptance.push(
        new VpcPeeringConnectionAccepterA(this, "accepter", {
          provider: accepter.provider,
          vpcPeeringConnectionId: connection.id,
          autoAccept: true,
          tags,
        }),
      );
    }
    const dependsOn = acceptance.length > 0 ? acceptance : undefined;
    this.connectionId = connection.id;

    // DNS: each side lets its VPC resolve the peer's private DNS names, with its own provider
    // (in a cross-account peering each account may set only its own side's options).
    new VpcPeeringConnectionOptions(this, "dns-requester", {
      provider: requester.provider,
      vpcPeeringConnectionId: connection.id,
      requester: { allowRemoteVpcDnsResolution: true },
      dependsOn,
    });
    new VpcPeeringConnectionOptions(this, "dns-accepter", {
      provider: accepter.provider,
      vpcPeeringConnectionId: connection.id,
      accepter: { allowRemoteVpcDnsResolution: true },
      dependsOn,
    });

    this.routes = addEdgeRoutes(this, requester, accepter, () => ({ vpcPeeringConnectionId: connection.id, dependsOn }));
    // The spoke's private zone answers in the hub VPC too.
    associateAccepterZone(this, requester, accepter);
  }
}
