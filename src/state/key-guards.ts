/**
 * Who may touch state objects at all, for the state bucket policy's guard. No constructs.
 */
import { partitionOf, stateKeys } from "../model/naming";
import type { StateConfig } from "../model/org";
import type { StateObjectGuard } from "./policy-statements";

/**
 * The guard of an organization's state objects: the stacks' backend roles (one `ArnLike` pattern,
 * `<organization>-*-state`, so the policy does not grow with the organization), and the `state`
 * stack's deployer (`roleArn`) on its own folder; in `transition` the deployer keeps every object
 * so pipelines not yet moved to their roles keep working. Undefined with `isolation: shared`.
 */
export function stateObjectGuard(
  organization: string,
  state: Pick<StateConfig, "stackAccess" | "isolation" | "roleArn" | "accountId" | "region">,
): StateObjectGuard | undefined {
  if (!state.stackAccess?.length || !state.accountId) return undefined;
  return {
    stackRolePatterns: [`arn:${partitionOf(state.region)}:iam::${state.accountId}:role/${organization}-*-state`],
    deployerFolder: `${stateKeys.state.split("/")[0]}/*`,
    deployer: state.roleArn,
    deployerEverywhere: state.isolation === "transition",
  };
}
