/**
 * The `dns` stack: what the public DNS zone's account holds for the clusters of other accounts,
 * namely the role each cluster's ExternalDNS assumes to change its environment's names there.
 * Deployed with the zone account's credentials (its deploy role), so no spoke stack needs a
 * provider, let alone admin, in the zone's account. State at `dns/dns.tfstate`.
 *
 * Each role trusts its cluster's ExternalDNS IRSA role by ARN, and IAM rejects a trust policy
 * naming a principal that does not exist ("Invalid principal in policy"), so this stack deploys
 * after the `<env>` stacks (buildApp adds the dependencies). It reads nothing from their state:
 * both ARNs are known at synth from the model. It uses no data source that calls AWS.
 */
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { ExternalDnsRecordsRole } from "../addons/external-dns/records-role";
import { recordsRoleSpecs } from "../addons/external-dns/zone-account";
import { stateKeys } from "../model/naming";
import type { Org } from "../model/org";
import { addAwsProvider } from "./aws-provider";
import { LandingZoneStack } from "./landing-zone-stack";
import { addS3Backend } from "./s3-backend";

export interface DnsStackProps {
  /** The organization: the public zone, its account and the clusters outside it. */
  readonly org: Org;
}

export class DnsStack extends LandingZoneStack {
  /** The records roles by environment name. */
  public readonly recordsRoles: ReadonlyMap<string, ExternalDnsRecordsRole>;

  constructor(scope: Construct, id: string, props: DnsStackProps) {
    super(scope, id);
    const { org } = props;
    const zoneAccountId = org.dns.publicZoneAccountId;
    if (!zoneAccountId) throw new Error(`${this.node.path}: dns.publicZoneAccountId is required for the dns stack`);
    addAwsProvider(this, "aws", { region: org.region, accountId: zoneAccountId, roleArn: org.dns.publicZoneRoleArn, tags: org.tags });
    addS3Backend(this, org.state, stateKeys.dns);

    const roles = new Map<string, ExternalDnsRecordsRole>();
    for (const spec of recordsRoleSpecs(org)) {
      // Address from the environment's name: adding or removing an environment touches only its role.
      const role = new ExternalDnsRecordsRole(this, `external-dns-records-${spec.environment}`, spec);
      roles.set(spec.environment, role);
      new TerraformOutput(this, `external-dns-records-${spec.environment}-role-arn`, {
        value: role.roleArn,
        description: `Role ${spec.environment}'s ExternalDNS assumes to change its names in ${org.dns.publicZone}`,
      });
    }
    this.recordsRoles = roles;
  }
}
