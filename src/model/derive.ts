/**
 * Turns a valid environments file into the Org model: CIDR plan, names, accounts, roles,
 * peering graph. Runs only after the schema and every rule passed. No constructs.
 */
import { deriveNodeAutoscaling } from "../addons/karpenter/model";
import { deriveNodeEgress } from "./node-security-group";
import { azSuffix, deployRoleArn, partitionOf, roleNames, stateNames } from "./naming";
import type { AzSubnets, Environment, ModelWarning, Org, PeeringEdge } from "./org";
import type { Warning } from "./rules";
import type { EnvironmentsFile, EnvironmentSpec } from "./schema";
import { plannedControlPlaneSubnet, plannedSubnet, plannedTransitGatewaySubnet } from "./subnet-plan";
import { connectedEnvironments, hubCandidates } from "./connectivity";
import { formatPath } from "./problems";
import { deriveAlerts } from "../observability/model";
import { externalDnsOwnership } from "../addons/external-dns/ownership";
import type { EnvironmentVpn } from "../vpn/model";
import { admittedHubCidr, planVpn } from "../vpn/vpn-plan";
import { planStateAccess } from "./state-access";
import { dataTierClientCidrs, deriveNetworkAccess } from "./network-access";

/** Derives the Org model; the result is deeply frozen. */
export function deriveOrg(file: EnvironmentsFile, warnings: readonly Warning[]): Org {
  const peerings = derivePeerings(file);
  // Transit Gateway mode: the rules checked there is one hub and every connected environment has attachment slots.
  const attached = new Set(file.connectivity === "transitGateway" ? connectedEnvironments(file) : []);
  const dnsOwnership = externalDnsOwnership(file);
  const vpns = new Map(Object.keys(file.environments).map((name) => [name, deriveVpn(file, name, peerings, attached.has(name))]));
  const environments = Object.entries(file.environments).map(([name, spec]) =>
    deriveEnvironment(file, name, spec, peerings, attached.has(name), dnsOwnership, vpns),
  );
  const stateAccount = file.state.accountId;
  const names = stateNames(file.organization, file.state.bucket);
  const org: Org = {
    organization: file.organization,
    region: file.region,
    state: {
      bucket: file.state.bucket,
      region: file.state.region,
      locking: file.state.locking,
      lockTable: file.state.locking === "dynamodb" ? names.lockTable : undefined,
      accountId: stateAccount,
      roleArn:
        file.state.roleArn ??
        (stateAccount ? deployRoleArn(partitionOf(file.state.region), stateAccount, file.deployRoleName) : undefined),
      kmsAlias: names.kmsAlias,
      accessLogBucket: names.accessLogBucket,
      noncurrentVersionDays: file.state.noncurrentVersionDays,
      ownState: file.state.ownState,
      isolation: file.state.isolation,
      stackAccess: planStateAccess(file).access,
      breakGlassPrincipal: file.state.breakGlassPrincipal,
    },
    dns: {
      ...file.dns,
      publicZoneRoleArn: file.dns.publicZoneAccountId
        ? deployRoleArn(partitionOf(file.region), file.dns.publicZoneAccountId, file.deployRoleName)
        : undefined,
    },
    environments,
    peerings,
    connectivity: file.connectivity,
    transitGateway:
      attached.size > 0 ? { hub: hubCandidates(file)[0], ...(file.awsOrganizationArn ? { awsOrganizationArn: file.awsOrganizationArn } : {}) } : undefined,
    // User tags first: organization and managed-by cannot be overridden.
    tags: { ...file.tags, organization: file.organization, "managed-by": "cdktf" },
    warnings: warnings.map(
      (w): ModelWarning => ({
        path: formatPath(w.path),
        message: w.message,
        stack: w.stack,
      }),
    ),
  };
  return deepFreeze(org);
}

