/**
 * ExternalDNS in its own restricted namespace: it writes public Route53 records for the
 * Services and Ingresses of the cluster, through the IRSA role the cluster stack created for
 * service account external-dns/external-dns.
 */
import type { Release } from "@cdktf/provider-helm/lib/release";
import { Construct } from "constructs";
import { EXTERNAL_DNS_SERVICE_ACCOUNT } from "./service-account";
import { EXTERNAL_DNS_CHART } from "../../platform/charts";
import { externalDnsValues, type ExternalDnsValues } from "./values";
import { addHelmChartRelease } from "../../platform/helm-chart-release";
import { PodSecurityNamespace } from "../../platform/pod-security-namespace";

export interface ExternalDnsProps {
  /** IRSA role of the service account. */
  readonly roleArn: string;
  /** TXT registry owner id, unique per cluster (the cluster name). */
  readonly txtOwnerId: string;
  /** Public zone (domain) ExternalDNS may write to. */
  readonly domainFilter: string;
  /** Id of the public zone. @default - every public zone matching the domain */
  readonly zoneId?: string;
  /** Record synchronization policy. */
  readonly policy: "upsert-only" | "sync";
  /** Role in the zone's account to assume for record changes (cluster in another account). @default - none: the IRSA role changes records itself */
  readonly assumeRoleArn?: string;
}

export class ExternalDns extends Construct {
  /** The namespace, `external-dns`. */
  public readonly namespace: PodSecurityNamespace;
  public readonly release: Release;
  /** The values the release was rendered from. */
  public readonly values: ExternalDnsValues;

  constructor(scope: Construct, id: string, props: ExternalDnsProps) {
    super(scope, id);
    const { namespace, name } = EXTERNAL_DNS_SERVICE_ACCOUNT;
    this.namespace = new PodSecurityNamespace(this, "namespace", { name: namespace, podSecurity: "restricted" });
    this.values = externalDnsValues({
      roleArn: props.roleArn,
      txtOwnerId: props.txtOwnerId,
      domainFilter: props.domainFilter,
      zoneId: props.zoneId,
      policy: props.policy,
      assumeRoleArn: props.assumeRoleArn,
    });
    this.release = addHelmChartRelease(this, "release", {
      name,
      chart: EXTERNAL_DNS_CHART,
      namespace,
      values: this.values,
      dependsOn: [this.namespace.resource],
    });
  }
}
