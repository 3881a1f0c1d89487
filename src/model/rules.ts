/**
 * Rules of the environments file that relate fields to each other or to AWS limits.
 * Runs on a file that passed the schema; returns every problem and warning, never throws.
 */
import { checkNodeAutoscaling } from "../addons/karpenter/model";
import { contains, overlaps, parseCidr, type Cidr } from "./cidr";
import { checkConnectivity } from "./connectivity";
import { SUPPORTED_KUBERNETES_VERSIONS } from "./kubernetes-versions";
import { securityProblems } from "./security";
import { bucketNameProblem, IAM_ROLE_NAME_MAX, organizationStacks, RESERVED_NAMESPACES, roleNames, stackNames, stateNames } from "./naming";
import { formatPath, type Problem, type FilePath } from "./problems";
import { planStateAccess } from "./state-access";
import type { EnvironmentsFile, EnvironmentSpec } from "./schema";
import {
  azSlot,
  controlPlaneLetters,
  MAX_PLANNED_AZS,
  MAX_VPC_PREFIX,
  MIN_VPC_PREFIX,
  PLANNED_AZ_LETTERS,
  plannedControlPlaneSubnet,
  plannedSubnet,
} from "./subnet-plan";
import { SUBNET_TIERS, type SubnetTier } from "./org";
import { checkAlerts } from "../observability/model";
import { checkExternalDnsDomains } from "../addons/external-dns/ownership";
import { checkVpn } from "../vpn/model-rules";
import { checkNetworkAccess } from "./network-access";
import { checkNodeEgress } from "./node-security-group";

/** AWS's default quota of active peering connections per VPC. */
export const PEERING_QUOTA_PER_VPC = 50;

/** A finding that does not stop synth. */
export interface Warning {
  readonly path: FilePath;
  readonly message: string;
  /** Stack the warning is attached to; none means the whole app. */
  readonly stack?: string;
}

export interface RuleResult {
  readonly problems: Problem[];
  readonly warnings: Warning[];
}

