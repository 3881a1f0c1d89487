/**
 * One-release moves from construct ids that were list positions (`route-requester-private-0`,
 * `api-access-1`) to ids from identity (`route-requester-private-a`, `api-access-10-0-0-0-8`).
 * A state written before the change moves to the new address instead of planning a destroy and
 * a create, which for a route or a security-group rule fails halfway: AWS refuses a second route
 * to one destination in a table, and a duplicate rule in a group.
 *
 * The blocks are stack overrides (state-blocks.ts), not cdktf's `moveFromId`, which makes every
 * synth run `terraform version` (and fail where Terraform is not installed).
 *
 * Remove these moves one release after 0.2, once every state has been applied with them (a
 * `moved` block whose `from` is not in the state does nothing, so keeping them longer is harmless).
 */
import { TerraformStack, type TerraformResource } from "cdktf";
import { addMovedBlock } from "./state-blocks";

/**
 * Adds `moved { from = <type>.<logical id with legacyId in place of currentId>, to = resource }`
 * to the resource's stack. The logical id of a resource ends in its construct id (the stacks' ids
 * are construct paths), so the legacy address is the resource's own with its last part replaced.
 */
export function moveFromLegacyId(resource: TerraformResource, currentId: string, legacyId: string): void {
  const logicalId = resource.friendlyUniqueId;
  if (currentId === legacyId || !logicalId.endsWith(currentId)) return;
  const type = resource.terraformResourceType;
  addMovedBlock(TerraformStack.of(resource), `${type}.${logicalId.slice(0, -currentId.length)}${legacyId}`, `${type}.${logicalId}`);
}
