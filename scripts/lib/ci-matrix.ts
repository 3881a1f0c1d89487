/**
 * What the example CI workflow (.github/workflows/landing-zone.yml) runs, read from the model and
 * from the synthesized manifest: the stacks of each job group (state, environments, dns, peering,
 * platforms), the role each stack's job assumes by OIDC (the stack's deployer, the principal its
 * state role trusts), the GitHub environment that guards its apply, and the IAM trust policy each
 * of those roles needs so that GitHub's OIDC provider may assume it from this repository only.
 *
 * The workflow's job graph is fixed (GitHub Actions `needs` cannot come from data); the stacks in
 * each group are data, so adding an environment needs no workflow edit. planCiMatrix checks every
 * dependency of the manifest against that fixed graph and reports any the graph would break.
 * Pure: no files, no environment; scripts/ci-matrix.ts does the reading and writing.
 */
import type { Org } from "../../src/model/org";
import { stackNames, stateKeys } from "../../src/model/naming";

/** The workflow's job groups, one plan job and one apply job each. */
export type CiGroup = "state" | "environments" | "dns" | "peering" | "platforms";

/**
 * The job graph of the workflow: each group's jobs `need` the jobs of the groups listed, as the
 * README's deploy order says (state, environments, dns, peering, platforms). The workflow test
 * checks the workflow's `needs` are exactly these, and planCiMatrix checks the manifest's
 * dependencies fit in them.
 */
export const CI_GROUPS: readonly { readonly group: CiGroup; readonly after: readonly CiGroup[] }[] = [
  { group: "state", after: [] },
  // Every stack's backend assumes a role the state stack creates (README "State isolation").
  { group: "environments", after: ["state"] },
  // The zone account's records roles trust the clusters' IRSA roles (manifest: dns -> <env>).
  { group: "dns", after: ["environments"] },
  // VPC and route table ids are cross-stack references (manifest: peering -> <env>).
  { group: "peering", after: ["environments"] },
  // The cluster's endpoint is a cross-stack reference (manifest: <env>-platform -> <env>); the README
  // deploys platforms last: their providers need network reach (peering) and ExternalDNS its role (dns).
  { group: "platforms", after: ["environments", "dns", "peering"] },
];

/** GitHub environment every plan job of a pull request runs in (its `sub` is what the trust policies admit for plans). */
export const PLAN_ENVIRONMENT = "landing-zone-plan";

/** One stack's entry in a group's matrix. */
export interface CiStack {
  /** Stack name, as in cdktf.out/manifest.json. */
  readonly stack: string;
  /** Its state key in the bucket (the lock the S3 backend takes, and the workflow's concurrency group). */
  readonly key: string;
  /** Role the job assumes by OIDC: the principal that runs the stack's Terraform. */
  readonly role: string;
  /** GitHub environment of its apply job (its name: the stack). */
  readonly environment: string;
  /** Region of the STS call that exchanges the OIDC token (the organization's). */
  readonly region: string;
  /** Its folder relative to cdktf.out (the manifest's workingDirectory). */
  readonly directory: string;
}

/** A stack the workflow leaves to an operator, with the reason. */
export interface CiSkippedStack {
  readonly stack: string;
  readonly reason: string;
}

/** The workflow's matrices for one organization. */
export interface CiMatrix {
  /** The stacks of each group in manifest order; a group may be empty (its jobs are then skipped). */
  readonly groups: Readonly<Record<CiGroup, readonly CiStack[]>>;
  readonly skipped: readonly CiSkippedStack[];
  /** Why the workflow cannot run this organization as it is; empty when it can. */
  readonly problems: readonly string[];
}

/** The parts of cdktf.out/manifest.json the matrix reads. */
export interface CiManifest {
  readonly stacks: Readonly<Record<string, { readonly name: string; readonly dependencies: readonly string[]; readonly workingDirectory: string }>>;
}

/** Groups that run before `group`, directly or through others. */
export function groupsBefore(group: CiGroup): Set<CiGroup> {
  const before = new Set<CiGroup>();
  const visit = (g: CiGroup): void => {
    for (const prior of CI_GROUPS.find((x) => x.group === g)!.after) {
      if (before.has(prior)) continue;
      before.add(prior);
      visit(prior);
    }
  };
  visit(group);
  return before;
}

/** The group a stack's jobs belong to; undefined for a stack of a kind the workflow does not know. */
export function groupOf(org: Org, stack: string): CiGroup | undefined {
  if (stack === stackNames.state) return "state";
  if (stack === stackNames.dns) return "dns";
  if (stack === stackNames.peering) return "peering";
  for (const env of org.environments) {
    if (stack === stackNames.environment(env.name)) return "environments";
    if (stack === stackNames.platform(env.name)) return "platforms";
  }
  return undefined;
}

function stateKeyOf(org: Org, stack: string): string {
  if (stack === stackNames.state) return stateKeys.state;
  if (stack === stackNames.dns) return stateKeys.dns;
  if (stack === stackNames.peering) return stateKeys.peering;
  for (const env of org.environments) {
    if (stack === stackNames.environment(env.name)) return stateKeys.environment(env.name);
    if (stack === stackNames.platform(env.name)) return stateKeys.platform(env.name);
  }
  throw new Error(`no state key for stack ${stack}`);
}