/** Runs every rule over a schema-valid file. */
export function checkRules(file: EnvironmentsFile): RuleResult {
  const problems: Problem[] = [];
  const warnings: Warning[] = [];
  const envNames = Object.keys(file.environments);

  checkState(file, problems);
  checkStackNames(file, problems);

  // Parsed VPC CIDRs of the environments whose CIDR is valid.
  const vpcs = new Map<string, Cidr>();
  for (const [name, env] of Object.entries(file.environments)) {
    const at = (...rest: (string | number)[]): FilePath => ["environments", name, ...rest];
    const region = env.region ?? file.region;
    const vpc = checkVpcCidr(env.cidr, at("cidr"), problems);
    if (vpc) vpcs.set(name, vpc);
    checkAzs(env, region, at, problems);
    if (vpc) checkSubnetOverrides(env, vpc, at, problems);
    if (vpc && env.eks) checkControlPlaneSubnets(env, vpc, region, at, problems);
    if (vpc) checkSubnetOverlaps(env, vpc, region, at, problems);
    if (env.deployRoleArn && !env.deployRoleArn.includes(`::${env.accountId}:`)) {
      problems.push({ path: at("deployRoleArn"), message: `${env.deployRoleArn} is not in the environment's account ${env.accountId}; use a role of that account` });
    }
    if (env.deployRoleArn && env.ambientCredentials) {
      problems.push({ path: at("ambientCredentials"), message: "is true while deployRoleArn is set; choose one" });
    }
    if (env.persistenceInternetAccess && env.nat === "none") {
      problems.push({
        path: at("persistenceInternetAccess"),
        message: "is true but nat is none, so there is no NAT gateway to route through; set nat to single or perAz, or drop persistenceInternetAccess",
      });
    }
    checkRoleNames(`${file.organization}-${name}`, env, file.dns.publicZoneAccountId, at, problems);
    if (env.logRetentionDays < 365) {
      warnings.push({
        path: at("logRetentionDays"),
        stack: stackNames.environment(name),
        message: `${env.logRetentionDays} days is below the 365-day retention that CIS and Checkov (CKV_AWS_338) expect`,
      });
    }
    if (env.eks) checkEks(name, env, at, problems, warnings);
    checkVpn(file, name, problems, warnings);
    if (env.eks) checkNodeAutoscaling(env.eks, at, problems, warnings, stackNames.platform(name));
    for (const p of securityProblems(env, roleNames(`${file.organization}-${name}`).platformDeploy)) problems.push({ path: at(...p.path), message: p.message });
    const production = env.production ?? name.startsWith("prod");
    const replicas = env.platform?.ingress.replicas;
    if (production && replicas !== undefined && replicas < 2 && env.platform?.ingress.controller !== "none") {
      problems.push({
        path: at("platform", "ingress", "replicas"),
        message: `${replicas} replica in a production environment; production needs at least 2 spread over AZs (or set production: false)`,
      });
    }
    const namespaces = new Set<string>();
    env.platform?.namespaces.forEach((ns, i) => {
      const path = at("platform", "namespaces", i, "name");
      if (RESERVED_NAMESPACES.includes(ns.name)) {
        problems.push({ path, message: `${ns.name} is reserved for Kubernetes or the platform (${RESERVED_NAMESPACES.join(", ")}); pick another name` });
      }
      if (namespaces.has(ns.name)) problems.push({ path, message: `${ns.name} is listed twice; list each namespace once` });
      namespaces.add(ns.name);
    });
    if (env.platform && !env.eks) {
      problems.push({ path: at("platform"), message: "needs an eks block: the platform add-ons run inside the environment's cluster" });
    }
    if (env.eks && (env.platform?.ingress.controller ?? "ingress-nginx") === "ingress-nginx") {
      warnings.push({
        path: env.platform ? at("platform", "ingress", "controller") : at("eks"),
        stack: stackNames.platform(name),
        message:
          "ingress-nginx was retired upstream on 2026-03-24 and gets no more security fixes; plan a move to another controller",
      });
    }
  }

  checkPeers(file, envNames, vpcs, problems, warnings);
  const alerts = checkAlerts(file);
  problems.push(...alerts.problems);
  warnings.push(...alerts.warnings.map((w) => ({ path: w.path, message: w.message, stack: stackNames.environment(w.environment) })));
  checkOrgWideOverlaps(file, vpcs, problems);
  checkConnectivity(file, vpcs, problems);
  checkExternalDnsDomains(file, problems);
  checkNetworkAccess(file, problems);
  checkNodeEgress(file, problems, warnings);
  if (!file.dns.publicZoneId && Object.values(file.environments).some((e) => e.eks)) {
    problems.push({
      path: ["dns", "publicZoneId"],
      message:
        `is missing; environments with eks run ExternalDNS, whose IAM policy is scoped to this zone's ARN. ` +
        `Set it to the id of ${file.dns.publicZone} (aws route53 list-hosted-zones-by-name --dns-name ${file.dns.publicZone})`,
    });
  }
  if (!file.dns.publicZoneAccountId && Object.values(file.environments).some((e) => e.eks)) {
    problems.push({
      path: ["dns", "publicZoneAccountId"],
      message:
        `is missing; environments with eks run ExternalDNS, and a hosted zone can only be changed from its own account ` +
        `(Route 53 has no resource policies), so ExternalDNS's record-changing role must live in the account that owns ${file.dns.publicZone}. ` +
        `Set it to that account's id as a quoted 12-digit string, e.g. "111111111111"`,
    });
  }
  return { problems, warnings };
}

/**
 * Every environment becomes a stack named after it, next to `state`, `peering` and
 * `<env>-platform` for each cluster; two stacks with one name would crash synth
 * ("There is already a Construct with name"), so such an environment name is rejected here.
 */
function checkStackNames(file: EnvironmentsFile, problems: Problem[]): void {
  const stacks = organizationStacks(Object.entries(file.environments).map(([name, env]) => ({ name, cluster: env.eks !== undefined })));
  for (const stack of stacks) {
    if (!stack.environmentStack) continue;
    const other = stacks.find((s) => s !== stack && s.name === stack.name);
    if (!other) continue;
    problems.push({
      path: ["environments", stack.environment!],
      message: `the name "${stack.name}" is taken by ${other.what}, and every environment gets a stack named after it; rename this environment`,
    });
  }
}

