/**
 * What the peering stack needs to know about one environment's network. The `<env>` stack's
 * Network provides it with tokens; cdktf turns them into cross-stack references (remote state
 * in S3). The VPC CIDR is not here on purpose: routes use the model's CIDR, a plain string, so
 * the isolation check can reason about it at synth time (the VPC is created with that CIDR).
 */
export interface PeeringNetwork {
  /** VPC id. */
  readonly vpcId: string;
  /** Private route tables, one per AZ, each with the AZ's suffix (a shared table may appear under several AZs). */
  readonly privateRouteTables: readonly AzRouteTable[];
  /** Persistence route tables, one per AZ, each with the AZ's suffix. */
  readonly persistenceRouteTables: readonly AzRouteTable[];
  /** The public route table, shared by every public subnet; routed to peers only when the environment asks. */
  readonly publicRouteTableId: string;
  /** Id of the environment's private hosted zone (`<env>.<internalDomain>`). */
  readonly internalZoneId: string;
  /** The Transit Gateway attachment's subnets, one per AZ; empty when the environment has none (peering mode). @default - none */
  readonly transitGatewaySubnetIds?: readonly string[];
}

/** A route table of one AZ. */
export interface AzRouteTable {
  /** Suffix of the AZ's name (`a` of `us-east-1a`): the table's identity in construct ids. */
  readonly azSuffix: string;
  /** Route table id. */
  readonly routeTableId: string;
}
