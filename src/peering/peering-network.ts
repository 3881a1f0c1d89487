/**
 * What the peering stack needs to know about one environment's network. The `<env>` stack's
 * Network provides it with tokens; cdktf turns them into cross-stack references (remote state
 * in S3). The VPC CIDR is not here on purpose: routes use the model's CIDR, a plain string, so
 * the isolation check can reason about it at synth time (the VPC is created with that CIDR).
 */
export interface PeeringNetwork {
  /** VPC id. */
  readonly vpcId: string;
  /** Private route tables, in AZ order (a shared table may appear once or repeated). */
  readonly privateRouteTableIds: readonly string[];
  /** Persistence route tables, in AZ order. */
  readonly persistenceRouteTableIds: readonly string[];
  /** Public route tables, in AZ order; routed to peers only when the environment asks. */
  readonly publicRouteTableIds: readonly string[];
  /** Id of the environment's private hosted zone (`<env>.<internalDomain>`). */
  readonly internalZoneId: string;
}
