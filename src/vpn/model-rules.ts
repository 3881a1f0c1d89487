/**
 * Rules of `environments.<name>.vpn` that relate it to the rest of the file or to AWS limits.
 * Called by src/model/rules.ts on a schema-valid file; reports every problem, never throws.
 */
import { contains, overlaps, parseCidr, type Cidr } from "../model/cidr";
import { bucketNameProblem, IAM_ROLE_NAME_MAX, stackNames } from "../model/naming";
import type { FilePath, Problem } from "../model/problems";
import type { Warning } from "../model/rules";
import type { EnvironmentsFile } from "../model/schema";
import { DOCUMENTATION_RANGES, vpnNames } from "./vpn-plan";

/** Checks the vpn block of environment `name` (when it has one). */
export function checkVpn(file: EnvironmentsFile, name: string, problems: Problem[], warnings: Warning[]): void {
  const env = file.environments[name];
  const vpn = env.vpn;
  if (!vpn) return;
  const at = (...rest: (string | number)[]): FilePath => ["environments", name, "vpn", ...rest];

  if (vpn.az !== undefined && !env.azs.includes(vpn.az)) {
    problems.push({ path: at("az"), message: `${vpn.az} is not one of the environment's azs (${env.azs.join(", ")}); the server lives in the public subnet of one of them` });
  }

  const parsedList = (key: "clientCidrs" | "adminCidrs" | "routes", list: readonly string[]): Cidr[] => {
    const out: Cidr[] = [];
    list.forEach((text, i) => {
      const parsed = parseCidr(text);
      if (typeof parsed === "string") return void problems.push({ path: at(key, i), message: `${text} ${parsed}` });
      const first = list.indexOf(text);
      // Each entry becomes a security-group rule keyed by its CIDR.
      if (first !== i) problems.push({ path: at(key, i), message: `${text} is listed twice (first at vpn.${key}[${first}]); list it once` });
      out.push(parsed);
    });
    return out;
  };

  parsedList("clientCidrs", vpn.clientCidrs);
  const admin = parsedList("adminCidrs", vpn.adminCidrs);
  admin.forEach((c, i) => {
    if (c.prefix === 0) {
      problems.push({
        path: at("adminCidrs", i),
        message: `${vpn.adminCidrs[i]} opens the Pritunl web console to the whole internet; list your office or admin egress CIDRs instead`,
      });
    }
  });
  const documentation = vpn.adminCidrs.filter((text) => {
    const parsed = parseCidr(text);
    return typeof parsed !== "string" && DOCUMENTATION_RANGES.some((range) => contains(range, parsed));
  });
  if (documentation.length > 0) {
    warnings.push({
      path: at("adminCidrs"),
      stack: stackNames.environment(name),
      message:
        `${documentation.join(", ")} is a documentation range (RFC 5737) that no real address is in, so nobody can open the web console; ` +
        "replace it with the CIDRs your administrators connect from",
    });
  }

  // Routes may only reach what the environment itself reaches: its VPC and its peers' (peering
  // is not transitive, and client traffic leaves through the environment's VPC).
  const reachable = [env.cidr, ...peersOf(file, name).map((peer) => file.environments[peer].cidr)];
  if (vpn.routes) {
    if (vpn.routes.length === 0) problems.push({ path: at("routes"), message: "is empty; clients would reach nothing. Remove it to push the environment's VPC and its peers'" });
    const routes = parsedList("routes", vpn.routes);
    routes.forEach((route, i) => {
      if (reachable.some((r) => typeof parseCidr(r) !== "string" && contains(r, route))) return;
      const others = Object.entries(file.environments)
        .filter(([, spec]) => !reachable.includes(spec.cidr) && typeof parseCidr(spec.cidr) !== "string" && overlaps(spec.cidr, route))
        .map(([other]) => other);
      problems.push({
        path: at("routes", i),
        message:
          `${vpn.routes![i]} is outside what ${name} reaches (${reachable.join(", ")})` +
          (others.length ? `, and reaches ${others.join(", ")}, which ${name} is not peered with` : "") +
          "; push only ranges inside the environment's VPC or a peer's",
      });
    });
  }

  const prefix = `${file.organization}-${name}`;
  const names = vpnNames(prefix, env.accountId);
  if (names.role.length > IAM_ROLE_NAME_MAX) {
    problems.push({ path: at(), message: `IAM role name ${names.role} is ${names.role.length} characters, over IAM's ${IAM_ROLE_NAME_MAX}; shorten the organization or environment name` });
  }
  for (const bucket of [names.backupBucket, names.accessLogBucket]) {
    const problem = bucketNameProblem(bucket);
    if (problem) problems.push({ path: at(), message: `the derived bucket name "${bucket}" ${problem}; shorten the organization or environment name` });
  }
  if (vpn.spokeAccess === "vpn" && env.eks && peersOf(file, name).some((peer) => file.environments[peer].peers.includes(name))) {
    warnings.push({
      path: at("spokeAccess"),
      stack: stackNames.environment(name),
      message: `spokes admit only the VPN server from ${name}, so ${name}'s own cluster cannot reach their API or data tier; set spokeAccess: wholeHub if it must`,
    });
  }
}

/** Environments peered with `name`, either side declaring it. */
function peersOf(file: EnvironmentsFile, name: string): string[] {
  const declared = file.environments[name].peers.filter((p) => p in file.environments && p !== name);
  const declaring = Object.entries(file.environments)
    .filter(([other, spec]) => other !== name && spec.peers.includes(name))
    .map(([other]) => other);
  return [...new Set([...declared, ...declaring])];
}
