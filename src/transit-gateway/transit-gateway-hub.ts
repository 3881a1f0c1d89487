/**
 * One Transit Gateway in the hub's account and region, the VPC attachments of every member
 * environment, and isolation by route tables: each attachment is associated with a route table of
 * its own, and that table holds a static route to exactly the environments its owner may reach.
 * Nothing is propagated and the gateway's default association and propagation are off, so a new
 * attachment reaches nothing until a route says so.
 *
 * Sharing across accounts goes through AWS RAM: one resource share in the hub's account, with the
 * organization as principal (no invitations, RAM sharing with AWS Organizations enabled) or each
 * other account as principal (each accepts the invitation with its own provider). Attachments from
 * other accounts wait for acceptance by the hub's account (`auto_accept_shared_attachments` stays
 * off, AWS Config EC2_TRANSIT_GATEWAY_AUTO_VPC_ATTACH_DISABLED).
 *
 * Construct ids are keyed by environment name (attachments, tables, routes `route-<from>-to-<to>`)
 * and account id (principals, accepters), never by position.
 */
import { Ec2TransitGateway } from "@cdktf/provider-aws/lib/ec2-transit-gateway";
import { Ec2TransitGatewayRoute } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route";
import { Ec2TransitGatewayRouteTable } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route-table";
import { Ec2TransitGatewayRouteTableAssociation } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association";
import { Ec2TransitGatewayVpcAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment";
import { Ec2TransitGatewayVpcAttachmentAccepter } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment-accepter";
import { RamPrincipalAssociation } from "@cdktf/provider-aws/lib/ram-principal-association";
import { RamResourceAssociation } from "@cdktf/provider-aws/lib/ram-resource-association";
import { RamResourceShare } from "@cdktf/provider-aws/lib/ram-resource-share";
import { RamResourceShareAccepter } from "@cdktf/provider-aws/lib/ram-resource-share-accepter";
import type { ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { overlaps } from "../model/cidr";
import type { PlannedRoute } from "../peering/isolation";

/** One VPC attached to the gateway. */
export interface TransitGatewayMember {
  /** Environment name: the key of its attachment, route table and routes. */
  readonly name: string;
  /** The VPC's CIDR; the static routes of the members that reach it point there. */
  readonly cidrBlock: string;
  /** Account that owns the VPC. */
  readonly accountId: string;
  /** Region of the VPC; must be the hub's (attachments are regional). */
  readonly region: string;
  /** The aws provider acting in this member's account and region. */
  readonly provider: TerraformProvider;
  /** VPC id. */
  readonly vpcId: string;
  /** The attachment's dedicated subnets, one per AZ of the VPC (AWS advises a /28 each). */
  readonly subnetIds: readonly string[];
}

/** Two members that reach each other (an edge of the peering graph). */
export interface TransitGatewayEdge {
  /** Name of one member. */
  readonly a: string;
  /** Name of the other member. */
  readonly b: string;
}

export interface TransitGatewayHubProps {
  /** Prefix of Name tags and of the resource share's name, e.g. the organization's name. */
  readonly namePrefix: string;
  /** The member whose account and region own the gateway, its route tables and the resource share. */
  readonly hub: TransitGatewayMember;
  /** The other members; each is attached from its own account. */
  readonly spokes: readonly TransitGatewayMember[];
  /** Who reaches whom, both ways; a member reaches nothing else. Every name must be a member. */
  readonly edges: readonly TransitGatewayEdge[];
  /**
   * Share the gateway with this AWS Organization instead of with each other account (requires RAM
   * sharing with AWS Organizations enabled; no invitations to accept).
   * @default - each other account is a principal of the share and accepts its invitation
   */
  readonly awsOrganizationArn?: string;
}

export class TransitGatewayHub extends Construct {
  /** Id of the Transit Gateway. */
  public readonly transitGatewayId: string;
  /** Per member, what a VPC route through the gateway must wait for: its attachment, accepted and associated. */
  public readonly attachmentReady: ReadonlyMap<string, readonly ITerraformDependable[]>;
  /** Every static route of the gateway's route tables, as a route of the member whose attachment the table is associated with, for the isolation check. */
  public readonly routes: readonly PlannedRoute[];

  constructor(scope: Construct, id: string, props: TransitGatewayHubProps) {
    super(scope, id);
    const { hub, spokes } = props;
    const members = [hub, ...spokes];
    const byName = new Map(members.map((m) => [m.name, m]));
    if (byName.size !== members.length) throw new Error(`${this.node.path}: member names must be unique, got ${members.map((m) => m.name).join(", ")}`);
    for (const m of spokes) {
      if (m.region !== hub.region) {
        throw new Error(`${this.node.path}: ${m.name} is in ${m.region}, the gateway in ${hub.region}; a Transit Gateway attaches VPCs of its own region only`);
      }
    }
    for (const edge of props.edges) {
      for (const end of [edge.a, edge.b]) {
        if (!byName.has(end)) throw new Error(`${this.node.path}: edge ${edge.a} <-> ${edge.b} names ${end}, which is not a member (${[...byName.keys()].join(", ")})`);
      }
      const [a, b] = [byName.get(edge.a)!, byName.get(edge.b)!];
      if (a === b) throw new Error(`${this.node.path}: ${a.name} cannot reach itself through the gateway`);
      if (overlaps(a.cidrBlock, b.cidrBlock)) {
        throw new Error(`${this.node.path}: ${a.name} (${a.cidrBlock}) and ${b.name} (${b.cidrBlock}) overlap; a route table cannot route both, give one of them another range`);
      }
    }

    const gateway = new Ec2TransitGateway(this, "gateway", {
      provider: hub.provider,
      description: `${props.namePrefix}: hub of the environments' peering graph`,
      // Attachments from other accounts wait for the hub's acceptance (AWS Config
      // EC2_TRANSIT_GATEWAY_AUTO_VPC_ATTACH_DISABLED); same-account ones need none.
      autoAcceptSharedAttachments: "disable",
      // No default table: an attachment reaches nothing until its own table says so.
      defaultRouteTableAssociation: "disable",
      defaultRouteTablePropagation: "disable",
      dnsSupport: "enable",
      tags: { Name: `${props.namePrefix}-hub` },
    });
    this.transitGatewayId = gateway.id;

    // RAM: shared only when a member lives in another account.
    const otherAccounts = [...new Set(spokes.map((m) => m.accountId).filter((a) => a !== hub.accountId))];
    const shareReady = new Map<string, ITerraformDependable[]>();
    if (otherAccounts.length > 0) {
      const share = new RamResourceShare(this, "share", {
        provider: hub.provider,
        name: `${props.namePrefix}-transit-gateway`,
        // Outside an organization share, accounts are invited and must accept.
        allowExternalPrincipals: props.awsOrganizationArn === undefined,
        tags: { Name: `${props.namePrefix}-transit-gateway` },
      });
      const resource = new RamResourceAssociation(this, "share-gateway", {
        provider: hub.provider,
        resourceArn: gateway.arn,
        resourceShareArn: share.arn,
      });
      if (props.awsOrganizationArn !== undefined) {
        const principal = new RamPrincipalAssociation(this, "share-principal-organization", {
          provider: hub.provider,
          principal: props.awsOrganizationArn,
          resourceShareArn: share.arn,
        });
        for (const account of otherAccounts) shareReady.set(account, [resource, principal]);
      } else {
        for (const account of otherAccounts) {
          const principal = new RamPrincipalAssociation(this, `share-principal-${account}`, {
            provider: hub.provider,
            principal: account,
            resourceShareArn: share.arn,
          });
          // The first member of the account (in props order) accepts for all of its members.
          const accepter = new RamResourceShareAccepter(this, `share-accepter-${account}`, {
            provider: spokes.find((m) => m.accountId === account)!.provider,
            shareArn: share.arn,
            dependsOn: [principal, resource],
          });
          shareReady.set(account, [accepter]);
        }
      }
    }

    // Per member: attachment (accepted by the hub when it comes from another account), route table, association.
    const attachmentIds = new Map<string, string>();
    const tables = new Map<string, Ec2TransitGatewayRouteTable>();
    const ready = new Map<string, ITerraformDependable[]>();
    for (const m of members) {
      const sameAccount = m.accountId === hub.accountId;
      const name = `${props.namePrefix}-${m.name}`;
      const attachment = new Ec2TransitGatewayVpcAttachment(this, `attachment-${m.name}`, {
        provider: m.provider,
        transitGatewayId: gateway.id,
        vpcId: m.vpcId,
        subnetIds: [...m.subnetIds],
        dnsSupport: "enable",
        // The provider cannot set these on an attachment to a gateway shared through RAM; the
        // accepter sets them instead. The gateway's defaults are off either way.
        transitGatewayDefaultRouteTableAssociation: sameAccount ? false : undefined,
        transitGatewayDefaultRouteTablePropagation: sameAccount ? false : undefined,
        dependsOn: sameAccount ? undefined : shareReady.get(m.accountId),
        tags: { Name: name },
      });
      let attachmentId = attachment.id;
      const waits: ITerraformDependable[] = [attachment];
      if (!sameAccount) {
        const accepter = new Ec2TransitGatewayVpcAttachmentAccepter(this, `attachment-accepter-${m.name}`, {
          provider: hub.provider,
          transitGatewayAttachmentId: attachment.id,
          transitGatewayDefaultRouteTableAssociation: false,
          transitGatewayDefaultRouteTablePropagation: false,
          tags: { Name: name },
        });
        attachmentId = accepter.transitGatewayAttachmentId;
        waits.push(accepter);
      }
      attachmentIds.set(m.name, attachmentId);
      const table = new Ec2TransitGatewayRouteTable(this, `route-table-${m.name}`, {
        provider: hub.provider,
        transitGatewayId: gateway.id,
        tags: { Name: name },
      });
      tables.set(m.name, table);
      waits.push(
        new Ec2TransitGatewayRouteTableAssociation(this, `association-${m.name}`, {
          provider: hub.provider,
          transitGatewayAttachmentId: attachmentId,
          transitGatewayRouteTableId: table.id,
        }),
      );
      ready.set(m.name, waits);
    }
    this.attachmentReady = ready;

    // Static routes, both ways per edge: table of `from` -> CIDR of `to` via `to`'s attachment.
    // Each table is associated with its owner's attachment only, so its routes are its owner's.
    const routes: PlannedRoute[] = [];
    const addRoute = (from: TransitGatewayMember, to: TransitGatewayMember) => {
      const route = new Ec2TransitGatewayRoute(this, `route-${from.name}-to-${to.name}`, {
        provider: hub.provider,
        transitGatewayRouteTableId: tables.get(from.name)!.id,
        destinationCidrBlock: to.cidrBlock,
        transitGatewayAttachmentId: attachmentIds.get(to.name)!,
      });
      routes.push({ from: from.name, destinationCidr: to.cidrBlock, path: route.node.path });
    };
    for (const edge of props.edges) {
      addRoute(byName.get(edge.a)!, byName.get(edge.b)!);
      addRoute(byName.get(edge.b)!, byName.get(edge.a)!);
    }
    this.routes = routes;
  }
}
