/**
 * Typed values of the external-dns chart (1.21.1) and their builder. No constructs: tests check
 * the result against the chart's values.yaml and values.schema.json directly.
 *
 * Deliberately absent:
 * - `replicaCount`: the chart has none; its Deployment always runs one replica, which ExternalDNS
 *   needs (it has no leader election). `deploymentStrategy: Recreate` keeps it one during rollouts.
 * - `securityContext` / `podSecurityContext`: the chart's defaults (non-root, read-only root file
 *   system, all capabilities dropped, RuntimeDefault seccomp) meet the `restricted` Pod Security
 *   Standard and are kept as they are.
 */
import { TXT_PREFIX } from "./record-names";
import { EXTERNAL_DNS_SERVICE_ACCOUNT } from "./service-account";

/** CPU and memory of a container, in Kubernetes quantities. */
export interface ResourceQuantities {
  readonly cpu: string;
  readonly memory: string;
}

/** The subset of the chart's values this project sets (names as in the chart's values.yaml). */
export interface ExternalDnsValues {
  readonly provider: { readonly name: "aws" };
  readonly serviceAccount: {
    readonly create: true;
    readonly name: string;
    readonly annotations: Readonly<Record<string, string>>;
  };
  readonly deploymentStrategy: { readonly type: "Recreate" };
  readonly sources: readonly string[];
  readonly policy: "upsert-only" | "sync";
  readonly registry: "txt";
  readonly txtOwnerId: string;
  readonly txtPrefix: string;
  readonly domainFilters: readonly string[];
  readonly excludeDomains: readonly string[];
  /** Flags the chart has no value for, as `--flag=value` strings. */
  readonly extraArgs: readonly string[];
  readonly logFormat: "json" | "text";
  readonly resources: { readonly requests: ResourceQuantities; readonly limits: ResourceQuantities };
}

/** Inputs of the external-dns values. */
export interface ExternalDnsValuesOptions {
  /** IRSA role the service account assumes (its trust is bound to external-dns/external-dns). */
  readonly roleArn: string;
  /** Owner id written into the TXT registry records; unique per cluster so clusters never delete each other's records. */
  readonly txtOwnerId: string;
  /**
   * The names ExternalDNS may write, each with every name under it: the zone, or names in it
   * (the environment's `platform.externalDns.domains`). The records role's IAM conditions allow
   * exactly these; a name outside them would only fail at Route 53.
   */
  readonly domainFilters: readonly string[];
  /** Names under those it must leave alone (other environments' domains). @default [] */
  readonly excludeDomains?: readonly string[];
  /** Id of that zone; narrows ExternalDNS to exactly it. @default - every public zone matching the domain filter */
  readonly zoneId?: string;
  /** `upsert-only` never deletes records; `sync` does. */
  readonly policy: "upsert-only" | "sync";
  /**
   * Role in the zone's account that ExternalDNS assumes, with its IRSA credentials, to change
   * records, for a cluster in another account. @default - none: the IRSA role changes records itself
   */
  readonly assumeRoleArn?: string;
}

/** Values for an ExternalDNS that manages public Route53 records of Services and Ingresses. */
export function externalDnsValues(options: ExternalDnsValuesOptions): ExternalDnsValues {
  const extraArgs = ["--aws-zone-type=public"];
  // A domain filter below the zone (development.acme.example.com) does not match the zone's own
  // name, so ExternalDNS 0.21 skips the zone unless told to match parents (provider/aws/aws.go
  // Zones: domainFilter.Match, then MatchParent only with --aws-zone-match-parent). The zone id
  // filter narrows the zones to one, so matching parents widens nothing.
  if (options.zoneId) extraArgs.push(`--zone-id-filter=${options.zoneId}`, "--aws-zone-match-parent");
  // The chart (1.21.1) has no value for it. ExternalDNS's flag reference (docs/flags.md in
  // kubernetes-sigs/external-dns): "--aws-assume-role: When using the AWS API, assume this IAM role.
  // Useful for hosted zones in another AWS account. Specify the full ARN".
  if (options.assumeRoleArn) extraArgs.push(`--aws-assume-role=${options.assumeRoleArn}`);
  return {
    provider: { name: "aws" },
    serviceAccount: {
      create: true,
      name: EXTERNAL_DNS_SERVICE_ACCOUNT.name,
      annotations: { "eks.amazonaws.com/role-arn": options.roleArn },
    },
    deploymentStrategy: { type: "Recreate" },
    sources: ["service", "ingress"],
    policy: options.policy,
    registry: "txt",
    txtOwnerId: options.txtOwnerId,
    // Each registry TXT record becomes a child of its record's name (edns-a.www.<env>.<zone>),
    // so it lies in the names the environment owns, also for the environment's own apex; the
    // default (a-<first label>) would put the TXT record of <env>.<zone> beside it, in
    // production's names, and that of the zone apex outside the zone.
    txtPrefix: TXT_PREFIX,
    domainFilters: [...options.domainFilters],
    excludeDomains: [...(options.excludeDomains ?? [])],
    extraArgs,
    logFormat: "json",
    resources: {
      requests: { cpu: "50m", memory: "64Mi" },
      limits: { cpu: "200m", memory: "128Mi" },
    },
  };
}
