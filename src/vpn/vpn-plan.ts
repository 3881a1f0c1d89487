/**
 * What the model decides about an environment's VPN before any construct exists: the server's
 * fixed address, the routes and DNS pushed to clients, the image, the bucket and role names.
 * Pure: no constructs, no AWS.
 */
import { createHash } from "node:crypto";
import { long2ip } from "netmask";
import { cidr } from "../model/cidr";
import type { EnvironmentVpn, VpnSpec } from "./model";

/**
 * Public SSM parameter holding the latest Amazon Linux 2023 AMI (x86_64, default kernel), as
 * the AL2023 user guide lists it ("Launching AL2023 using the SSM parameter"). EC2 resolves a
 * `resolve:ssm:<parameter>` image id in a launch template when it launches an instance
 * (EC2 user guide, "Use a Systems Manager parameter instead of an AMI ID"), so no data source
 * calls AWS at plan time and no AMI id is written into this repository.
 */
export const AL2023_AMI_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

/**
 * Host number of the server in its public subnet. AWS reserves the first four addresses and the
 * last of every subnet; 10 is free in the smallest subnet AWS allows (/28: hosts 4 to 14).
 */
export const VPN_HOST_NUMBER = 10;

/** Documentation ranges (RFC 5737): never routable, so a console limited to them is unreachable. */
export const DOCUMENTATION_RANGES: readonly string[] = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"];

/** A peer of the environment as the VPN's routes and DNS see it. */
export interface VpnPeer {
  /** The peer's VPC CIDR. */
  readonly cidr: string;
  /** The peer's private zone, `<env>.<internalDomain>`. */
  readonly internalZoneName: string;
}

export interface VpnPlanInput {
  /** `${organization}-${environment}`. */
  readonly prefix: string;
  readonly accountId: string;
  /** The environment's VPC CIDR. */
  readonly vpcCidr: string;
  /** The environment's private zone. */
  readonly internalZoneName: string;
  /** The environment's AZs with their suffix and public subnet, in `azs` order. */
  readonly subnets: readonly { readonly az: string; readonly azSuffix: string; readonly public: string }[];
  /** Environments peered with this one, in a stable order (the peering graph's). */
  readonly peers: readonly VpnPeer[];
  readonly spec: VpnSpec;
}

/** The `n`-th address of a network (`10.0.0.0/16`, 2 -> `10.0.0.2`). */
export function hostAddress(network: string, n: number): string {
  const parsed = cidr(network);
  const address = parsed.first + n;
  if (address > parsed.last) throw new Error(`${network} has no host number ${n}`);
  return long2ip(address);
}

/** S3's limit on bucket names. */
const BUCKET_NAME_MAX = 63;

/**
 * A bucket name `<prefix>-<suffix>-<accountId>`: S3 names are global, and the account id keeps
 * them unique without inventing anything. When that is longer than S3 allows (organization and
 * environment names may take 57 characters), the prefix is cut and a hash of the full name
 * takes the account id's place, so the name stays unique and the same on every synth.
 */
export function bucketName(prefix: string, suffix: string, accountId: string): string {
  const full = `${prefix}-${suffix}-${accountId}`;
  if (full.length <= BUCKET_NAME_MAX) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, 8);
  const room = BUCKET_NAME_MAX - suffix.length - hash.length - 2;
  return `${prefix.slice(0, room).replace(/[-.]+$/, "")}-${hash}-${suffix}`;
}

/** Names of the VPN's AWS resources that must fit AWS limits (the loader checks them). */
export function vpnNames(prefix: string, accountId: string) {
  return {
    /** IAM role (and instance profile) of the server. */
    role: `${prefix}-vpn`,
    backupBucket: bucketName(prefix, "vpn-backups", accountId),
    accessLogBucket: bucketName(prefix, "vpn-access-logs", accountId),
    /** CloudWatch log group of the server (bootstrap, Pritunl, MongoDB, backups). */
    logGroup: `/${prefix}/vpn`,
  } as const;
}

/** The routes pushed to clients by default: the environment's VPC and every VPC it peers with. */
export function defaultVpnRoutes(vpcCidr: string, peers: readonly VpnPeer[]): string[] {
  return [...new Set([vpcCidr, ...peers.map((p) => p.cidr)])];
}

/** Derives the model's EnvironmentVpn; the rules have checked the spec (az in azs, CIDRs valid). */
export function planVpn(input: VpnPlanInput): EnvironmentVpn {
  const { spec } = input;
  const subnet = (spec.az === undefined ? input.subnets[0] : input.subnets.find((s) => s.az === spec.az)) ?? input.subnets[0];
  const names = vpnNames(input.prefix, input.accountId);
  return {
    type: spec.type,
    instanceType: spec.instanceType,
    az: subnet.az,
    azSuffix: subnet.azSuffix,
    privateIp: hostAddress(subnet.public, VPN_HOST_NUMBER),
    port: spec.port,
    clientCidrs: [...spec.clientCidrs],
    adminCidrs: [...spec.adminCidrs],
    routes: spec.routes ? [...spec.routes] : defaultVpnRoutes(input.vpcCidr, input.peers),
    // "The Amazon DNS server ... at the base of the VPC IPv4 network range plus two" (Amazon VPC
    // user guide, "Amazon DNS server"). It answers the private zones associated with the VPC,
    // which the peering stack does for every spoke's zone.
    dnsServer: hostAddress(input.vpcCidr, 2),
    searchDomains: [...new Set([input.internalZoneName, ...input.peers.map((p) => p.internalZoneName)])],
    spokeAccess: spec.spokeAccess,
    imageId: spec.amiId ?? `resolve:ssm:${AL2023_AMI_PARAMETER}`,
    backupRetentionDays: spec.backupRetentionDays,
    backupBucket: names.backupBucket,
    accessLogBucket: names.accessLogBucket,
  };
}

/** The CIDR a spoke admits from a hub: the VPN server alone when the hub's VPN asks for it, else the hub's VPC. */
export function admittedHubCidr(hub: { readonly cidr: string; readonly vpn?: Pick<EnvironmentVpn, "privateIp" | "spokeAccess"> }): string {
  return hub.vpn && hub.vpn.spokeAccess === "vpn" ? `${hub.vpn.privateIp}/32` : hub.cidr;
}
