/**
 * The network of one environment, after the SleakOps reference layout: a VPC with a public,
 * a private and a persistence subnet per AZ (and, for an EKS cluster, a small control-plane
 * subnet per AZ); an internet gateway; NAT gateways per AZ, single
 * or none; route tables per tier; an emptied default route table and default security group;
 * flow logs; S3 and DynamoDB gateway endpoints; a private Route53 zone; DB and cache subnet
 * groups; the persistence and load-balancer security groups.
 *
 * Route tables: one public table for all public subnets (they share the IGW route); one
 * private and one persistence table per AZ in every NAT mode, so the shape never depends on
 * `natGateways` or `persistenceInternetAccess`: switching either only adds or removes
 * `aws_route`s and never recreates a table or re-associates a subnet, and the peering stack
 * adds its routes to the same tables whatever the mode. Route tables cost nothing.
 * Routes are separate `aws_route` resources (never inline) because the peering stack adds
 * routes to these tables.
 */
import { DefaultRouteTable } from "@cdktf/provider-aws/lib/default-route-table";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet as TfSubnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Construct } from "constructs";
import type { AzSubnets, NatMode, SubnetTier } from "../model/org";
import type { AzRouteTable } from "../peering/peering-network";
import { FlowLogs, flowLogGroupName } from "./flow-logs";
import { GatewayEndpoints } from "./gateway-endpoints";
import { InterfaceEndpoints } from "./interface-endpoints";
import { InternalZone } from "./internal-zone";
import { LogsKmsKey } from "./logs-kms-key";
import { networkAclRules, type AclIngress } from "./network-acl-rules";
import { NetworkAcls } from "./network-acls";
import { planNatGateways, type AzDefaultRoute } from "./nat-placement";
import { perAzId, subnetTags, tierName, type SubnetTagTier } from "./network-names";
import { PersistenceSecurityGroup } from "./persistence-security-group";
import { PersistenceSubnetGroups } from "./persistence-subnet-groups";

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
  /**
   * Per AZ, the subnet CIDRs of each tier (from the model's CIDR plan). With `clusterName`, the
   * `controlPlane` CIDRs, all or none, become the cluster's control-plane subnets. The
   * `transitGateway` CIDRs, all or none, become the Transit Gateway attachment's subnets.
   */
  readonly subnets: readonly AzSubnets[];
  /** NAT gateways: one per AZ, one shared, or none. */
  readonly natGateways: NatMode;
  /** Give the persistence tier a default route through NAT. */
  readonly persistenceInternetAccess: boolean;
  /** Ports the persistence security group opens to the private tier. */
  readonly dataStorePorts: readonly number[];
  /**
   * Hub environments (name and VPC CIDR) whose `dataTierCidrs` may reach the persistence tier on
   * `peeringPorts` (security group and NACL). `dataTierCidrs` @default - the hub's whole VPC CIDR
   */
  readonly inboundPeers: readonly InboundPeer[];
  /** Ports inbound peers may reach on the persistence tier. */
  readonly peeringPorts: readonly number[];
  /** Retention of the flow-log group in days. */
  readonly flowLogRetentionDays: number;
  /** Name of the private hosted zone for internal DNS. */
  readonly internalZoneName: string;
  /** Other CIDRs admitted to the cluster's private API endpoint on TCP 443 (its NACL rules; the cluster's security group has the same). @default [] */
  readonly apiAccessCidrs?: readonly string[];
  /** Every VPC this one is connected with (either side of the peers graph): the Transit Gateway attachment subnets' NACL admits them. @default [] */
  readonly connectedPeers?: readonly { readonly name: string; readonly cidr: string }[];
  /**
   * Extra ingress of the public tier's NACL for a component built outside the network, such as
   * a VPN server's UDP port and admin console (their security group admits the same). @default []
   */
  readonly publicNetworkAclIngress?: readonly AclIngress[];
  /** Accounts whose buckets, tables and APIs the VPC endpoints reach (endpoint policies). @default - [accountId] */
  readonly organizationAccountIds?: readonly string[];
  /** Interface endpoints (`ecr.api`, `sts`, ...) in the private subnets, with private DNS. @default [] */
  readonly interfaceEndpoints?: readonly string[];
  /** EKS cluster name for subnet discovery tags; with it, the control-plane subnets are created. @default - no cluster tags, no control-plane subnets */
  readonly clusterName?: string;
  /** Tag the private subnets `karpenter.sh/discovery: <clusterName>`, for Karpenter's EC2NodeClass. Requires `clusterName`. @default false */
  readonly karpenterDiscovery?: boolean;
  /** `prevent_destroy` on the logs KMS key and the flow-log group. @default true */
  readonly deletionProtection?: boolean;
  /** More log groups (names, `*` allowed) the logs key may encrypt, beyond the flow logs and the cluster's. @default - none */
  readonly extraLogGroupNames?: readonly string[];
}

