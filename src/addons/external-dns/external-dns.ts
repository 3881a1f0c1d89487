/**
 * ExternalDNS in its own restricted namespace: it writes public Route53 records for the
 * Services and Ingresses of the cluster, through the IRSA role the cluster stack created for
 * service account external-dns/external-dns.
 */
import type { Release } from "@cdktf/provider-helm/lib/release";
import { Construct } from "constructs";
import { EXTERNAL_DNS_SERVICE_ACCOUNT } from "./service-account";
import { EXTERNAL_DNS_CHART } from "../../platform/charts";
import { externalDnsValues, type ExternalDnsValues, type ExternalDnsValuesOptions } from "./values";
import { addHelmChartRelease } from "../../platform/helm-chart-release";
import { PodSecurityNamespace } from "../../platform/pod-security-namespace";

/** What ExternalDns renders: its values' inputs, documented there. */
export type ExternalDnsProps = ExternalDnsValuesOptions;

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
    this.values = externalDnsValues(props);
    this.release = addHelmChartRelease(this, "release", {
      name,
      chart: EXTERNAL_DNS_CHART,
      namespace,
      values: this.values,
      dependsOn: [this.namespace.resource],
    });
  }
}
