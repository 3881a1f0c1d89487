/**
 * The private Route53 zone of an environment's internal DNS (`<env>.<internalDomain>`),
 * associated with its VPC.
 */
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { Construct } from "constructs";

export interface InternalZoneProps {
  /** Zone name, e.g. `production.acme.internal`. */
  readonly zoneName: string;
  /** The environment's VPC, associated at creation. */
  readonly vpcId: string;
  /** `${organization}-${environment}`, for the comment and Name tag. */
  readonly namePrefix: string;
}

export class InternalZone extends Construct {
  /** Hosted zone id. */
  public readonly zoneId: string;
  /** Hosted zone ARN (for IAM policies scoped to the zone). */
  public readonly zoneArn: string;

  constructor(scope: Construct, id: string, props: InternalZoneProps) {
    super(scope, id);
    const zone = new Route53Zone(this, "zone", {
      name: props.zoneName,
      comment: `Internal DNS of ${props.namePrefix}`,
      vpc: [{ vpcId: props.vpcId }],
      // The peering stack associates hub VPCs with aws_route53_zone_association resources;
      // without this the zone's inline `vpc` list would remove them on the next apply
      // (the provider's documented way to mix the two).
      lifecycle: { ignoreChanges: ["vpc"] },
      tags: { Name: `${props.namePrefix}-internal` },
    });
    this.zoneId = zone.zoneId;
    this.zoneArn = zone.arn;
  }
}
