/**
 * The deterministic CIDR plan: where each tier's subnet of each AZ sits inside the VPC.
 *
 * Slots are keyed by the AZ's position in `azs`, never by the AZ count, so appending an AZ
 * never moves an existing subnet. For a /16:
 * - private:     /19 per AZ (8,187 usable addresses: the VPC CNI gives every pod a VPC address),
 *                slots 0-5 of the VPC split in eighths (10.x.0.0 - 10.x.191.255);
 * - public:      /22 per AZ in the seventh eighth (10.x.192.0/22, .196.0/22, ...);
 * - persistence: /22 per AZ in the eighth eighth (10.x.224.0/22, .228.0/22, ...).
 * The rest of the last two eighths stays free for later tiers. Smaller VPCs scale down alike.
 */
import { cidrSubnet } from "./cidr";
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
