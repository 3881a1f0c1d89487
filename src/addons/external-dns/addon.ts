/**
 * ExternalDNS as an add-on: it writes the public Route 53 records of the cluster's Services and
 * Ingresses, only under the names its environment owns (record-names.ts).
 * - AWS side: an IRSA role for external-dns/external-dns. In the zone's account it may change
 *   the environment's records of that zone only (the 0.21 AWS tutorial's policy, CKV_AWS_355,
 *   with Route 53's record-name, type and action conditions). For a cluster in another account
 *   that policy sits on a role in the zone's account, which the `dns` stack creates with the
 *   zone account's credentials (zone-account.ts); the IRSA role may only assume it, by its ARN.
 * - Cluster side: the chart in its restricted namespace, `txtOwnerId` = the cluster name, the
 *   environment's domains as domain filters and the others' below them excluded, registry TXT
 *   records under each record's own name, the policy the model chose.
 */
import type { Construct } from "constructs";
import { roleNames } from "../../model/naming";
import { readableInPlan } from "../../platform/readable-in-plan";
import type { Addon, AddonAwsContext, AddonClusterContext, AddonOutputs, InstalledAddon } from "../addon";
import { ExternalDns } from "./external-dns";
import { assumeRecordsRoleStatements, externalDnsZoneStatements, hostedZoneArn } from "./policy";
import { forgetRetiredRecordsRole } from "./retired-records-role";
import { EXTERNAL_DNS_SERVICE_ACCOUNT } from "./service-account";
import { recordChangeScope, recordsRoleArn } from "./zone-account";

/** Output names of the AWS side. */
const OUTPUTS = { role: "external-dns-role-arn", assumeRole: "external-dns-assume-role-arn" } as const;

export const externalDnsAddon: Addon = {
  name: "external-dns",
  namespace: EXTERNAL_DNS_SERVICE_ACCOUNT.namespace,
  isEnabled: () => true,
  addAwsResources({ org, environment: env, cluster }: AddonAwsContext): AddonOutputs {
    const zoneId = org.dns.publicZoneId;
    const zoneAccountId = org.dns.publicZoneAccountId;
    if (!zoneId || !zoneAccountId) {
      throw new Error(`environments.${env.name}.eks: dns.publicZoneId and dns.publicZoneAccountId are required (ExternalDNS's IAM is scoped to the zone)`);
    }
    const sameAccount = zoneAccountId === env.accountId;
    const assumeRoleArn = sameAccount ? undefined : recordsRoleArn(env, zoneAccountId);
    const role = cluster.addServiceAccountRole("irsa-external-dns", {
      roleName: roleNames(env.prefix).externalDns,
      serviceAccount: EXTERNAL_DNS_SERVICE_ACCOUNT,
      inlinePolicyStatements:
        assumeRoleArn === undefined
          ? externalDnsZoneStatements(hostedZoneArn(env.partition, zoneId), recordChangeScope(env))
          : assumeRecordsRoleStatements(assumeRoleArn),
    });
    const outputs: Record<string, { value: string; description: string }> = {
      [OUTPUTS.role]: { value: role.roleArn, description: "IRSA role of ExternalDNS (external-dns/external-dns)" },
    };
    if (assumeRoleArn !== undefined) {
      forgetRetiredRecordsRole(cluster, env);
      outputs[OUTPUTS.assumeRole] = {
        value: assumeRoleArn,
        description: `Role in the public zone's account (${zoneAccountId}) that ExternalDNS assumes to change records; the dns stack creates it`,
      };
    }
    return outputs;
  },
  addClusterResources(scope: Construct, { org, platform, cluster, outputs }: AddonClusterContext): InstalledAddon {
    const roleArn = outputs[OUTPUTS.role];
    if (roleArn === undefined) {
      throw new Error(
        `${cluster.clusterName}: the cluster has no ${OUTPUTS.role} output of the external-dns add-on; build the cluster's AWS side with the add-on (EnvironmentStack does) or record its outputs with EksCluster.recordAddonOutputs`,
      );
    }
    const assumeRoleArn = outputs[OUTPUTS.assumeRole];
    const externalDns = new ExternalDns(scope, "external-dns", {
      roleArn: readableInPlan(roleArn),
      txtOwnerId: readableInPlan(cluster.clusterName),
      domainFilters: platform.externalDns.domains,
      excludeDomains: platform.externalDns.excludedDomains,
      zoneId: org.dns.publicZoneId,
      policy: platform.externalDns.policy,
      assumeRoleArn: assumeRoleArn && readableInPlan(assumeRoleArn),
    });
    return { namespace: externalDns.namespace.name, construct: externalDns, ready: [externalDns.release] };
  },
};
