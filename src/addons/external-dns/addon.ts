/**
 * ExternalDNS as an add-on: it writes the public Route 53 records of the cluster's Services and
 * Ingresses.
 * - AWS side: an IRSA role for external-dns/external-dns. In the zone's account it may change
 *   records of that zone only (the 0.21 AWS tutorial's policy, CKV_AWS_355). A hosted zone lives
 *   in one account and Route 53 has no resource policies, so for a cluster in another account
 *   that policy sits on a role in the zone's account and the IRSA role may only assume it.
 * - Cluster side: the chart in its restricted namespace, `txtOwnerId` = the cluster name, the
 *   zone as domain filter, the policy the model chose.
 */
import type { Construct } from "constructs";
import { roleNames } from "../../model/naming";
import { readableInPlan } from "../../platform/readable-in-plan";
import type { Addon, AddonAwsContext, AddonClusterContext, AddonOutputs, InstalledAddon } from "../addon";
import { ExternalDns } from "./external-dns";
import { assumeRecordsRoleStatements, externalDnsZoneStatements, hostedZoneArn } from "./policy";
import { ExternalDnsRecordsRole } from "./records-role";
import { EXTERNAL_DNS_SERVICE_ACCOUNT } from "./service-account";

/** Output names of the AWS side. */
const OUTPUTS = { role: "external-dns-role-arn", assumeRole: "external-dns-assume-role-arn" } as const;

export const externalDnsAddon: Addon = {
  name: "external-dns",
  namespace: EXTERNAL_DNS_SERVICE_ACCOUNT.namespace,

  isEnabled: () => true,

  addAwsResources({ org, environment: env, cluster, publicZoneProvider }: AddonAwsContext): AddonOutputs {
    const zoneId = org.dns.publicZoneId;
    const zoneAccountId = org.dns.publicZoneAccountId;
    if (!zoneId || !zoneAccountId) {
      throw new Error(`environments.${env.name}.eks: dns.publicZoneId and dns.publicZoneAccountId are required (ExternalDNS's IAM is scoped to the zone)`);
    }
    const names = roleNames(env.prefix);
    const zoneArn = hostedZoneArn(env.partition, zoneId);
    const sameAccount = zoneAccountId === env.accountId;
    const role = cluster.addServiceAccountRole("irsa-external-dns", {
      roleName: names.externalDns,
      serviceAccount: EXTERNAL_DNS_SERVICE_ACCOUNT,
      inlinePolicyStatements: sameAccount ? externalDnsZoneStatements(zoneArn) : undefined,
    });
    const outputs: Record<string, { value: string; description: string }> = {
      [OUTPUTS.role]: { value: role.roleArn, description: "IRSA role of ExternalDNS (external-dns/external-dns)" },
    };
    if (!sameAccount) {
      if (!publicZoneProvider) {
        throw new Error(`environments.${env.name}.eks: the public zone is in account ${zoneAccountId}; the stack must pass an aws provider acting there`);
      }
      const recordsRole = new ExternalDnsRecordsRole(cluster, "external-dns-records", {
        roleName: names.externalDnsRecords,
        trustedRoleArn: role.roleArn,
        hostedZoneArn: zoneArn,
        provider: publicZoneProvider,
      });
      role.addInlinePolicy(assumeRecordsRoleStatements(recordsRole.roleArn));
      outputs[OUTPUTS.assumeRole] = {
        value: recordsRole.roleArn,
        description: `Role in the public zone's account (${zoneAccountId}) that ExternalDNS assumes to change records`,
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
      domainFilter: org.dns.publicZone,
      zoneId: org.dns.publicZoneId,
      policy: platform.externalDns.policy,
      assumeRoleArn: assumeRoleArn && readableInPlan(assumeRoleArn),
    });
    return { namespace: externalDns.namespace.name, construct: externalDns, ready: [externalDns.release] };
  },
};