function checkState(file: EnvironmentsFile, problems: Problem[]): void {
  problems.push(...planStateAccess(file).problems);
  const bucketProblem = bucketNameProblem(file.state.bucket);
  if (bucketProblem) problems.push({ path: ["state", "bucket"], message: `"${file.state.bucket}" ${bucketProblem}` });
  const logBucket = stateNames(file.organization, file.state.bucket).accessLogBucket;
  const logProblem = bucketProblem ? undefined : bucketNameProblem(logBucket);
  if (logProblem) {
    problems.push({
      path: ["state", "bucket"],
      message: `the access-log bucket derived from it, "${logBucket}", ${logProblem}; shorten the state bucket name`,
    });
  }
  if (file.state.roleArn && file.state.accountId && !file.state.roleArn.includes(`::${file.state.accountId}:`)) {
    problems.push({
      path: ["state", "roleArn"],
      message: `${file.state.roleArn} is not in state.accountId ${file.state.accountId}; use a role of the state account`,
    });
  }
}

function checkVpcCidr(text: string, path: FilePath, problems: Problem[]): Cidr | undefined {
  const parsed = parseCidr(text);
  if (typeof parsed === "string") {
    problems.push({ path, message: `${text} ${parsed}` });
    return undefined;
  }
  if (parsed.prefix < MIN_VPC_PREFIX || parsed.prefix > MAX_VPC_PREFIX) {
    problems.push({
      path,
      message: `${text} is a /${parsed.prefix}; a VPC CIDR must be /${MIN_VPC_PREFIX} to /${MAX_VPC_PREFIX} (AWS allows /16 at most, and /${MAX_VPC_PREFIX} is the smallest the subnet plan fits)`,
    });
    return undefined;
  }
  return parsed;
}

/** The letter of an availability zone of the region (`us-east-1c` -> `c`); undefined for any other name. */
function azLetter(az: string, region: string): string | undefined {
  return az.length === region.length + 1 && az.startsWith(region) && /[a-z]$/.test(az) ? az.slice(-1) : undefined;
}

/**
 * Every AZ is one of the region's, listed once. The plan keys subnets by the AZ's letter, a-f;
 * an AZ with a later letter has no planned subnets, so the file must place every tier itself.
 */
function checkAzs(env: EnvironmentSpec, region: string, at: (...r: (string | number)[]) => FilePath, problems: Problem[]): void {
  const seen = new Set<string>();
  const [firstLetter, lastLetter] = [PLANNED_AZ_LETTERS[0], PLANNED_AZ_LETTERS[MAX_PLANNED_AZS - 1]];
  const unplaced = SUBNET_OVERRIDE_KEYS.filter((key) => (key !== "controlPlane" || env.eks) && !env.subnets?.[key]);
  env.azs.forEach((az, i) => {
    const letter = azLetter(az, region);
    if (letter === undefined) {
      // Local Zones (us-east-1-bos-1a) and Wavelength Zones (us-east-1-wl1-bos-wlz-1) are named after their parent region.
      const message = az.startsWith(`${region}-`)
        ? `${az} is a Local Zone or Wavelength Zone; the subnet plan serves the region's availability zones only, so list names like ${region}a, ${region}b`
        : `${az} is not an availability zone of ${region}; use names like ${region}a, ${region}b`;
      problems.push({ path: at("azs", i), message });
    } else if (azSlot(letter) === undefined && unplaced.length > 0) {
      problems.push({
        path: at("azs", i),
        message:
          `${az} has no slot in the subnet plan, which places subnets by AZ letter, ${region}${firstLetter} to ${region}${lastLetter}; ` +
          `use one of those AZs, or give this environment explicit ${unplaced.map((key) => `subnets.${key}`).join(", ")} (one CIDR per AZ, in azs order)`,
      });
    }
    if (seen.has(az)) problems.push({ path: at("azs", i), message: `${az} is listed twice; list each AZ once` });
    seen.add(az);
  });
  if (env.azs.length > MAX_PLANNED_AZS) {
    problems.push({ path: at("azs"), message: `${env.azs.length} AZs; the subnet plan has slots for ${MAX_PLANNED_AZS}` });
  }
}

