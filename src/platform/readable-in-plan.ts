/**
 * cdktf marks every cross-stack output sensitive, and one sensitive value hides a whole Helm
 * `values` document in `terraform plan` as "(sensitive value)". Role ARNs and the cluster name
 * are not secrets, so they are unwrapped for reviewers; a plain string passes through unchanged.
 * (Terraform >= 1.10, which every stack requires, accepts nonsensitive() on any value.)
 */
import { Fn, Token } from "cdktf";

/** `nonsensitive(value)` for a token, the value itself for a plain string. */
export function readableInPlan(value: string): string {
  return Token.isUnresolved(value) ? Fn.nonsensitive(value) : value;
}
