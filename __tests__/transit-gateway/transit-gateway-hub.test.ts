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
import { Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest"; // types of the matchers jest.setup.js registers
import { addAwsProvider } from "../../src/stacks/aws-provider";
import { LandingZoneStack } from "../../src/stacks/landing-zone-stack";
import { countResources, resourcesOf } from "../../src/testing";
import { TransitGatewayHub, type TransitGatewayEdge, type TransitGatewayHubProps, type TransitGatewayMember } from "../../src/transit-gateway/transit-gateway-hub";

interface MemberOptions {
  readonly accountId: string;
  readonly region?: string;
}

/** management (hub, 111..., 10.120/16), production (222..., 10.130/16), development (333..., 10.110/16) unless overridden. */
function build(
  options: { accounts?: Partial<Record<string, string>>; regions?: Partial<Record<string, string>>; edges?: TransitGatewayEdge[]; awsOrganizationArn?: string } = {},
) {
  const stack = new LandingZoneStack(Testing.app(), "test");
  const defaults: Record<string, MemberOptions & { cidr: string }> = {
    management: { accountId: "111111111111", cidr: "10.120.0.0/16" },
    production: { accountId: "222222222222", cidr: "10.130.0.0/16" },
    development: { accountId: "333333333333", cidr: "10.110.0.0/16" },
  };
  const member = (name: string): TransitGatewayMember => {
    const accountId = options.accounts?.[name] ?? defaults[name].accountId;
    const region = options.regions?.[name] ?? "us-east-1";
    return {
      name,
      cidrBlock: defaults[name].cidr,
      accountId,
      region,
      provider: addAwsProvider(stack, `aws-${name}`, { alias: name, region, accountId, tags: {} }),
      vpcId: `vpc-${name}`,
      subnetIds: [`subnet-${name}-tgw-a`, `subnet-${name}-tgw-b`],
    };
  };
  const props: TransitGatewayHubProps = {
    namePrefix: "acme",
    hub: member("management"),
    spokes: [member("production"), member("development")],
    edges: options.edges ?? [
      { a: "management", b: "production" },
      { a: "management", b: "development" },
    ],
    awsOrganizationArn: options.awsOrganizationArn,
  };
  const hub = new TransitGatewayHub(stack, "transit-gateway", props);
  return { hub, synth: Testing.synth(stack, true), stack };
}

describe("TransitGatewayHub", () => {
  describe("with a spoke per account, shared to each account", () => {
    const { hub, synth } = build();

    it("creates one gateway in the hub's account with default association, propagation and auto-accept off and DNS support on", () => {
      expect(countResources(synth, Ec2TransitGateway)).toBe(1);
      expect(synth).toHaveResourceWithProperties(Ec2TransitGateway, {
        provider: "aws.management",
        auto_accept_shared_attachments: "disable",
        default_route_table_association: "disable",
        default_route_table_propagation: "disable",
        dns_support: "enable",
        tags: { Name: "acme-hub" },
      });
    });

    it("shares the gateway through one RAM share with each spoke account as a principal, and each account accepts with its own provider", () => {
      expect(synth).toHaveResourceWithProperties(RamResourceShare, { provider: "aws.management", name: "acme-transit-gateway", allow_external_principals: true });
      expect(synth).toHaveResourceWithProperties(RamResourceAssociation, {
        resource_arn: "${aws_ec2_transit_gateway.transit-gateway_gateway.arn}",
      });
      expect(Object.values(resourcesOf(synth, RamPrincipalAssociation)).map((p) => p.principal).sort()).toEqual(["222222222222", "333333333333"]);
      expect(Object.values(resourcesOf(synth, RamResourceShareAccepter)).map((a) => a.provider).sort()).toEqual(["aws.development", "aws.production"]);
    });

    it("attaches each VPC from its own account in its attachment subnets, a spoke only after its account accepted the share", () => {
      const attachments = resourcesOf(synth, Ec2TransitGatewayVpcAttachment);
      expect(Object.keys(attachments).sort()).toEqual([
        "transit-gateway_attachment-development",
        "transit-gateway_attachment-management",
        "transit-gateway_attachment-production",
      ]);
      const production = attachments["transit-gateway_attachment-production"];
      expect(production).toMatchObject({ provider: "aws.production", vpc_id: "vpc-production", subnet_ids: ["subnet-production-tgw-a", "subnet-production-tgw-b"], dns_support: "enable" });
      expect(production.depends_on).toEqual(["aws_ram_resource_share_accepter.transit-gateway_share-accepter-222222222222"]);
      // Not settable on an attachment to a gateway shared through RAM; the accepter sets them.
      expect(production.transit_gateway_default_route_table_association).toBeUndefined();
      expect(attachments["transit-gateway_attachment-management"]).toMatchObject({
        provider: "aws.management",
        transit_gateway_default_route_table_association: false,
        transit_gateway_default_route_table_propagation: false,
      });
    });

    it("accepts every other account's attachment in the hub's account, and nothing of its own account", () => {
      const accepters = resourcesOf(synth, Ec2TransitGatewayVpcAttachmentAccepter);
      expect(Object.keys(accepters).sort()).toEqual(["transit-gateway_attachment-accepter-development", "transit-gateway_attachment-accepter-production"]);
      expect(Object.values(accepters).every((a) => a.provider === "aws.management" && a.transit_gateway_default_route_table_association === false)).toBe(true);
    });

    it("gives every member its own route table, associated with its attachment only", () => {
      expect(countResources(synth, Ec2TransitGatewayRouteTable)).toBe(3);
      const associations = resourcesOf(synth, Ec2TransitGatewayRouteTableAssociation);
      expect(associations["transit-gateway_association-production"]).toMatchObject({
        transit_gateway_attachment_id: "${aws_ec2_transit_gateway_vpc_attachment_accepter.transit-gateway_attachment-accepter-production.transit_gateway_attachment_id}",
        transit_gateway_route_table_id: "${aws_ec2_transit_gateway_route_table.transit-gateway_route-table-production.id}",
      });
    });

    it("routes the hub's table to every spoke and each spoke's table to the hub only, keyed by destination", () => {
      const routes = resourcesOf(synth, Ec2TransitGatewayRoute);
      expect(Object.keys(routes).sort()).toEqual([
        "transit-gateway_route-development-to-management",
        "transit-gateway_route-management-to-development",
        "transit-gateway_route-management-to-production",
        "transit-gateway_route-production-to-management",
      ]);
      expect(routes["transit-gateway_route-production-to-management"]).toMatchObject({
        destination_cidr_block: "10.120.0.0/16",
        transit_gateway_route_table_id: "${aws_ec2_transit_gateway_route_table.transit-gateway_route-table-production.id}",
        transit_gateway_attachment_id: "${aws_ec2_transit_gateway_vpc_attachment.transit-gateway_attachment-management.id}",
      });
    });

    it("lists the gateway's routes by the member that owns each table, for the isolation check", () => {
      expect(hub.routes.map((r) => `${r.from}>${r.destinationCidr}`).sort()).toEqual([
        "development>10.120.0.0/16",
        "management>10.110.0.0/16",
        "management>10.130.0.0/16",
        "production>10.120.0.0/16",
      ]);
    });

    it("tells VPC routes to wait for the member's attachment, its acceptance and its association", () => {
      expect(hub.attachmentReady.get("production")!.length).toBe(3);
      expect(hub.attachmentReady.get("management")!.length).toBe(2);
    });
  });

  describe("with an explicit spoke edge", () => {
    const { synth } = build({ edges: [{ a: "management", b: "production" }, { a: "management", b: "development" }, { a: "production", b: "development" }] });

    it("adds routes between the two spokes' tables, both ways", () => {
      const keys = Object.keys(resourcesOf(synth, Ec2TransitGatewayRoute));
      expect(keys).toEqual(expect.arrayContaining(["transit-gateway_route-production-to-development", "transit-gateway_route-development-to-production"]));
      expect(keys).toHaveLength(6);
    });
  });

  describe("shared with an AWS Organization", () => {
    const { synth } = build({ awsOrganizationArn: "arn:aws:organizations::111111111111:organization/o-exampleorg1" });

    it("names the organization as the only principal, keeps the share inside it and accepts no invitation", () => {
      expect(synth).toHaveResourceWithProperties(RamResourceShare, { allow_external_principals: false });
      expect(Object.values(resourcesOf(synth, RamPrincipalAssociation)).map((p) => p.principal)).toEqual([
        "arn:aws:organizations::111111111111:organization/o-exampleorg1",
      ]);
      expect(countResources(synth, RamResourceShareAccepter)).toBe(0);
      expect(resourcesOf(synth, Ec2TransitGatewayVpcAttachment)["transit-gateway_attachment-production"].depends_on).toEqual([
        "aws_ram_resource_association.transit-gateway_share-gateway",
        "aws_ram_principal_association.transit-gateway_share-principal-organization",
      ]);
    });
  });

  describe("with every member in the hub's account", () => {
    const { synth } = build({ accounts: { production: "111111111111", development: "111111111111" } });

    it("shares nothing and accepts nothing", () => {
      expect(countResources(synth, RamResourceShare)).toBe(0);
      expect(countResources(synth, Ec2TransitGatewayVpcAttachmentAccepter)).toBe(0);
    });
  });

  describe("with spokes of one account", () => {
    const { synth } = build({ accounts: { development: "222222222222" } });

    it("invites and accepts once for the account, keyed by its id", () => {
      expect(Object.keys(resourcesOf(synth, RamResourceShareAccepter))).toEqual(["transit-gateway_share-accepter-222222222222"]);
      expect(countResources(synth, RamPrincipalAssociation)).toBe(1);
    });
  });

  describe("with bad props", () => {
    it("refuses a member of another region", () => {
      expect(() => build({ regions: { development: "eu-west-1" } })).toThrow(
        "test/transit-gateway: development is in eu-west-1, the gateway in us-east-1; a Transit Gateway attaches VPCs of its own region only",
      );
    });

    it("refuses an edge to a name that is not a member", () => {
      expect(() => build({ edges: [{ a: "management", b: "staging" }] })).toThrow(/edge management <-> staging names staging, which is not a member/);
    });
  });
});