/** The keys of `subnets`: the three tiers and the EKS control plane. */
type SubnetOverrideKey = SubnetTier | "controlPlane";
const SUBNET_OVERRIDE_KEYS: readonly SubnetOverrideKey[] = [...SUBNET_TIERS, "controlPlane"];
/** Largest control-plane subnet the file may place (AWS recommends /28; more addresses only matter for very large clusters). */
const MAX_CONTROL_PLANE_SUBNET = 24;

function checkSubnetOverrides(env: EnvironmentSpec, vpc: Cidr, at: (...r: (string | number)[]) => FilePath, problems: Problem[]): void {
  if (!env.subnets) return;
  if (env.subnets.controlPlane && !env.eks) {
    problems.push({
      path: at("subnets", "controlPlane"),
      message: "is set but the environment has no eks block; control-plane subnets exist only for a cluster. Add eks or remove subnets.controlPlane",
    });
  }
  for (const tier of SUBNET_OVERRIDE_KEYS) {
    const list = env.subnets[tier];
    if (!list) continue;
    if (list.length !== env.azs.length) {
      problems.push({
        path: at("subnets", tier),
        message: `has ${list.length} CIDRs for ${env.azs.length} AZs; give one per AZ, in azs order`,
      });
    }
    list.forEach((text, i) => {
      const path = at("subnets", tier, i);
      const parsed = parseCidr(text);
      if (typeof parsed === "string") return void problems.push({ path, message: `${text} ${parsed}` });
      if (!contains(vpc, parsed)) {
        return void problems.push({ path, message: `${text} does not fit in the VPC ${env.cidr}; pick a range inside it` });
      }
      if (parsed.prefix > 28) problems.push({ path, message: `${text} is smaller than /28, the smallest subnet AWS allows` });
      if (tier === "controlPlane" && parsed.prefix < MAX_CONTROL_PLANE_SUBNET) {
        problems.push({
          path,
          message: `${text} is a /${parsed.prefix}; a control-plane subnet must be /28 to /${MAX_CONTROL_PLANE_SUBNET} (AWS recommends a /28 per AZ), so pick a smaller range`,
        });
      }
    });
  }
}

/** One effective subnet of an environment: from the file's `subnets` override or from the plan. */
interface EffectiveSubnet {
  /** The AZ the subnet is in. */
  readonly az: string;
  readonly text: string;
  readonly cidr: Cidr;
  /** Path of the override in the file; undefined for a planned subnet. */
  readonly path?: FilePath;
}

/**
 * The subnets of one key as derive.ts will build them: the override list (in azs order) when
 * the file has one, else the plan's subnet of each AZ's letter. An override list that cannot be
 * used (which checkSubnetOverrides reports) gives none; the plan gives none for an AZ whose
 * letter has no slot in it (which checkAzs and checkControlPlaneSubnets report).
 */
function effectiveSubnets(
  env: EnvironmentSpec,
  vpc: Cidr,
  region: string,
  key: SubnetOverrideKey,
  at: (...r: (string | number)[]) => FilePath,
): EffectiveSubnet[] {
  const list = env.subnets?.[key];
  if (list) {
    if (list.length !== env.azs.length) return [];
    const parsed = list.map((text) => parseCidr(text));
    if (parsed.some((p) => typeof p === "string" || !contains(vpc, p))) return [];
    return list.map((text, i) => ({ az: env.azs[i], text, cidr: parsed[i] as Cidr, path: at("subnets", key, i) }));
  }
  const letters = key === "controlPlane" ? controlPlaneLetters(vpc.prefix) : PLANNED_AZ_LETTERS;
  return env.azs.flatMap((az) => {
    const letter = azLetter(az, region);
    if (letter === undefined || !letters.includes(letter)) return [];
    const text = key === "controlPlane" ? plannedControlPlaneSubnet(env.cidr, letter) : plannedSubnet(env.cidr, key, letter);
    return [{ az, text, cidr: parseCidr(text) as Cidr }];
  });
}

