/**
 * The deterministic CIDR plan: where each tier's subnet of each AZ sits inside the VPC.
 *
 * A subnet's place is a pure function of (VPC CIDR, tier, AZ letter): the AZ named
 * `<region>a` has slot 0, `<region>b` slot 1, ... `<region>f` slot 5, wherever the AZ sits in
 * `azs` and whatever other AZs are listed. Adding, removing or reordering AZs therefore never
 * moves another AZ's subnet. A file whose AZs are a, b, c... in that order gets exactly the
 * CIDRs of the earlier plan, which was keyed by list position. Letters past f have no slot:
 * the rules ask for explicit `subnets` for such an AZ. For a /16:
 * - private:     /19 per AZ (8,187 usable addresses: the VPC CNI gives every pod a VPC address),
 *                slots 0-5 of the VPC split in eighths (10.x.0.0 - 10.x.191.255);
 * - public:      /22 per AZ in the seventh eighth (10.x.192.0/22 for a, .196.0/22 for b, ...);
 * - persistence: /22 per AZ in the eighth eighth (10.x.224.0/22 for a, .228.0/22 for b, ...);
 * - control plane: /28 per AZ, only for environments with EKS, packed into the /22 after the
 *   public ones (10.x.216.0/28 for a, .216.16/28 for b, ...): AWS's recommendation of small
 *   dedicated subnets for the cluster's cross-account network interfaces, so that what the
 *   control plane sends (webhook calls) comes from a range no node or pod shares.
 * - transit-gateway attachment: /28 per AZ, only for environments attached to the organization's
 *   Transit Gateway (`connectivity: transitGateway`), packed into the 64th after the control
 *   plane's the same way (10.x.220.0/28 for a, .220.16/28 for b, ...): AWS's advice of a small
 *   dedicated subnet per AZ for the attachment's network interfaces, with its own route table.
 * In 64ths of the VPC (a /22 of a /16): private 0-47, public 48-53, control plane 54,
 * transit-gateway attachment 55, persistence 56-61; 62 and 63 stay free for later tiers. Smaller VPCs scale down alike,
 * except the control-plane (and attachment) subnets, which are /28 whatever the VPC size: slot 54 holds
 * 2^(22 - prefix) of them (64 in a /16, 8 in a /19, 4 in a /20, 2 in a /21, 1 in a /22). The
 * n-th of them belongs to the n-th letter too, so a /20 plans control-plane subnets for AZs a-d
 * only, a /21 for a-b, a /22 for a; a cluster in another AZ of such a VPC must place its
 * control-plane subnets itself (the rules say so), because handing a letter another letter's
 * slot would move a subnet the day that letter's AZ is listed.
 */
import { cidr, cidrSubnet } from "./cidr";
import type { SubnetTier } from "./org";

/** The AZ letters the plan has slots for, in slot order: a -> 0, b -> 1, ... f -> 5. */
export const PLANNED_AZ_LETTERS: readonly string[] = ["a", "b", "c", "d", "e", "f"];
/** Most AZs the plan has slots for. */
export const MAX_PLANNED_AZS = PLANNED_AZ_LETTERS.length;
/** Largest and smallest VPC prefixes the plan supports (public subnets are VPC prefix + 6, AWS allows /28 at most). */
export const MIN_VPC_PREFIX = 16;
export const MAX_VPC_PREFIX = 22;

/** The plan's slot of an AZ letter (the AZ name's last character): a -> 0 ... f -> 5; undefined for any other letter. */
export function azSlot(azLetter: string): number | undefined {
  const slot = PLANNED_AZ_LETTERS.indexOf(azLetter);
  return slot === -1 ? undefined : slot;
}

/** The slot of a letter the plan must have, or a thrown error naming the letters it has. */
function requiredSlot(azLetter: string): number {
  const slot = azSlot(azLetter);
  if (slot === undefined) {
    throw new Error(`the CIDR plan has slots for AZ letters ${PLANNED_AZ_LETTERS.join(", ")}; "${azLetter}" is not one of them`);
  }
  return slot;
}

/** The planned CIDR of one tier's subnet in the AZ whose name ends in `azLetter` (a-f). */
export function plannedSubnet(vpcCidr: string, tier: SubnetTier, azLetter: string): string {
  const slot = requiredSlot(azLetter);
  switch (tier) {
    case "private":
      return cidrSubnet(vpcCidr, 3, slot);
    case "public":
      return cidrSubnet(vpcCidr, 6, 48 + slot);
    case "persistence":
      return cidrSubnet(vpcCidr, 6, 56 + slot);
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

/** The AZ letters a VPC of this prefix length plans control-plane subnets for: a-f from /19 up, a-d in a /20, a-b in a /21, a in a /22. */
export function controlPlaneLetters(vpcPrefix: number): readonly string[] {
  return PLANNED_AZ_LETTERS.slice(0, controlPlaneSlots(vpcPrefix));
}

/**
 * The planned /28 of the EKS control plane's network interfaces in the AZ whose name ends in
 * `azLetter`: the letter's slot-th /28 of 64th 54. Throws when the VPC has no slot for that
 * letter (the rules reject such a file before derivation, see {@link controlPlaneLetters}).
 */
export function plannedControlPlaneSubnet(vpcCidr: string, azLetter: string): string {
  const slot = requiredSlot(azLetter);
  const prefix = cidr(vpcCidr).prefix;
  const slots = controlPlaneSlots(prefix);
  if (slot >= slots) {
    const letters = controlPlaneLetters(prefix);
    throw new Error(
      `a /${prefix} VPC has room for planned control-plane subnets in AZ${letters.length === 1 ? "" : "s"} ${letters.join(", ")} only; "${azLetter}" is not one of them`,
    );
  }
  return cidrSubnet(vpcCidr, CONTROL_PLANE_SUBNET_PREFIX - prefix, CONTROL_PLANE_SLOT * slots + slot);
}

/** The 64th of the VPC (a /22 of a /16) that holds the transit-gateway attachment subnets: the one after the control plane's, free until now. */
const TRANSIT_GATEWAY_SLOT = 55;
/** Prefix length of every planned attachment subnet: AWS advises a /28 per AZ for a Transit Gateway attachment. */
export const TRANSIT_GATEWAY_SUBNET_PREFIX = 28;

/** The AZ letters a VPC of this prefix length plans attachment subnets for: as for the control plane, a-f from /19 up, a-d in a /20, a-b in a /21, a in a /22. */
export function transitGatewayLetters(vpcPrefix: number): readonly string[] {
  return controlPlaneLetters(vpcPrefix);
}

/**
 * The planned /28 of the Transit Gateway attachment in the AZ whose name ends in `azLetter`:
 * the letter's slot-th /28 of 64th 55, so it moves no subnet of any other tier. Throws when the
 * VPC has no slot for that letter (the rules reject such a file before derivation).
 */
export function plannedTransitGatewaySubnet(vpcCidr: string, azLetter: string): string {
  const slot = requiredSlot(azLetter);
  const prefix = cidr(vpcCidr).prefix;
  const slots = controlPlaneSlots(prefix);
  if (slot >= slots) {
    const letters = transitGatewayLetters(prefix);
    throw new Error(
      `a /${prefix} VPC has room for planned transit-gateway attachment subnets in AZ${letters.length === 1 ? "" : "s"} ${letters.join(", ")} only; "${azLetter}" is not one of them`,
    );
  }
  return cidrSubnet(vpcCidr, TRANSIT_GATEWAY_SUBNET_PREFIX - prefix, TRANSIT_GATEWAY_SLOT * slots + slot);
}
