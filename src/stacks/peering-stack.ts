/**
 * The `peering` stack: every VPC peering of the organization's peering graph (hub requests,
 * spoke accepts), with one aws provider per environment involved, aliased by environment name
 * and acting in that environment's account and region. The VPC ids, route tables and private
 * zones come from the `<env>` stacks as cdktf cross-stack references, so this stack deploys
 * after them. Its state lives at `peering/peering.tfstate`.
 *
 * With `connectivity: transitGateway` the same graph is carried by one Transit Gateway in the
 * hub's account and region instead (src/transit-gateway): RAM share and acceptance, an attachment
 * per environment, a gateway route table per environment with routes to exactly its peers, and
 * the same VPC routes and zone associations under the same edge ids, targeted at the gateway.
 * It lives here because this stack already has a provider per account and reads the networks of
 * the `<env>` stacks; the `<env>` stacks only gain the attachment subnets, so they keep planning
 * offline.
 *
 * Before synthesis ends it proves isolation: no environment routes to an environment it is
 * not peered with (peering is not transitive), VPC routes and gateway routes alike.
 */
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { Construct } from "constructs";
import { stateKeys } from "../model/naming";
import { environmentByName, type Environment, type Org } from "../model/org";
import { assertIsolation, assertVpnReach, type PlannedRoute, type VpnReach } from "../peering/isolation";
import type { PeeringNetwork } from "../peering/peering-network";
import { VpcPeering, type PeeringSide } from "../peering/vpc-peering";
import { TransitGatewayHub, type TransitGatewayMember } from "../transit-gateway/transit-gateway-hub";
import { TransitGatewayPeering } from "../transit-gateway/transit-gateway-peering";
import { addAwsProvider } from "./aws-provider";
import { LandingZoneStack } from "./landing-zone-stack";
import { addS3Backend } from "./s3-backend";

export interface PeeringStackProps {
  /** The organization: environments, peering edges (org.peerings), state location, tags. */
  readonly org: Org;
  /** Network attributes of every environment that takes part in a peering, by environment name. */
  readonly networks: ReadonlyMap<string, PeeringNetwork>;
}

export class PeeringStack extends LandingZoneStack {
  /** The aws provider of each environment involved, by environment name (also its alias). */
  public readonly providers: ReadonlyMap<string, AwsProvider>;
  /** One VpcPeering per edge, by edge id (`${requester}-${accepter}`); empty with a Transit Gateway. */
  public readonly peerings: ReadonlyMap<string, VpcPeering>;
  /** The Transit Gateway with `connectivity: transitGateway`; undefined with peering. */
  public readonly transitGateway?: TransitGatewayHub;
  /** With a Transit Gateway, the VPC routes and zone association of each edge, by edge id. */
  public readonly transitGatewayPeerings: ReadonlyMap<string, TransitGatewayPeering>;
  /** Every route the stack creates; the isolation check ran over them. */
  public readonly routes: readonly PlannedRoute[];
  /** What each VPN's clients reach, by the VPN's environment; checked against what that environment reaches. */
  public readonly vpnReach: ReadonlyMap<string, VpnReach>;

  constructor(scope: Construct, id: string, props: PeeringStackProps) {
    super(scope, id);
    const { org, networks } = props;
    addS3Backend(this, org.state, stateKeys.peering);

    const involved = new Set(org.peerings.flatMap((e) => [e.requester, e.accepter]));
    const providers = new Map<string, AwsProvider>();
    for (const env of org.environments.filter((e) => involved.has(e.name))) {
      if (!networks.has(env.name)) {
        throw new Error(`${this.node.path}: no network attributes for ${env.name}, which takes part in a peering; pass its EnvironmentStack.network`);
      }
      providers.set(
        env.name,
        addAwsProvider(this, `aws-${env.name}`, {
          alias: env.name,
          region: env.region,
          accountId: env.accountId,
          roleArn: env.deployRoleArn,
          tags: env.tags,
        }),
      );
    }
    this.providers = providers;

    const side = (env: Environment): PeeringSide => ({
      name: env.name,
      cidrBlock: env.cidr,
      accountId: env.accountId,
      region: env.region,
      provider: providers.get(env.name)!,
      network: networks.get(env.name)!,
      // Each environment's flag governs its own public route tables.
      routePublicTables: env.routePublicToPeers,
    });

    const peerings = new Map<string, VpcPeering>();
    const tgwPeerings = new Map<string, TransitGatewayPeering>();
    if (org.connectivity === "transitGateway" && org.transitGateway) {
      const member = (env: Environment): TransitGatewayMember => {
        const network = networks.get(env.name)!;
        if (!network.transitGatewaySubnetIds || network.transitGatewaySubnetIds.length === 0) {
          throw new Error(`${this.node.path}: ${env.name}'s network has no transit-gateway attachment subnets; its model subnets need transitGateway CIDRs`);
        }
        return { name: env.name, cidrBlock: env.cidr, accountId: env.accountId, region: env.region, provider: providers.get(env.name)!, vpcId: network.vpcId, subnetIds: network.transitGatewaySubnetIds };
      };
      const members = org.environments.filter((e) => involved.has(e.name));
      const hub = new TransitGatewayHub(this, "transit-gateway", {
        namePrefix: org.organization,
        hub: member(environmentByName(org, org.transitGateway.hub)),
        spokes: members.filter((e) => e.name !== org.transitGateway!.hub).map(member),
        edges: org.peerings.map((e) => ({ a: e.requester, b: e.accepter })),
        awsOrganizationArn: org.transitGateway.awsOrganizationArn,
      });
      this.transitGateway = hub;
      const attached = (env: Environment) => ({ ...side(env), attachmentReady: hub.attachmentReady.get(env.name)! });
      for (const edge of org.peerings) {
        tgwPeerings.set(
          edge.id,
          new TransitGatewayPeering(this, edge.id, {
            transitGatewayId: hub.transitGatewayId,
            requester: attached(environmentByName(org, edge.requester)),
            accepter: attached(environmentByName(org, edge.accepter)),
          }),
        );
      }
    } else {
      for (const edge of org.peerings) {
        peerings.set(
          edge.id,
          new VpcPeering(this, edge.id, {
            connectionName: `${org.organization}-${edge.requester}-${edge.accepter}`,
            requester: side(environmentByName(org, edge.requester)),
            accepter: side(environmentByName(org, edge.accepter)),
          }),
        );
      }
    }
    this.peerings = peerings;
    this.transitGatewayPeerings = tgwPeerings;
    this.routes = [
      ...[...peerings.values()].flatMap((p) => p.routes),
      ...(this.transitGateway?.routes ?? []),
      ...[...tgwPeerings.values()].flatMap((p) => p.routes),
    ];
    assertIsolation(org, this.routes);
    this.vpnReach = new Map(org.environments.flatMap((env) => (env.vpn ? [[env.name, assertVpnReach(org, this.routes, { environment: env.name, routes: env.vpn.routes })] as const] : [])));
  }
}