/**
 * The EKS control-plane subnets of an environment with `eks`: unless the file places them
 * itself, the plan must have a /28 for every AZ's letter. A small VPC has room for the first
 * letters only (a-d in a /20, a-b in a /21, a in a /22); giving a later letter an earlier
 * letter's /28 would move a subnet the day that letter's AZ is listed, so such a file is
 * rejected. Overlaps with other tiers are checkSubnetOverlaps' concern.
 */
function checkControlPlaneSubnets(env: EnvironmentSpec, vpc: Cidr, region: string, at: (...r: (string | number)[]) => FilePath, problems: Problem[]): void {
  if (env.subnets?.controlPlane) return;
  const fits = controlPlaneLetters(vpc.prefix);
  // AZs with a planned slot for the other tiers but none for the control plane (other AZs are checkAzs' concern).
  const outside = env.azs.flatMap((az) => {
    const letter = azLetter(az, region);
    const slot = letter === undefined ? undefined : azSlot(letter);
    return slot !== undefined && !fits.includes(letter!) ? [{ az, slot }] : [];
  });
  if (outside.length === 0) return;
  // The smallest VPC (largest prefix) whose control-plane 64th holds a /28 for the highest letter.
  const needed = MAX_VPC_PREFIX - Math.ceil(Math.log2(Math.max(...outside.map((o) => o.slot)) + 1));
  const fitting = fits.map((letter) => `${region}${letter}`);
  const onlyFitting = fits.length >= 2 ? `list only AZs among ${fitting.join(", ")}, ` : "";
  problems.push({
    path: at("azs"),
    message:
      `a /${vpc.prefix} VPC has room for planned EKS control-plane subnets (a /28 per AZ, placed by AZ letter) in ${fitting.join(", ")} only, ` +
      `not in ${outside.map((o) => o.az).join(", ")}; ${onlyFitting}use a VPC of /${needed} or larger, or place them yourself with subnets.controlPlane`,
  });
}

/**
 * No two subnets of an environment may overlap, wherever they come from: the file's `subnets`
 * overrides or the plan (control-plane subnets only with eks). Two planned subnets never overlap
 * (the plan's own tests prove it), so every pair here has at least one override, and a problem
 * is reported once per override, at the override.
 */
function checkSubnetOverlaps(env: EnvironmentSpec, vpc: Cidr, region: string, at: (...r: (string | number)[]) => FilePath, problems: Problem[]): void {
  const keys = SUBNET_OVERRIDE_KEYS.filter((k) => k !== "controlPlane" || env.eks);
  const all = keys.flatMap((key) => effectiveSubnets(env, vpc, region, key, at).map((subnet) => ({ ...subnet, key })));
  const reported = new Set<string>();
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const [first, second] = [all[i], all[j]];
      if ((!first.path && !second.path) || !overlaps(first.cidr, second.cidr)) continue;
      // Report at the later override when both are overrides, else at the one override.
      const [at_, other] = second.path ? [second, first] : [first, second];
      const key = formatPath(at_.path!);
      if (reported.has(key)) continue;
      reported.add(key);
      const what = other.path
        ? `${other.text} (${formatPath(other.path)})`
        : `${other.text}, the planned ${other.key === "controlPlane" ? "EKS control-plane" : other.key} subnet of ${other.az}`;
      const hint = !other.path && other.key === "controlPlane" ? ", or place the control-plane subnets yourself with subnets.controlPlane" : "";
      problems.push({ path: at_.path!, message: `${at_.text} overlaps ${what}; subnets must not overlap, so pick a range no other subnet uses${hint}` });
    }
  }
}

