/**
 * Which names of the public zone each environment's ExternalDNS owns, and the Route 53 IAM
 * conditions and ExternalDNS filters that hold it to them. Pure: no constructs.
 *
 * Ownership: an environment owns each of its `domains` and every name under it, except the
 * domains of other environments that lie under one of its own (the most specific owner wins),
 * and never an `_acme-challenge` name. By default production owns the zone and every other
 * environment `<env>.<publicZone>`, so production owns the zone minus `development.<zone>` and
 * its subdomains, and development owns exactly `development.<zone>` and its subdomains.
 *
 * Why `_acme-challenge` is never granted: a TXT record there is a DNS-01 proof of control; who can
 * write it can get a publicly trusted certificate for the name from any ACME CA. ExternalDNS's
 * sources here (Service, Ingress) never need one (it writes A/AAAA/CNAME plus its own registry
 * TXT records), so the grant would only widen what a compromised cluster can do. A certificate
 * tool that answers DNS-01 (cert-manager) gets its own role for exactly those names.
 */

/** The registry TXT prefix: `edns-<type>.<name>` keeps each ownership record under its own name (see txtRecordName). */
export const TXT_PREFIX = "edns-%{record_type}.";

/**
 * Record types ExternalDNS may change: its default `--managed-record-types` (A, AAAA, CNAME;
 * ExternalDNS 0.21 docs/flags.md) and TXT for its registry. No NS (no delegation away), no CAA,
 * no MX.
 */
export const MANAGED_RECORD_TYPES = ["A", "AAAA", "CNAME", "TXT"] as const;

/**
 * `route53:ChangeResourceRecordSetsActions` values per ExternalDNS policy. ExternalDNS 0.21's AWS
 * provider sends CREATE for new records, UPSERT for updates and DELETE for removals, and also
 * DELETE + CREATE for an update it cannot upsert (record type, alias, set identifier or routing
 * policy changed: provider/aws/aws.go requiresDeleteCreate). `upsert-only` promises never to
 * delete, so it gets no DELETE: such an update then fails in the ExternalDNS log until an
 * operator changes the record (or the policy to `sync`).
 */
export const CHANGE_ACTIONS = {
  "upsert-only": ["CREATE", "UPSERT"],
  sync: ["CREATE", "UPSERT", "DELETE"],
} as const satisfies Record<string, readonly string[]>;

/** Normalized-name patterns for ACME DNS-01 challenge records at any depth. */
export const ACME_CHALLENGE_PATTERNS = ["_acme-challenge.*", "*._acme-challenge.*"] as const;

/** The names one environment's ExternalDNS owns. */
export interface OwnedNames {
  /** Domains it owns, each with every name under it (ExternalDNS `domainFilters`). */
  readonly domains: readonly string[];
  /** Other environments' domains under its own, excluded with every name under them (ExternalDNS `excludeDomains`). */
  readonly excludedDomains: readonly string[];
}

/** An environment as the ownership needs it. */
export interface DnsEnvironment {
  readonly name: string;
  /** Whether it is a production environment (its default domain is the whole zone). */
  readonly production: boolean;
  /** Domains it asks for; undefined means the default. */
  readonly domains?: readonly string[];
}

/** The default domains: the whole zone for production, `<env>.<publicZone>` for any other environment. */
export function defaultDomains(env: Pick<DnsEnvironment, "name" | "production">, publicZone: string): string[] {
  return env.production ? [publicZone] : [`${env.name}.${publicZone}`];
}

/** The environment's domains: the ones it lists, or the default. */
export function domainsOf(env: DnsEnvironment, publicZone: string): string[] {
  return env.domains ? [...env.domains] : defaultDomains(env, publicZone);
}

/** Whether `name` is `domain` or a name under it (DNS names, lowercase, no trailing dot). */
export function isAtOrUnder(name: string, domain: string): boolean {
  return name === domain || name.endsWith(`.${domain}`);
}

/** Whether `name` lies strictly under `domain`. */
export function isStrictlyUnder(name: string, domain: string): boolean {
  return name !== domain && name.endsWith(`.${domain}`);
}

/**
 * What each environment owns (by environment name), given all environments that run ExternalDNS:
 * its domains, minus the other environments' domains that lie strictly under one of its own.
 */
export function ownedNamesByEnvironment(environments: readonly DnsEnvironment[], publicZone: string): Map<string, OwnedNames> {
  const domains = new Map(environments.map((e) => [e.name, domainsOf(e, publicZone)]));
  const owned = new Map<string, OwnedNames>();
  for (const env of environments) {
    const own = domains.get(env.name)!;
    const others = environments.filter((o) => o.name !== env.name).flatMap((o) => domains.get(o.name)!);
    const excludedDomains = [...new Set(others.filter((d) => own.some((mine) => isStrictlyUnder(d, mine))))].sort();
    owned.set(env.name, { domains: own, excludedDomains });
  }
  return owned;
}

/**
 * The `route53:ChangeResourceRecordSetsNormalizedRecordNames` patterns of an ownership: every
 * changed name must match one of `allowed` (ForAllValues:StringLike) and none of `denied`
 * (ForAllValues:StringNotLike). A domain `d` becomes `d` and `*.d`; in StringLike `*` matches
 * any characters, dots included, so `*.d` covers every depth under `d`. Domains here are
 * lowercase letters, digits, `-` and `.`, which Route 53's normalization leaves as they are.
 */
export function recordNamePatterns(owned: OwnedNames): { allowed: string[]; denied: string[] } {
  const withSubdomains = (d: string) => [d, `*.${d}`];
  return {
    allowed: owned.domains.flatMap(withSubdomains),
    denied: [...owned.excludedDomains.flatMap(withSubdomains), ...ACME_CHALLENGE_PATTERNS],
  };
}

/**
 * A record name as Route 53 normalizes it for `route53:ChangeResourceRecordSetsNormalizedRecordNames`
 * (Route 53 Developer Guide, "Using IAM policy conditions for fine-grained access control"):
 * lowercase, no trailing dot, and every character other than a-z, 0-9, `-`, `_` and `.` as a
 * backslash and its three-digit octal code (`*` is `\052`).
 */
export function normalizeRecordName(name: string): string {
  const lower = name.toLowerCase().replace(/\.$/, "");
  return [...lower].map((c) => (/[a-z0-9_.-]/.test(c) ? c : `\\${c.charCodeAt(0).toString(8).padStart(3, "0")}`)).join("");
}

/**
 * The name of ExternalDNS's registry TXT record for a record `name` of `recordType`, with a
 * prefix that holds `%{record_type}` (ExternalDNS 0.21 registry/mapper/mapper.go ToTXTName:
 * prefix + first label + "." + rest). With TXT_PREFIX it is a child of the record's own name,
 * so it lies in the same environment's names, even for the environment's own apex.
 */
export function txtRecordName(name: string, recordType: string, prefix: string = TXT_PREFIX): string {
  const type = recordType.toLowerCase();
  const affix = prefix.toLowerCase().replaceAll("%{record_type}", type);
  const [first, rest] = splitFirstLabel(name);
  const label = prefix.includes("%{record_type}") ? first : `${type}-${first}`;
  return rest === undefined ? affix + label : `${affix}${label}.${rest}`;
}

function splitFirstLabel(name: string): [string, string | undefined] {
  const dot = name.indexOf(".");
  return dot < 0 ? [name, undefined] : [name.slice(0, dot), name.slice(dot + 1)];
}