/** Each declared `peers` entry is one edge; the listed peer (the hub) requests, the declaring environment accepts. */
function derivePeerings(file: EnvironmentsFile): PeeringEdge[] {
  const edges: PeeringEdge[] = [];
  for (const [name, env] of Object.entries(file.environments)) {
    for (const peer of env.peers) {
      const requester = file.environments[peer];
      edges.push({
        id: `${peer}-${name}`,
        requester: peer,
        accepter: name,
        crossAccount: requester.accountId !== env.accountId,
        crossRegion: (requester.region ?? file.region) !== (env.region ?? file.region),
      });
    }
  }
  return edges;
}

/** Peers of `name` in the peering graph's order, either side having declared the edge. */
function peersOf(peerings: readonly PeeringEdge[], name: string): string[] {
  return peerings.flatMap((e) => (e.requester === name ? [e.accepter] : e.accepter === name ? [e.requester] : []));
}

/** The VPN of environment `name`, when its file entry has a vpn block. */
function deriveVpn(file: EnvironmentsFile, name: string, peerings: readonly PeeringEdge[], attached: boolean): EnvironmentVpn | undefined {
  const spec = file.environments[name];
  if (!spec.vpn) return undefined;
  return planVpn({
    prefix: `${file.organization}-${name}`,
    accountId: spec.accountId,
    vpcCidr: spec.cidr,
    internalZoneName: `${name}.${file.dns.internalDomain}`,
    subnets: deriveSubnets(spec, spec.region ?? file.region, attached),
    peers: peersOf(peerings, name).map((peer) => ({ cidr: file.environments[peer].cidr, internalZoneName: `${peer}.${file.dns.internalDomain}` })),
    spec: spec.vpn,
  });
}

/**
 * The subnets of every AZ. The plan is keyed by the AZ's letter (its suffix), never its place
 * in `azs`; explicit `subnets` lists are in `azs` order. The rules checked that every AZ the plan
 * serves has a slot for its letter (control plane included) and that the lists have one CIDR per AZ.
 */
function deriveSubnets(spec: EnvironmentSpec, region: string, attached: boolean): AzSubnets[] {
  return spec.azs.map((az, i) => {
    const letter = azSuffix(az, region);
    return {
      az,
      azSuffix: letter,
      public: spec.subnets?.public?.[i] ?? plannedSubnet(spec.cidr, "public", letter),
      private: spec.subnets?.private?.[i] ?? plannedSubnet(spec.cidr, "private", letter),
      persistence: spec.subnets?.persistence?.[i] ?? plannedSubnet(spec.cidr, "persistence", letter),
      // Only a cluster has a control plane.
      ...(spec.eks ? { controlPlane: spec.subnets?.controlPlane?.[i] ?? plannedControlPlaneSubnet(spec.cidr, letter) } : {}),
      // Only an environment attached to the Transit Gateway has attachment subnets.
      ...(attached ? { transitGateway: plannedTransitGatewaySubnet(spec.cidr, letter) } : {}),
    };
  });
}