function checkRoleNames(
  prefix: string,
  env: EnvironmentSpec,
  publicZoneAccountId: string | undefined,
  at: (...r: (string | number)[]) => FilePath,
  problems: Problem[],
): void {
  const { externalDnsRecords, ...inEnvironment } = roleNames(prefix);
  // The records role exists only for a cluster outside the zone's account (it is created in that account).
  const crossAccountDns = publicZoneAccountId !== undefined && publicZoneAccountId !== env.accountId;
  const used = env.eks ? [...Object.values(inEnvironment), ...(crossAccountDns ? [externalDnsRecords] : [])] : [inEnvironment.flowLogs];
  const tooLong = used.filter((n) => n.length > IAM_ROLE_NAME_MAX).sort((a, b) => b.length - a.length);
  if (tooLong.length > 0) {
    problems.push({
      path: at(),
      message: `IAM role name ${tooLong[0]} is ${tooLong[0].length} characters, over IAM's ${IAM_ROLE_NAME_MAX}; shorten the organization or environment name`,
    });
  }
}

function checkEks(
  name: string,
  env: EnvironmentSpec,
  at: (...r: (string | number)[]) => FilePath,
  problems: Problem[],
  warnings: Warning[],
): void {
  const eks = env.eks!;
  if (!SUPPORTED_KUBERNETES_VERSIONS.includes(eks.version)) {
    problems.push({
      path: at("eks", "version"),
      message: `"${eks.version}" is not a supported Kubernetes version; use one of ${SUPPORTED_KUBERNETES_VERSIONS.join(", ")}`,
    });
  }
  if (env.azs.length < 2) {
    problems.push({ path: at("azs"), message: `has ${env.azs.length} AZ; EKS needs subnets in at least two AZs, so list two or more` });
  }
  if (eks.admins.length === 0) {
    problems.push({
      path: at("eks", "admins"),
      message:
        "is empty; the cluster creator is not made admin, so nobody could reach the cluster. List at least one IAM role ARN (e.g. arn:aws:iam::111111111111:role/platform-admin)",
    });
  }
  // Each entry becomes a resource keyed by its value (an access entry, an ingress rule): a value
  // listed twice would be two resources with one id.
  for (const list of ["admins", "readOnly", "publicAccessCidrs", "apiAccessCidrs"] as const) {
    eks[list].forEach((value, i) => {
      const first = eks[list].indexOf(value);
      if (first !== i) problems.push({ path: at("eks", list, i), message: `${value} is listed twice (first at eks.${list}[${first}]); list it once` });
    });
  }
  eks.readOnly.forEach((arn, i) => {
    if (eks.admins.includes(arn)) {
      problems.push({
        path: at("eks", "readOnly", i),
        message: `${arn} is also in eks.admins; a principal has one access entry, so keep it in one list`,
      });
    }
  });
  eks.publicAccessCidrs.forEach((text, i) => {
    const path = at("eks", "publicAccessCidrs", i);
    const parsed = parseCidr(text);
    if (typeof parsed === "string") return void problems.push({ path, message: `${text} ${parsed}` });
    if (parsed.prefix === 0) {
      problems.push({ path, message: `${text} opens the Kubernetes API to the whole internet; list your office or VPN CIDRs instead, or none to keep the endpoint private` });
    }
  });
  if (eks.publicAccessCidrs.length > 0) {
    warnings.push({
      path: at("eks", "publicAccessCidrs"),
      stack: stackNames.environment(name),
      message: `the public API endpoint is on, limited to ${eks.publicAccessCidrs.join(", ")}`,
    });
  }
  eks.apiAccessCidrs.forEach((text, i) => {
    const parsed = parseCidr(text);
    if (typeof parsed === "string") problems.push({ path: at("eks", "apiAccessCidrs", i), message: `${text} ${parsed}` });
    else if (parsed.prefix === 0) {
      problems.push({ path: at("eks", "apiAccessCidrs", i), message: `${text} admits every address; name the VPN or peer CIDRs that need the API` });
    }
  });
  const seenGroups = new Set<string>();
  eks.nodeGroups.forEach((group, i) => {
    const path = (...rest: string[]) => at("eks", "nodeGroups", i, ...rest);
    if (seenGroups.has(group.name)) problems.push({ path: path("name"), message: `"${group.name}" is used twice; node group names must be unique` });
    seenGroups.add(group.name);
    if (group.min > group.max) {
      problems.push({ path: path("min"), message: `min ${group.min} is greater than max ${group.max}; make min <= max` });
    }
    if (group.desired !== undefined && (group.desired < group.min || group.desired > group.max)) {
      problems.push({ path: path("desired"), message: `desired ${group.desired} is outside min ${group.min} .. max ${group.max}` });
    }
    // No length rule: node groups are named `<group>-<suffix>` (naming.ts nodeGroupNamePrefix), and
    // the schema's 32-character group names leave the 26-character suffix room within EKS's 63.
  });
}

