/**
 * The deterministic CIDR plan: where each tier's subnet of each AZ sits inside the VPC.
 *
 * Slots are keyed by the AZ's position in `azs`, never by the AZ count, so appending an AZ
 * never moves an existing subnet. For a /16:
 * - private:     /19 per AZ (8,187 usable addresses: the VPC CNI gives every pod a VPC address),
 *                slots 0-5 of the VPC split in eighths (10.x.0.0 - 10.x.191.255);
 * - public:      /22 per AZ in the seventh eighth (10.x.192.0/22, .196.0/22, ...);
 * - persistence: /22 per AZ in the eighth eighth (10.x.224.0/22, .228.0/22, ...);
 * - control plane: /28 per AZ, only for environments with EKS, packed into the /22 after the
 *   public ones (10.x.216.0/28, .216.16/28, ...): AWS's recommendation of small dedicated subnets
 *   for the cluster's cross-account network interfaces, so that what the control plane sends
 *   (webhook calls) comes from a range no node or pod shares.
 * In 64ths of the VPC (a /22 of a /16): private 0-47, public 48-53, control plane 54,
 * persistence 56-61; 55, 62 and 63 stay free for later tiers. Smaller VPCs scale down alike,
 * except the control-plane subnets, which are /28 whatever the VPC size: slot 54 holds
 * 2^(22 - prefix) of them (64 in a /16, 8 in a /19, 4 in a /20, 2 in a /21, 1 in a /22).
 */
import { cidr, cidrSubnet } from "./cidr";
import type { SubnetTier } from "./org";

/** Most AZs the plan has slots for. */
export const MAX_PLANNED_AZS = 6;
/** Largest and smallest VPC prefixes the plan supports (public subnets are VPC prefix + 6, AWS allows /28 at most). */
export const MIN_VPC_PREFIX = 16;
export const MAX_VPC_PREFIX = 22;

/** The planned CIDR of one tier's subnet in the AZ at `azIndex`. */
export function plannedSubnet(vpcCidr: string, tier: SubnetTier, azIndex: number): string {
  if (azIndex < 0 || azIndex >= MAX_PLANNED_AZS) {
    throw new Error(`the CIDR plan has slots for ${MAX_PLANNED_AZS} AZs; index ${azIndex} is outside them`);
  }
  switch (tier) {
    case "private":
      return cidrSubnet(vpcCidr, 3, azIndex);
    case "public":
      return cidrSubnet(vpcCidr, 6, 48 + azIndex);
    case "persistence":
      return cidrSubnet(vpcCidr, 6, 56 + azIndex);
  }
}

/** Prefix length of every planned control-plane subnet: AWS recommends a /28 per AZ for the cluster's network interfaces. */
export const CONTROL_PLANE_SUBNET_PREFIX = 28;
/** The 64th of the VPC (a /22 of a /16) that holds the control-plane subnets. */
const CONTROL_PLANE_SLOT = 54;

/** How many planned /28 control-plane subnets a VPC of this prefix length has room for: 2^(22 - prefix). */
export function controlPlaneSlots(vpcPrefix: number): number {
  return 2 ** (MAX_VPC_PREFIX - vpcPrefix);
}

/**
 * The planned /28 of the EKS control plane's network interfaces in the AZ at `azIndex`: the
 * `azIndex`-th /28 of slot 54. Throws when the VPC has no slot for that AZ (the rules reject
 * such a file before derivation, see {@link controlPlaneSlots}).
 */
export function plannedControlPlaneSubnet(vpcCidr: string, azIndex: number): string {
  const prefix = cidr(vpcCidr).prefix;
  const slots = controlPlaneSlots(prefix);
  if (azIndex < 0 || azIndex >= MAX_PLANNED_AZS) {
    throw new Error(`the CIDR plan has slots for ${MAX_PLANNED_AZS} AZs; index ${azIndex} is outside them`);
  }
  if (azIndex >= slots) {
    throw new Error(`a /${prefix} VPC has room for ${slots} planned control-plane subnet${slots === 1 ? "" : "s"}; index ${azIndex} is outside them`);
  }
  return cidrSubnet(vpcCidr, CONTROL_PLANE_SUBNET_PREFIX - prefix, CONTROL_PLANE_SLOT * slots + azIndex);
}
