/**
 * ExternalDNS's side in the public zone's account, read from the model: which clusters need a
 * records role there, and the ARNs both sides agree on. A hosted zone lives in one account and
 * Route 53 has no resource policies, so a cluster in another account changes records through a
 * role in the zone's account. That role is created by the `dns` stack, deployed with the zone
 * account's credentials (src/stacks/dns-stack.ts), never by the spoke's stack: no spoke pipeline
 * holds rights in the zone account. Both names are known at synth, so neither stack reads the
 * other's state. No constructs.
 */
import { deployRoleArn, roleNames } from "../../model/naming";
import type { Environment, Org } from "../../model/org";
import { hostedZoneArn, type RecordChangeScope } from "./policy";

/** ARN of the role the environment's ExternalDNS assumes in the zone's account (`<prefix>-external-dns-records`). */
export function recordsRoleArn(env: Environment, zoneAccountId: string): string {
  return deployRoleArn(env.partition, zoneAccountId, roleNames(env.prefix).externalDnsRecords);
}

/** ARN of the environment's ExternalDNS IRSA role (`<prefix>-irsa-external-dns`, path `/`), in its own account. */
export function irsaRoleArn(env: Environment): string {
  return deployRoleArn(env.partition, env.accountId, roleNames(env.prefix).externalDns);
}

/** What the environment's ExternalDNS may change: its names, and actions by its policy. */
export function recordChangeScope(env: Environment): RecordChangeScope {
  const { domains, excludedDomains, policy } = env.platform!.externalDns;
  return { domains, excludedDomains, policy };
}

/** Whether the environment's cluster changes records through a role in the zone's account. */
export function needsRecordsRole(env: Environment, org: Org): boolean {
  const zoneAccountId = org.dns.publicZoneAccountId;
  return env.eks !== undefined && zoneAccountId !== undefined && zoneAccountId !== env.accountId;
}

/** One records role of the zone's account, as ExternalDnsRecordsRole takes it. */
export interface RecordsRoleSpec {
  /** The environment whose ExternalDNS assumes it. */
  readonly environment: string;
  readonly roleName: string;
  readonly trustedRoleArn: string;
  readonly hostedZoneArn: string;
  readonly scope: RecordChangeScope;
}

/** The records roles the zone's account holds: one per cluster outside it, in the file's order. */
export function recordsRoleSpecs(org: Org): RecordsRoleSpec[] {
  const zoneId = org.dns.publicZoneId;
  return org.environments
    .filter((env) => needsRecordsRole(env, org))
    .map((env) => ({
      environment: env.name,
      roleName: roleNames(env.prefix).externalDnsRecords,
      trustedRoleArn: irsaRoleArn(env),
      hostedZoneArn: hostedZoneArn(env.partition, zoneId!),
      scope: recordChangeScope(env),
    }));
}
