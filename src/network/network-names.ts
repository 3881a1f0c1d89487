/**
 * Construct ids, Name tags and subnet tags of the network, decided in one place so that every
 * repeated resource gets the same shape of id (`private-subnet-a`). Pure: no constructs.
 */
import type { SubnetTier } from "../model/org";

/** Id of a per-AZ construct: `${kind}-${azSuffix}`, e.g. `private-subnet-a`. Never derived from CIDRs or counts. */
export function perAzId(kind: string, azSuffix: string): string {
  return `${kind}-${azSuffix}`;
}

/** Name tag of a tier resource: `${namePrefix}-${tier}` or, per AZ, `${namePrefix}-${tier}-${azSuffix}`. */
export function tierName(namePrefix: string, tier: string, azSuffix?: string): string {
  return azSuffix === undefined ? `${namePrefix}-${tier}` : `${namePrefix}-${tier}-${azSuffix}`;
}

/**
 * What a subnet's `tier` tag says: a tier of the model, `control-plane` for the EKS control
 * plane's dedicated subnets, or `transit-gateway` for the Transit Gateway attachment's.
 */
export type SubnetTagTier = SubnetTier | "control-plane" | "transit-gateway";

/** Options of {@link subnetTags}. */
export interface SubnetTagOptions {
  /** `${organization}-${environment}`. */
  readonly namePrefix: string;
  /** Tier of the subnet. */
  readonly tier: SubnetTagTier;
  /** AZ suffix of the subnet, e.g. `a`. */
  readonly azSuffix: string;
  /** EKS cluster that may place load balancers here. @default - no cluster tag */
  readonly clusterName?: string;
  /** Also tag private subnets `karpenter.sh/discovery: <clusterName>` (Karpenter's subnet selector). @default false */
  readonly karpenterDiscovery?: boolean;
}

/**
 * Tags of a subnet: Name, tier, and the discovery tags the AWS Load Balancer Controller and
 * the in-tree service controller read (`kubernetes.io/role/elb` on public subnets for
 * internet-facing load balancers, `kubernetes.io/role/internal-elb` on private subnets for
 * internal ones, `kubernetes.io/cluster/<name>=shared` on both). The persistence tier gets no
 * discovery tags: no load balancer belongs there. Neither do the control-plane and transit-gateway
 * tiers: only the cluster's or the attachment's own network interfaces go there, placed explicitly.
 */
export function subnetTags(options: SubnetTagOptions): Record<string, string> {
  const { namePrefix, tier, azSuffix, clusterName } = options;
  const tags: Record<string, string> = { Name: tierName(namePrefix, tier, azSuffix), tier };
  if (tier === "public") tags["kubernetes.io/role/elb"] = "1";
  if (tier === "private") tags["kubernetes.io/role/internal-elb"] = "1";
  if (clusterName !== undefined && (tier === "public" || tier === "private")) tags[`kubernetes.io/cluster/${clusterName}`] = "shared";
  // Karpenter launches nodes only into the private tier, as the managed node groups run there.
  if (clusterName !== undefined && tier === "private" && options.karpenterDiscovery) tags["karpenter.sh/discovery"] = clusterName;
  return tags;
}

/** The id part of a CIDR: its dots and slash as dashes (`10.0.0.0/8` -> `10-0-0-0-8`), for rules keyed by the range they admit. */
export function cidrId(cidr: string): string {
  return cidr.replace(/[./:]/g, "-");
}
