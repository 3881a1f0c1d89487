/**
 * Who may touch which state object (src/state/model.ts has the fields): for every stack but
 * `state`, its key, the keys it reads through cdktf cross-stack references, the principal that
 * runs its Terraform and the backend role the state stack creates for it in the state account.
 * Pure; the rules report its problems, derive keeps its plan.
 */
import { deployRoleArn, partitionOf, stackNames, stateKeys } from "./naming";
import type { StateStackAccess } from "./org";
import type { Problem } from "./problems";
import type { EnvironmentsFile } from "./schema";
import { hubCandidates } from "./connectivity";

/**
 * Name of a stack's backend role in the state account, `<organization>-<stack>-state`. Never
 * longer than a role name the rules already check for the same environment: `<prefix>-state`
 * is shorter than `<prefix>-vpc-flow-logs`, `<prefix>-platform-state` (a cluster's) than
 * `<prefix>-irsa-external-dns`, and `<organization>-peering-state` is at most 46 characters.
 */
export function stateRoleName(organization: string, stack: string): string {
  return `${organization}-${stack}-state`;
}

export interface StateAccessPlan {
  /** One entry per stack but `state`, in stack order; empty with `isolation: shared`. */
  readonly access: StateStackAccess[];
  readonly problems: Problem[];
}

/** Plans every stack's state access from a schema-valid file. */
export function planStateAccess(file: EnvironmentsFile): StateAccessPlan {
  const state = file.state;
  const problems: Problem[] = [];
  if (state.isolation === "shared") {
    if (!state.accountId && !state.roleArn && !state.breakGlassPrincipal) {
      problems.push({
        path: ["state", "roleArn"],
        message:
          "is missing; the state bucket policy lets only the state stack's deployer (state.roleArn) and state.breakGlassPrincipal change it, and with ambient credentials neither is known, " +
          "so the state stack could apply its bucket policy once and never again. Set state.accountId (roleArn then defaults to the deploy role there), state.roleArn or state.breakGlassPrincipal",
      });
    }
    return { access: [], problems };
  }
  if (!state.accountId) {
    problems.push({
      path: ["state", "accountId"],
      message:
        `is missing; state.isolation ${state.isolation}${state.isolation === "perStack" ? " (the default)" : ""} gives each stack its own backend role in the state account, ` +
        `so that account must be known. Set it to the account holding ${state.bucket} as a quoted 12-digit string, or set state.isolation: shared (one principal for all state, not recommended)`,
    });
    return { access: [], problems };
  }
  const partition = partitionOf(state.region);
  const envDeployer = (name: string): string | undefined => {
    const spec = file.environments[name];
    if (spec.ambientCredentials) return undefined;
    return spec.deployRoleArn ?? deployRoleArn(partitionOf(spec.region ?? file.region), spec.accountId, file.deployRoleName);
  };

  type Planned = Omit<StateStackAccess, "roleName" | "roleArn" | "deployer"> & { deployer?: string; why: string; silent?: boolean };
  const planned: Planned[] = [];
  for (const [name, spec] of Object.entries(file.environments)) {
    const ambient = `environments.${name} uses ambientCredentials, so the principal that runs its Terraform is not known`;
    planned.push({ stack: stackNames.environment(name), key: stateKeys.environment(name), reads: [], deployer: envDeployer(name), why: ambient });
    if (spec.eks) {
      planned.push({
        stack: stackNames.platform(name),
        key: stateKeys.platform(name),
        // The cluster's endpoint, CA and add-on outputs come from the <env> stack's state.
        reads: [stateKeys.environment(name)],
        deployer: envDeployer(name),
        why: ambient,
      });
    }
  }
  // Edges the peering rules reject (unknown peer, self-peering, declared on both sides) are left
  // out: their own messages say what to fix.
  const edges: { requester: string; accepter: string }[] = [];
  let declaredTwice = false;
  for (const [name, spec] of Object.entries(file.environments)) {
    for (const peer of spec.peers) {
      if (file.environments[peer] === undefined || peer === name) continue;
      if (edges.some((e) => (e.requester === name && e.accepter === peer) || (e.requester === peer && e.accepter === name))) declaredTwice = true;
      else edges.push({ requester: peer, accepter: name });
    }
  }
  if (edges.length > 0) {
    const involved = [...new Set(edges.flatMap((e) => [e.requester, e.accepter]))];
    // The hub as connectivity defines it: listed by others, listing none itself (management by default).
    const hubs = hubCandidates(file);
    // With transitGateway, the connectivity rules already reject anything but one hub; a peering
    // declared twice is rejected by the peering rules. Neither needs a second message here.
    const othersReport = declaredTwice || (file.connectivity === "transitGateway" && hubs.length !== 1);
    planned.push({
      stack: stackNames.peering,
      key: stateKeys.peering,
      // VPC ids, route tables and private zones come from each involved <env> stack's state.
      reads: involved.map((name) => stateKeys.environment(name)),
      deployer: hubs.length === 1 ? envDeployer(hubs[0]) : undefined,
      why:
        hubs.length === 1
          ? `its default, the deploy role of the hub ${hubs[0]}, is not known (ambientCredentials)`
          : `the peers graph has ${hubs.length === 0 ? "no hub" : `more than one hub (${hubs.join(", ")})`} (an environment others list in peers and that lists none), so no single deploy role runs it`,
      silent: othersReport,
    });
  }

  // The dns stack (src/stacks/dns-stack.ts): records roles in the zone's account for clusters
  // outside it, deployed with the zone account's deploy role; it reads no other stack's state.
  const zoneAccount = file.dns.publicZoneAccountId;
  if (zoneAccount && Object.values(file.environments).some((spec) => spec.eks && spec.accountId !== zoneAccount)) {
    planned.push({
      stack: stackNames.dns,
      key: stateKeys.dns,
      reads: [],
      deployer: deployRoleArn(partitionOf(file.region), zoneAccount, file.deployRoleName),
      why: "",
    });
  }

  const stacks = new Set(planned.map((p) => p.stack));
  for (const name of Object.keys(state.deployers)) {
    if (!stacks.has(name)) {
      problems.push({
        path: ["state", "deployers", name],
        message: `is not a stack of this organization that keeps state in the bucket; use one of ${[...stacks].join(", ")}`,
      });
    }
  }
  const access: StateStackAccess[] = [];
  for (const p of planned) {
    const deployer = state.deployers[p.stack] ?? p.deployer;
    const roleName = stateRoleName(file.organization, p.stack);
    if (!deployer) {
      if (p.silent) continue;
      problems.push({
        path: ["state", "deployers", p.stack],
        message: `is missing; ${p.why}. Name the role that runs the ${p.stack} stack's Terraform: its state role trusts only that principal`,
      });
      continue;
    }
    const { why: _why, silent: _silent, ...rest } = p;
    access.push({ ...rest, deployer, roleName, roleArn: `arn:${partition}:iam::${state.accountId}:role/${roleName}` });
  }
  return { access, problems };
}
