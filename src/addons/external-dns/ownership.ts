/**
 * The environments file's side of ExternalDNS's name ownership: which environments run it, what
 * each asks for, and the checks that keep ownership expressible as IAM conditions. No constructs;
 * src/model/derive.ts and src/model/rules.ts call it.
 */
import type { FilePath, Problem } from "../../model/problems";
import type { EnvironmentsFile } from "../../model/schema";
import { domainsOf, isAtOrUnder, isStrictlyUnder, ownedNamesByEnvironment, type DnsEnvironment, type OwnedNames } from "./record-names";

/** Every environment with a cluster (each runs ExternalDNS), as the ownership needs it. */
export function dnsEnvironments(file: EnvironmentsFile): DnsEnvironment[] {
  return Object.entries(file.environments)
    .filter(([, spec]) => spec.eks)
    .map(([name, spec]) => ({ name, production: spec.production ?? name.startsWith("prod"), domains: spec.platform?.externalDns.domains }));
}

/** What each environment with a cluster owns, by environment name. */
export function externalDnsOwnership(file: EnvironmentsFile): Map<string, OwnedNames> {
  return ownedNamesByEnvironment(dnsEnvironments(file), file.dns.publicZone);
}

/**
 * Problems of the environments' `platform.externalDns.domains`: a name outside the public zone,
 * one name owned by two clusters (their ExternalDNS would overwrite each other's records), and a
 * name inside another environment's domain that itself lies inside the first one's (an exclusion
 * inside an exclusion, which one IAM statement cannot express).
 */
export function checkExternalDnsDomains(file: EnvironmentsFile, problems: Problem[]): void {
  const zone = file.dns.publicZone;
  const envs = dnsEnvironments(file);
  const pathOf = (env: DnsEnvironment, i?: number): FilePath =>
    ["environments", env.name, "platform", "externalDns", "domains", ...(env.domains && i !== undefined ? [i] : [])];
  for (const env of envs) {
    env.domains?.forEach((d, i) => {
      if (!isAtOrUnder(d, zone)) {
        problems.push({ path: pathOf(env, i), message: `${d} is not in the public zone ${zone}; list ${zone} or names under it, such as ${env.name}.${zone}` });
      }
    });
  }
  // The ingress hostname is a record ExternalDNS writes: outside the environment's names, Route 53 would refuse it.
  const owned = externalDnsOwnership(file);
  for (const env of envs) {
    const hostname = file.environments[env.name].platform?.ingress.hostname;
    const mine = owned.get(env.name)!;
    const inside = (h: string) => mine.domains.some((d) => isAtOrUnder(h, d)) && !mine.excludedDomains.some((x) => isAtOrUnder(h, x));
    if (hostname !== undefined && isAtOrUnder(hostname, zone) && !inside(hostname)) {
      problems.push({
        path: ["environments", env.name, "platform", "ingress", "hostname"],
        message:
          `${hostname} is not among ${env.name}'s ExternalDNS names (${mine.domains.join(", ")}${mine.excludedDomains.length ? ` except ${mine.excludedDomains.join(", ")}` : ""}), ` +
          `so Route 53 would refuse the record; pick a name under them or add its domain to platform.externalDns.domains`,
      });
    }
  }
  const owners = new Map<string, string>();
  for (const env of envs) {
    const mine = domainsOf(env, zone);
    mine.forEach((d, i) => {
      const other = owners.get(d);
      if (other !== undefined) {
        problems.push({
          path: pathOf(env, i),
          message:
            `${d} is also owned by ${other}'s ExternalDNS${env.domains ? "" : " (both by default)"}; two clusters would overwrite each other's records. ` +
            `Set platform.externalDns.domains of one of them to other names, such as ${env.name}.${zone}`,
        });
      } else owners.set(d, env.name);
    });
    for (const other of envs.filter((o) => o !== env)) {
      for (const theirs of domainsOf(other, zone)) {
        const inside = mine.find((d) => isStrictlyUnder(d, theirs) && mine.some((outer) => isStrictlyUnder(theirs, outer)));
        if (inside !== undefined) {
          problems.push({
            path: pathOf(env, mine.indexOf(inside)),
            message: `${inside} lies in ${other.name}'s ${theirs}, which lies in ${env.name}'s own names; give ${inside} to ${other.name} or drop it`,
          });
        }
      }
    }
  }
}