/**
 * The principal that runs a stack's Terraform, as the state stack trusts it: `state.roleArn` for the
 * state stack, the stack's `deployer` with per-stack state isolation, else (isolation `shared`)
 * what that deployer would default to. Undefined when the model does not know one.
 */
function deployerOf(org: Org, stack: string): string | undefined {
  if (stack === stackNames.state) return org.state.roleArn;
  const access = org.state.stackAccess?.find((a) => a.stack === stack);
  if (access) return access.deployer;
  if (stack === stackNames.dns) return org.dns.publicZoneRoleArn;
  if (stack === stackNames.peering) {
    const hubs = org.environments.filter(
      (e) => org.peerings.some((p) => p.requester === e.name) && !org.peerings.some((p) => p.accepter === e.name),
    );
    return hubs.length === 1 ? hubs[0].deployRoleArn : undefined;
  }
  return org.environments.find((e) => stack === stackNames.environment(e.name) || stack === stackNames.platform(e.name))?.deployRoleArn;
}

/** Plans the workflow's matrices from the model and the manifest of its synth. */
export function planCiMatrix(org: Org, manifest: CiManifest): CiMatrix {
  const groups: Record<CiGroup, CiStack[]> = { state: [], environments: [], dns: [], peering: [], platforms: [] };
  const skipped: CiSkippedStack[] = [];
  const problems: string[] = [];
  const stacks = Object.values(manifest.stacks);
  for (const entry of stacks) {
    const group = groupOf(org, entry.name);
    if (!group) {
      problems.push(`stack ${entry.name} is of no job group of the workflow (${CI_GROUPS.map((g) => g.group).join(", ")}); add a group for it to scripts/lib/ci-matrix.ts and the workflow`);
      continue;
    }
    if (group === "state" && org.state.ownState === "local") {
      skipped.push({
        stack: entry.name,
        reason:
          "state.ownState is local: its state is a file on the operator's machine, so a runner would plan it from nothing. " +
          'Deploy it by hand, move its state into the bucket (README "Bootstrapping the state"), then set state.ownState: s3 and CI plans and applies it',
      });
      continue;
    }
    const role = deployerOf(org, entry.name);
    if (!role) {
      problems.push(
        `stack ${entry.name} has no known deployer (ambientCredentials, or no state.roleArn): name the role its jobs assume in state.deployers.${entry.name}` +
          (entry.name === stackNames.state ? " (for the state stack: state.roleArn)" : ""),
      );
      continue;
    }
    if (!/^arn:[a-z-]+:iam::\d{12}:role\//.test(role)) {
      problems.push(`stack ${entry.name}'s deployer ${role} is not an IAM role: GitHub's OIDC token can only assume a role (AssumeRoleWithWebIdentity); set state.deployers.${entry.name} to one`);
      continue;
    }
    // The platform stack's kubernetes and helm providers get their token as the cluster's platform
    // role, which trusts only the environment's deploy role (src/eks/eks-cluster.ts).
    const platformRole = org.environments.find((e) => entry.name === stackNames.platform(e.name))?.eks?.platformDeployRole;
    if (platformRole && platformRole.trustedBy !== role) {
      problems.push(
        `stack ${entry.name}'s deployer ${role} cannot assume the cluster's platform role ${platformRole.arn}, which trusts only the environment's deploy role ${platformRole.trustedBy}; ` +
          `leave state.deployers.${entry.name} unset (its default is that deploy role)`,
      );
      continue;
    }
    groups[group].push({
      stack: entry.name,
      key: stateKeyOf(org, entry.name),
      role,
      environment: entry.name,
      region: org.region,
      directory: entry.workingDirectory,
    });
  }
  // Every stack runs after the state stack (its backend role comes from there), and after every
  // stack the manifest says it depends on: both must be in a group the job graph runs earlier.
  for (const entry of stacks) {
    const group = groupOf(org, entry.name);
    if (!group) continue;
    const before = groupsBefore(group);
    for (const dependency of entry.dependencies) {
      const dependencyGroup = groupOf(org, dependency);
      if (!dependencyGroup || !before.has(dependencyGroup)) {
        problems.push(
          `stack ${entry.name} (group ${group}) depends on ${dependency} (group ${dependencyGroup ?? "none"}), which the workflow does not run before it; change CI_GROUPS in scripts/lib/ci-matrix.ts and the workflow's needs`,
        );
      }
    }
  }
  problems.push(...matrixLimitProblems(groups));
  return { groups, skipped, problems };
}

/** GitHub's limit: "A matrix will generate a maximum of 256 jobs per workflow run" (workflow syntax, jobs.<job_id>.strategy.matrix). */
export const MAX_MATRIX_JOBS = 256;

/** A group with more stacks than one matrix may run. */
export function matrixLimitProblems(groups: Readonly<Record<CiGroup, readonly CiStack[]>>): string[] {
  return CI_GROUPS.filter(({ group }) => groups[group].length > MAX_MATRIX_JOBS).map(
    ({ group }) =>
      `group ${group} has ${groups[group].length} stacks, more than the ${MAX_MATRIX_JOBS} jobs a GitHub Actions matrix may run; split the organization's stacks across two workflows (for example by environment name)`,
  );
}

