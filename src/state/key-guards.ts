/**
 * Who may write and read the keys under each top-level folder of the state bucket (`<env>/`,
 * `peering/`, `state/`), for the bucket policy's guards. No constructs: the loader measures the
 * policy with it before anything is synthesized, the state stack builds the policy from it.
 */
import { stateKeys } from "../model/naming";
import type { StateConfig } from "../model/org";
import type { StateKeyGuard } from "./policy-statements";

/**
 * The roles of the stacks whose keys live in a folder write it; the roles of the stacks that
 * read one of its keys read it. One pair of statements per folder, not per key, keeps the bucket
 * policy within S3's 20 KB for about twenty environments with clusters; which key of the folder
 * each role may touch is its IAM policy's business (a role of the state account gets nothing
 * else). The `state` stack's folder belongs to its deployer (`roleArn`). In `transition`,
 * `roleArn` keeps access to every folder so pipelines not yet moved to their roles keep working.
 */
export function keyGuards(state: Pick<StateConfig, "stackAccess" | "isolation" | "roleArn">): StateKeyGuard[] {
  const access = state.stackAccess ?? [];
  if (access.length === 0) return [];
  const legacy = state.isolation === "transition" && state.roleArn ? [state.roleArn] : [];
  const folderOf = (key: string) => key.split("/")[0];
  const folders = [...new Set(access.map((a) => folderOf(a.key)))];
  const guards: StateKeyGuard[] = folders.map((folder) => ({
    key: `${folder}/*`,
    writers: [...access.filter((a) => folderOf(a.key) === folder).map((a) => a.roleArn), ...legacy],
    readers: access.filter((r) => r.reads.some((k) => folderOf(k) === folder)).map((r) => r.roleArn),
  }));
  if (state.roleArn) guards.push({ key: `${folderOf(stateKeys.state)}/*`, writers: [state.roleArn], readers: [] });
  return guards;
}