/** A hub environment admitted to the persistence tier. */
export interface InboundPeer {
  /** Environment name: part of rule ids. */
  readonly name: string;
  /** Its VPC CIDR (the cluster's API admits it on 443). */
  readonly cidr: string;
  /** Ranges of it admitted to the persistence tier on the peering ports. @default - [cidr] */
  readonly dataTierCidrs?: readonly string[];
}

/** The default route of every route table that has one. */
const DEFAULT_ROUTE = "0.0.0.0/0";

export class Network extends Construct {
  /** VPC id. */
  public readonly vpcId: string;
  /** VPC CIDR. */
  public readonly vpcCidrBlock: string;
  /** Public subnet ids, in AZ order. */
  public readonly publicSubnetIds: string[];
  /** Private subnet ids (EKS nodes and pods), in AZ order. */
  public readonly privateSubnetIds: string[];
  /** Persistence subnet ids (data stores), in AZ order. */
  public readonly persistenceSubnetIds: string[];
  /** The EKS control plane's dedicated subnet ids (its `vpc_config`), in AZ order; empty without a cluster. */
  public readonly controlPlaneSubnetIds: string[];
  /** The Transit Gateway attachment's dedicated subnet ids, in AZ order; empty unless `subnets` give `transitGateway` CIDRs. */
  public readonly transitGatewaySubnetIds: string[];
  /** The route table of the attachment subnets (local routes only); undefined without them. */
  public readonly transitGatewayRouteTableId?: string;
  /** The public route table (one, shared by every public subnet). */
  public readonly publicRouteTableIds: string[];
  /** Private route tables, one per AZ, in AZ order. */
  public readonly privateRouteTableIds: string[];
  /** Persistence route tables, one per AZ, in AZ order. */
  public readonly persistenceRouteTableIds: string[];
  /** The public route table, shared by every public subnet. */
  public readonly publicRouteTableId: string;
  /** Private route tables with the suffix of their AZ: what ids of routes into them are keyed by. */
  public readonly privateRouteTables: AzRouteTable[];
  /** Persistence route tables with the suffix of their AZ. */
  public readonly persistenceRouteTables: AzRouteTable[];
  /** Id of the private hosted zone `internalZoneName`. */
  public readonly internalZoneId: string;
  /** Security group of the data stores in the persistence tier. */
  public readonly persistenceSecurityGroupId: string;
  /** ARN of the customer-managed KMS key for the environment's CloudWatch log groups. */
  public readonly logsKmsKeyArn: string;
  /** Name of the log group the VPC's flow logs go to. */
  public readonly flowLogGroupName: string;
  /** NAT gateway ids, in the order of the AZs that host one (empty with `natGateways: none`). */
  public readonly natGatewayIds: string[];
  /** Name of the RDS DB subnet group over the persistence tier. */
  public readonly dbSubnetGroupName: string;
  /** Name of the ElastiCache subnet group over the persistence tier. */
  public readonly cacheSubnetGroupName: string;
  /** The internet gateway: what needs the VPC attached to the internet (an Elastic IP association) depends on it. */
  public readonly internetGateway: InternetGateway;
  /** Network ACL id of each tier that has subnets (`public`, `private` with the control-plane subnets, `persistence`, `transit-gateway`). */
  public readonly networkAclIds: NetworkAcls["networkAclIds"];

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const prefix = props.namePrefix;
    const azSuffixes = props.subnets.map((s) => s.azSuffix);
    const natPlan = planNatGateways(azSuffixes, props.natGateways, props.persistenceInternetAccess);