/** The GitHub Actions outputs of the synth job: one matrix per group, and how many stacks each has. */
export function workflowOutputs(matrix: CiMatrix): Record<string, string> {
  const outputs: Record<string, string> = {};
  const counts: Record<string, number> = {};
  for (const { group } of CI_GROUPS) {
    outputs[group] = JSON.stringify({ include: matrix.groups[group] });
    counts[group] = matrix.groups[group].length;
  }
  outputs.counts = JSON.stringify(counts);
  outputs.stacks = JSON.stringify(CI_GROUPS.flatMap(({ group }) => matrix.groups[group].map((s) => s.stack)));
  return outputs;
}

/**
 * The roles a stack's Terraform assumes, from its synthesized JSON: every `assume_role` (providers,
 * the S3 backend, remote-state reads) and an exec plugin's `--role-arn` (the kubernetes and helm
 * providers' `aws eks get-token`).
 */
export function rolesAssumedBy(stackJson: unknown): string[] {
  const roles = new Set<string>();
  const visit = (value: unknown, key?: string): void => {
    if (Array.isArray(value)) {
      if (key === "args") {
        const i = value.indexOf("--role-arn");
        if (i >= 0 && typeof value[i + 1] === "string") roles.add(value[i + 1]);
      }
      for (const item of value) visit(item, key);
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        if (k === "role_arn" && key === "assume_role" && typeof v === "string") roles.add(v);
        visit(v, k);
      }
    }
  };
  visit(stackJson);
  return [...roles].sort();
}

/** One role the workflow assumes, with the trust policy it needs. */
export interface CiRoleTrust {
  readonly role: string;
  /** The stacks whose jobs assume it. */
  readonly stacks: readonly string[];
  /** The IAM trust policy (AssumeRolePolicyDocument) that admits exactly those jobs. */
  readonly trustPolicy: IamPolicyDocument;
  /**
   * Roles the stacks' providers and backends go on to assume from it, other than itself: each must
   * trust this role (the state roles and `<env>-platform-deploy` roles this project creates do).
   */
  readonly assumes: readonly string[];
}

interface IamPolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly Record<string, unknown>[];
}

/** GitHub's OIDC issuer host, the provider's name in IAM (GitHub docs, "Configuring OpenID Connect in Amazon Web Services"). */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";

/**
 * The trust policy of every role the workflow assumes. GitHub's token for a job that names an
 * environment has `sub` = `repo:<owner>/<repo>:environment:<name>` and, with
 * aws-actions/configure-aws-credentials, `aud` = `sts.amazonaws.com` (GitHub docs, "Configuring
 * OpenID Connect in Amazon Web Services"). So a role admits the apply jobs of its stacks (their
 * environments, which only main may deploy to) and the plan jobs (PLAN_ENVIRONMENT), nothing else:
 * not a branch, not a pull request without that environment, not another repository.
 * When a stack's providers assume the very role the job runs as (the default: the deployer is the
 * deploy role), the role must trust itself: a role trust policy must name the role itself for it to
 * assume itself (AWS Security Blog, "Announcing an update to IAM role trust policy behavior", 2022).
 */
export function ciRoleTrusts(matrix: CiMatrix, repository: string, assumedByStack: ReadonlyMap<string, readonly string[]>): CiRoleTrust[] {
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository)) {
    throw new Error(`repository ${JSON.stringify(repository)} is not <owner>/<name>`);
  }
  const byRole = new Map<string, CiStack[]>();
  for (const { group } of CI_GROUPS) {
    for (const s of matrix.groups[group]) byRole.set(s.role, [...(byRole.get(s.role) ?? []), s]);
  }
  return [...byRole].map(([role, stacks]): CiRoleTrust => {
    const [, partition, , , account] = role.split(":");
    const assumed = new Set(stacks.flatMap((s) => assumedByStack.get(s.stack) ?? []));
    const statements: Record<string, unknown>[] = [
      {
        Sid: "GitHubActionsJobsOfTheseStacks",
        Effect: "Allow",
        Principal: { Federated: `arn:${partition}:iam::${account}:oidc-provider/${GITHUB_OIDC_HOST}` },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${GITHUB_OIDC_HOST}:aud`]: "sts.amazonaws.com",
            [`${GITHUB_OIDC_HOST}:sub`]: [
              ...stacks.map((s) => `repo:${repository}:environment:${s.environment}`),
              `repo:${repository}:environment:${PLAN_ENVIRONMENT}`,
            ],
          },
        },
      },
    ];
    if (assumed.has(role)) {
      statements.push({ Sid: "ItsProvidersAssumeItAgain", Effect: "Allow", Principal: { AWS: role }, Action: "sts:AssumeRole" });
    }
    return {
      role,
      stacks: stacks.map((s) => s.stack),
      trustPolicy: { Version: "2012-10-17", Statement: statements },
      assumes: [...assumed].filter((r) => r !== role).sort(),
    };
  });
}
