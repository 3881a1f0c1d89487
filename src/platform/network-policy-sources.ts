/**
 * The sources an add-on's NetworkPolicy admits: CIDR lists (the private subnets, the control-plane
 * subnets), each of which must not be empty, since an empty `from` admits every source.
 */
import type { Construct } from "constructs";

/** One NetworkPolicy peer per CIDR. */
export function ipBlocks(cidrs: readonly string[]): { ipBlock: { cidr: string } }[] {
  return cidrs.map((cidr) => ({ ipBlock: { cidr } }));
}

/** Throws, naming the construct, the prop and what the CIDRs are for, when `cidrs` is empty. */
export function requireCidrs(scope: Construct, prop: string, cidrs: readonly string[], neededFor: string): void {
  if (cidrs.length === 0) throw new Error(`${scope.node.path}: ${prop} is empty; ${neededFor}`);
}