function checkPeers(
  file: EnvironmentsFile,
  envNames: string[],
  vpcs: Map<string, Cidr>,
  problems: Problem[],
  warnings: Warning[],
): void {
  const edges = new Map<string, FilePath>();
  const degree = new Map<string, number>();
  for (const [name, env] of Object.entries(file.environments)) {
    env.peers.forEach((peer, i) => {
      const path: FilePath = ["environments", name, "peers", i];
      if (peer === name) return void problems.push({ path, message: `${name} lists itself; an environment cannot peer with itself` });
      if (!envNames.includes(peer)) {
        return void problems.push({ path, message: `${peer} is not an environment of this file; use one of ${envNames.filter((n) => n !== name).join(", ")}` });
      }
      const key = [name, peer].sort().join("<->");
      if (edges.has(key)) {
        const first = edges.get(key)!;
        return void problems.push({
          path,
          message: `${name} <-> ${peer} is already declared at ${formatPath(first)}; declare each peering once`,
        });
      }
      edges.set(key, path);
      degree.set(name, (degree.get(name) ?? 0) + 1);
      degree.set(peer, (degree.get(peer) ?? 0) + 1);
      const a = vpcs.get(name);
      const b = vpcs.get(peer);
      if (a && b && overlaps(a, b)) {
        problems.push({
          path: ["environments", name, "cidr"],
          message: `${env.cidr} overlaps ${peer} (${file.environments[peer].cidr}), which it peers with; pick a range outside it`,
        });
      }
    });
  }
  for (const [name, count] of degree) {
    // The quota is on peering connections; a Transit Gateway has none per VPC.
    if (count > PEERING_QUOTA_PER_VPC && file.connectivity !== "transitGateway") {
      warnings.push({
        path: ["environments", name, "peers"],
        stack: stackNames.peering,
        message: `${name} has ${count} peering connections, past AWS's default quota of ${PEERING_QUOTA_PER_VPC} per VPC; ask for a quota increase or move to a Transit Gateway (connectivity: transitGateway)`,
      });
    }
  }
}

/**
 * One CIDR plan for the whole organization: no two VPCs may overlap. Peered pairs are
 * reported by checkPeers with their own message; this adds pairs that share a hub, then
 * any other pair (they could never be peered later).
 */
function checkOrgWideOverlaps(file: EnvironmentsFile, vpcs: Map<string, Cidr>, problems: Problem[]): void {
  const names = [...vpcs.keys()];
  const peersOf = (n: string) =>
    new Set([...file.environments[n].peers, ...names.filter((m) => file.environments[m].peers.includes(n))]);
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const [a, b] = [names[i], names[j]];
      if (!overlaps(vpcs.get(a)!, vpcs.get(b)!)) continue;
      const pa = peersOf(a);
      const pb = peersOf(b);
      if (pa.has(b)) continue; // reported as a peered overlap
      const hub = [...pa].find((h) => pb.has(h));
      const why = hub
        ? `both are routed through ${hub}, which could not tell them apart`
        : "every VPC of the organization needs its own range so that any two can be peered later";
      problems.push({
        path: ["environments", b, "cidr"],
        message: `${file.environments[b].cidr} overlaps ${a} (${file.environments[a].cidr}); ${why}. Pick a range outside it`,
      });
    }
  }
}
