/**
 * The network of one environment. (Skeleton: the network helper completes it.)
 */
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Construct } from "constructs";
import type { AzSubnets, NatMode } from "../model/org";

export interface NetworkProps {
  /** `${organization}-${environment}`: prefix of every Name tag and resource name. */
  readonly namePrefix: string;
  /** Account of the environment (key policies, ARNs). */
  readonly accountId: string;
  /** AWS partition (`aws`, `aws-cn`, `aws-us-gov`). */
  readonly partition: string;
  /** Region of the VPC. */
  readonly region: string;
  /** VPC CIDR. */
  readonly cidrBlock: string;
  /** Per AZ, the subnet CIDRs of each tier (from the model's CIDR plan). */
  readonly subnets: readonly AzSubnets[];
  /** NAT gateways: one per AZ, one shared, or none. */
  readonly natGateways: NatMode;
  /** Give the persistence tier a default route through NAT. */
  readonly persistenceInternetAccess: boolean;
  /** Ports the persistence security group opens to the private tier. */
  readonly dataStorePorts: readonly number[];
  /** Hub environments whose CIDRs may reach the persistence tier on `peeringPorts`. */
  readonly inboundPeers: readonly { readonly name: string; readonly cidr: string }[];
  /** Ports inbound peers may reach on the persistence tier. */
  readonly peeringPorts: readonly number[];
  /** Retention of the flow-log group in days. */
  readonly flowLogRetentionDays: number;
  /** Name of the private hosted zone for internal DNS. */
  readonly internalZoneName: string;
  /** EKS cluster name for subnet discovery tags. @default - no cluster tags */
  readonly clusterName?: string;
}

export class Network extends Construct {
  public readonly vpcId: string;
  public readonly vpcCidrBlock: string;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const vpc = new Vpc(this, "vpc", {
      cidrBlock: props.cidrBlock,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: props.namePrefix },
    });
    this.vpcId = vpc.id;
    this.vpcCidrBlock = vpc.cidrBlock;
  }
}