    const vpc = new Vpc(this, "vpc", {
      cidrBlock: props.cidrBlock,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: prefix },
    });
    this.vpcId = vpc.id;
    this.vpcCidrBlock = vpc.cidrBlock;

    // Adopt the VPC's default route table and default security group and keep them empty
    // (CKV2_AWS_12, CIS AWS 5.5): nothing is associated with them, so nothing may rely on them.
    new DefaultRouteTable(this, "default-route-table", {
      defaultRouteTableId: vpc.defaultRouteTableId,
      route: [],
      tags: { Name: tierName(prefix, "default") },
    });
    new DefaultSecurityGroup(this, "default-security-group", {
      vpcId: vpc.id,
      ingress: [],
      egress: [],
      tags: { Name: tierName(prefix, "default") },
    });

    const igw = new InternetGateway(this, "internet-gateway", { vpcId: vpc.id, tags: { Name: prefix } });
    this.internetGateway = igw;

    const subnet = (az: AzSubnets, tier: SubnetTagTier, cidrBlock: string, clusterName?: string) =>
      new TfSubnet(this, perAzId(`${tier}-subnet`, az.azSuffix), {
        vpcId: vpc.id,
        cidrBlock,
        availabilityZone: az.az,
        // CKV_AWS_130: no public IPs on launch, public tier included (NAT gateways and
        // load balancers get their addresses explicitly).
        mapPublicIpOnLaunch: false,
        tags: subnetTags({ namePrefix: prefix, tier, azSuffix: az.azSuffix, clusterName, karpenterDiscovery: props.karpenterDiscovery }),
      });
    const subnetsOf = (tier: SubnetTier) => props.subnets.map((az) => subnet(az, tier, az[tier], props.clusterName));
    const publicSubnets = subnetsOf("public");
    const privateSubnets = subnetsOf("private");
    const persistenceSubnets = subnetsOf("persistence");
    this.publicSubnetIds = publicSubnets.map((s) => s.id);
    this.privateSubnetIds = privateSubnets.map((s) => s.id);
    this.persistenceSubnetIds = persistenceSubnets.map((s) => s.id);

    // The cluster's control-plane subnets: only its cross-account network interfaces live there,
    // so the addresses the API server calls webhooks from are known to be these few.
    const controlPlaneCidrs = props.subnets.flatMap((az) => (az.controlPlane === undefined ? [] : [az.controlPlane]));
    if (controlPlaneCidrs.length > 0 && controlPlaneCidrs.length < props.subnets.length) {
      throw new Error(`${this.node.path}: ${controlPlaneCidrs.length} of ${props.subnets.length} AZs have a controlPlane CIDR; give every AZ one, or none`);
    }
    const controlPlaneSubnets =
      props.clusterName === undefined || controlPlaneCidrs.length === 0
        ? []
        : props.subnets.map((az) => subnet(az, "control-plane", az.controlPlane!));
    this.controlPlaneSubnetIds = controlPlaneSubnets.map((s) => s.id);

    // The Transit Gateway attachment's subnets (AWS's advice for attachments: a separate small
    // subnet, "for example /28", per AZ, one route table for all of them;
    // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-best-design-practices.html). Traffic from the gateway to this VPC
    // only needs the table's local route; each workload tier's own table routes back to the gateway.
    const transitGatewayCidrs = props.subnets.flatMap((az) => (az.transitGateway === undefined ? [] : [az.transitGateway]));
    if (transitGatewayCidrs.length > 0 && transitGatewayCidrs.length < props.subnets.length) {
      throw new Error(`${this.node.path}: ${transitGatewayCidrs.length} of ${props.subnets.length} AZs have a transitGateway CIDR; give every AZ one, or none`);
    }
    const transitGatewaySubnets = transitGatewayCidrs.length === 0 ? [] : props.subnets.map((az) => subnet(az, "transit-gateway", az.transitGateway!));
    this.transitGatewaySubnetIds = transitGatewaySubnets.map((s) => s.id);
    if (transitGatewaySubnets.length > 0) {
      const table = new RouteTable(this, "transit-gateway-route-table", {
        vpcId: vpc.id,
        tags: { Name: tierName(prefix, "transit-gateway") },
      });
      transitGatewaySubnets.forEach((subnet, i) => {
        new RouteTableAssociation(this, perAzId("transit-gateway-route-table-association", azSuffixes[i]), {
          subnetId: subnet.id,
          routeTableId: table.id,
        });
      });
      this.transitGatewayRouteTableId = table.id;
    }

    // NAT gateways, each with its own EIP, in the public subnet of the AZ the plan names.
    const natByAz = new Map<string, NatGateway>();
    for (const azSuffix of natPlan.gatewayAzSuffixes) {
      const index = azSuffixes.indexOf(azSuffix);
      const eip = new Eip(this, perAzId("nat-eip", azSuffix), {
        domain: "vpc",
        tags: { Name: tierName(prefix, "nat", azSuffix) },
        dependsOn: [igw],
      });
      natByAz.set(
        azSuffix,
        new NatGateway(this, perAzId("nat-gateway", azSuffix), {
          allocationId: eip.allocationId,
          subnetId: publicSubnets[index].id,
          connectivityType: "public",
          tags: { Name: tierName(prefix, "nat", azSuffix) },
          dependsOn: [igw],
        }),
      );
    }
    this.natGatewayIds = natPlan.gatewayAzSuffixes.map((az) => natByAz.get(az)!.id);

    // Public: one table, default route to the IGW.
    const publicRouteTable = new RouteTable(this, "public-route-table", {
      vpcId: vpc.id,
      tags: { Name: tierName(prefix, "public") },
    });
    new Route(this, "public-default-route", {
      routeTableId: publicRouteTable.id,
      destinationCidrBlock: DEFAULT_ROUTE,
      gatewayId: igw.id,
    });
    publicSubnets.forEach((subnet, i) => {
      new RouteTableAssociation(this, perAzId("public-route-table-association", azSuffixes[i]), {
        subnetId: subnet.id,
        routeTableId: publicRouteTable.id,
      });
    });
    this.publicRouteTableId = publicRouteTable.id;
    this.publicRouteTableIds = [publicRouteTable.id];

    // Private and persistence: one table per AZ, default route as the NAT plan says.
    const perAzTables = (tier: SubnetTier, subnets: TfSubnet[], routes: readonly AzDefaultRoute[]) =>
      routes.map((route, i) => {
        const table = new RouteTable(this, perAzId(`${tier}-route-table`, route.azSuffix), {
          vpcId: vpc.id,
          tags: { Name: tierName(prefix, tier, route.azSuffix) },
        });
        new RouteTableAssociation(this, perAzId(`${tier}-route-table-association`, route.azSuffix), {
          subnetId: subnets[i].id,
          routeTableId: table.id,
        });
        if (route.natAzSuffix !== undefined) {
          new Route(this, perAzId(`${tier}-default-route`, route.azSuffix), {
            routeTableId: table.id,
            destinationCidrBlock: DEFAULT_ROUTE,
            natGatewayId: natByAz.get(route.natAzSuffix)!.id,
          });
        }
        return table;
      });
    const privateRouteTables = perAzTables("private", privateSubnets, natPlan.privateRoutes);
    this.privateRouteTableIds = privateRouteTables.map((t) => t.id);
    this.privateRouteTables = privateRouteTables.map((t, i) => ({ azSuffix: azSuffixes[i], routeTableId: t.id }));
    // Control-plane subnets share their AZ's private route table rather than getting their own:
    // the peering stack adds its routes to the private tables, so replies from the private API
    // endpoint to a peered hub find the peering without a table of their own; the NAT route
    // comes along but nothing there needs the internet. It also keeps the peering's route
    // count and isolation check unchanged.
    controlPlaneSubnets.forEach((subnet, i) => {
      new RouteTableAssociation(this, perAzId("control-plane-route-table-association", azSuffixes[i]), {
        subnetId: subnet.id,
        routeTableId: privateRouteTables[i].id,
      });
    });
    const persistenceRouteTables = perAzTables("persistence", persistenceSubnets, natPlan.persistenceRoutes);
    this.persistenceRouteTableIds = persistenceRouteTables.map((t) => t.id);
    this.persistenceRouteTables = persistenceRouteTables.map((t, i) => ({ azSuffix: azSuffixes[i], routeTableId: t.id }));

    const organizationAccountIds = props.organizationAccountIds ?? [props.accountId];
    new GatewayEndpoints(this, "gateway-endpoints", {
      namePrefix: prefix,
      vpcId: vpc.id,
      region: props.region,
      partition: props.partition,
      organizationAccountIds,
      routeTableIds: [...this.privateRouteTableIds, ...this.persistenceRouteTableIds],
    });

    if ((props.interfaceEndpoints ?? []).length > 0) {
      new InterfaceEndpoints(this, "interface-endpoints", {
        namePrefix: prefix,
        vpcId: vpc.id,
        vpcCidrBlock: props.cidrBlock,
        region: props.region,
        partition: props.partition,
        services: props.interfaceEndpoints!,
        subnetIds: this.privateSubnetIds,
        organizationAccountIds,
      });
    }

    const logsKey = new LogsKmsKey(this, "logs-kms-key", {
      namePrefix: prefix,
      accountId: props.accountId,
      partition: props.partition,
      region: props.region,
      // Flow logs, and the cluster's control-plane log group when there is a cluster.
      logGroupNames: [flowLogGroupName(prefix), ...(props.clusterName ? [`/aws/eks/${props.clusterName}/cluster`] : []), ...(props.extraLogGroupNames ?? [])],
      deletionProtection: props.deletionProtection,
    });
    this.logsKmsKeyArn = logsKey.keyArn;
    this.flowLogGroupName = new FlowLogs(this, "flow-logs", {
      namePrefix: prefix,
      vpcId: vpc.id,
      accountId: props.accountId,
      partition: props.partition,
      region: props.region,
      retentionDays: props.flowLogRetentionDays,
      kmsKeyArn: logsKey.keyArn,
      deletionProtection: props.deletionProtection,
    }).logGroupName;

    this.internalZoneId = new InternalZone(this, "internal-zone", {
      zoneName: props.internalZoneName,
      vpcId: vpc.id,
      namePrefix: prefix,
    }).zoneId;

    const subnetGroups = new PersistenceSubnetGroups(this, "persistence-subnet-groups", {
      namePrefix: prefix,
      subnetIds: this.persistenceSubnetIds,
    });
    this.dbSubnetGroupName = subnetGroups.dbSubnetGroupName;
    this.cacheSubnetGroupName = subnetGroups.cacheSubnetGroupName;

    const privateRuleSubnets = props.subnets.map((az) => ({ azSuffix: az.azSuffix, cidr: az.private }));
    const dataTierPeers = props.inboundPeers.map((peer) => ({ name: peer.name, cidrs: peer.dataTierCidrs ?? [peer.cidr] }));
    this.persistenceSecurityGroupId = new PersistenceSecurityGroup(this, "persistence-security-group", {
      namePrefix: prefix,
      vpcId: vpc.id,
      privateSubnets: privateRuleSubnets,
      dataStorePorts: props.dataStorePorts,
      inboundPeers: dataTierPeers,
      peeringPorts: props.peeringPorts,
    }).securityGroupId;

    const aclSubnets = (subnets: TfSubnet[], kind: string) => subnets.map((s, i) => ({ azSuffix: azSuffixes[i], subnetId: s.id, kind }));
    this.networkAclIds = new NetworkAcls(this, "network-acl", {
      namePrefix: prefix,
      vpcId: vpc.id,
      defaultNetworkAclId: vpc.defaultNetworkAclId,
      rules: networkAclRules({
        vpcCidr: props.cidrBlock,
        privateSubnets: privateRuleSubnets,
        dataStorePorts: props.dataStorePorts,
        dataTierPeers,
        peeringPorts: props.peeringPorts,
        apiPeers: props.clusterName === undefined ? [] : props.inboundPeers.map((p) => ({ name: p.name, cidr: p.cidr })),
        apiAccessCidrs: props.clusterName === undefined ? [] : (props.apiAccessCidrs ?? []),
        connectedPeers: props.connectedPeers ?? [],
        persistenceInternetAccess: props.persistenceInternetAccess,
        publicIngress: props.publicNetworkAclIngress ?? [],
      }),
      tiers: [
        { tier: "public", subnets: aclSubnets(publicSubnets, "public") },
        { tier: "private", subnets: [...aclSubnets(privateSubnets, "private"), ...aclSubnets(controlPlaneSubnets, "control-plane")] },
        { tier: "persistence", subnets: aclSubnets(persistenceSubnets, "persistence") },
        { tier: "transit-gateway", subnets: aclSubnets(transitGatewaySubnets, "transit-gateway") },
      ],
    }).networkAclIds;
  }
}