function deriveEnvironment(
  file: EnvironmentsFile,
  name: string,
  spec: EnvironmentSpec,
  peerings: PeeringEdge[],
  attached: boolean,
  dnsOwnership: ReturnType<typeof externalDnsOwnership>,
  vpns: ReadonlyMap<string, EnvironmentVpn | undefined>,
): Environment {
  const region = spec.region ?? file.region;
  const partition = partitionOf(region);
  const prefix = `${file.organization}-${name}`;
  const subnets = deriveSubnets(spec, region, attached);
  const peers = peersOf(peerings, name);
  // A hub whose VPN asks for it is admitted as its VPN server only (src/vpn/vpn-plan.ts).
  const inboundPeers = peerings
    .filter((e) => e.accepter === name)
    .map((e) => {
      // A hub with a VPN is admitted as main's VPN rules say (its server's /32 or its whole VPC), plus
      // any ranges it names; a hub without one as its dataTierClientCidrs (its private subnets by default).
      const hubVpn = vpns.get(e.requester);
      const cidr = admittedHubCidr({ cidr: file.environments[e.requester].cidr, vpn: hubVpn });
      const dataTierCidrs = hubVpn ? [...new Set([...(file.environments[e.requester].dataTierClientCidrs ?? []), cidr])] : dataTierClientCidrs(file, e.requester);
      return { name: e.requester, cidr, dataTierCidrs };
    });
  const vpn = vpns.get(name);
  const production = spec.production ?? name.startsWith("prod");
  const deployRole = spec.ambientCredentials ? undefined : (spec.deployRoleArn ?? deployRoleArn(partition, spec.accountId, file.deployRoleName));
  return {
    name,
    prefix,
    accountId: spec.accountId,
    deployRoleArn: deployRole,
    region,
    production,
    partition,
    cidr: spec.cidr,
    azs: [...spec.azs],
    subnets,
    nat: spec.nat,
    persistenceInternetAccess: spec.persistenceInternetAccess,
    dataStorePorts: [...spec.dataStorePorts],
    logRetentionDays: spec.logRetentionDays,
    peers,
    inboundPeers,
    peeringPorts: [...(spec.peeringPorts ?? spec.dataStorePorts)],
    // The VPN server lives in the public tier and forwards client traffic to the peers from there.
    routePublicToPeers: spec.routePublicToPeers || vpn !== undefined,
    internalZoneName: `${name}.${file.dns.internalDomain}`,
    eks: spec.eks && {
      clusterName: prefix,
      version: spec.eks.version,
      // The deploy role gets no access entry of its own (unless listed): the platform stack's
      // providers log in as the cluster's platform-deploy role, which only the deploy role may assume.
      admins: [...spec.eks.admins],
      readOnly: [...spec.eks.readOnly],
      platformDeployRole: deployRole
        ? { name: roleNames(prefix).platformDeploy, arn: deployRoleArn(partition, spec.accountId, roleNames(prefix).platformDeploy), trustedBy: deployRole }
        : undefined,
      readOnlyAlsoReads: [...spec.eks.readOnlyAlsoReads],
      publicAccessRationale:
        spec.eks.publicAccessCidrs.length === 0
          ? undefined
          : (spec.eks.publicAccessRationale ??
            `environments.${name}.eks.publicAccessCidrs opens the public API endpoint to ${spec.eks.publicAccessCidrs.join(", ")} only (the operator's opt-in in the environments file)`),
      publicAccessCidrs: [...spec.eks.publicAccessCidrs],
      apiAccessCidrs: [...spec.eks.apiAccessCidrs],
      logRetentionDays: spec.eks.logRetentionDays ?? spec.logRetentionDays,
      nodeGroups: spec.eks.nodeGroups.map((g) => ({
        name: g.name,
        instanceTypes: [...g.instanceTypes],
        minSize: g.min,
        maxSize: g.max,
        desiredSize: g.desired ?? g.min,
        capacityType: g.capacity === "spot" ? ("SPOT" as const) : ("ON_DEMAND" as const),
        diskSizeGiB: g.diskSizeGiB,
        labels: { ...g.labels },
        taints: g.taints.map((t) => ({ ...t })),
        maxUnavailablePercent: g.maxUnavailablePercent,
      })),
      ...deriveNodeAutoscaling(spec.eks, production),
      ...deriveNodeEgress(spec.eks),
    },
    // Every environment with a cluster gets the platform stack, with defaults when the file has no platform block.
    platform: spec.eks && {
      ingress: {
        controller: spec.platform?.ingress.controller ?? "ingress-nginx",
        replicas: spec.platform?.ingress.replicas ?? (production ? 3 : 1),
        certificateArn: spec.platform?.ingress.certificateArn,
        hostname: spec.platform?.ingress.hostname,
      },
      externalDns: {
        policy: spec.platform?.externalDns.policy ?? "upsert-only",
        domains: [...dnsOwnership.get(name)!.domains],
        excludedDomains: [...dnsOwnership.get(name)!.excludedDomains],
      },
      namespaces: (spec.platform?.namespaces ?? []).map((n) => ({ ...n })),
    },
    vpn,
    deletionProtection: spec.deletionProtection,
    // User tags first: organization, environment and managed-by cannot be overridden.
    tags: { ...file.tags, ...spec.tags, organization: file.organization, environment: name, "managed-by": "cdktf" },
    alerts: deriveAlerts(file.alerts, spec.alerts),
    networkAccess: deriveNetworkAccess(file, name, peers),
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
