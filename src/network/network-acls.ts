/**
 * The VPC's network ACLs (CKV2_AWS_1): the default NACL adopted and emptied (no rules; every
 * subnet is associated with its tier's NACL instead), and one NACL per tier with the rules of
 * network-acl-rules.ts as separate `aws_network_acl_rule`s and one association per subnet, each
 * keyed by what it is (rule id, AZ letter), so adding an AZ, a peer or a port only adds resources.
 * Associating a subnet with a NACL changes the association, never the subnet.
 */
import { DefaultNetworkAcl } from "@cdktf/provider-aws/lib/default-network-acl";
import { NetworkAcl } from "@cdktf/provider-aws/lib/network-acl";
import { NetworkAclAssociation } from "@cdktf/provider-aws/lib/network-acl-association";
import { NetworkAclRule } from "@cdktf/provider-aws/lib/network-acl-rule";
import { Annotations } from "cdktf";
import { Construct } from "constructs";
import { NACL_RULES_QUOTA, type AclTier, type NaclRule } from "./network-acl-rules";
import { perAzId, tierName } from "./network-names";

/** The subnets of one tier with their AZ letters. */
export interface AclTierSubnets {
  /** Tier whose NACL the subnets join. */
  readonly tier: AclTier;
  /** Subnets, each with its AZ letter; `kind` names the association (`control-plane` subnets join the private NACL). */
  readonly subnets: readonly { readonly azSuffix: string; readonly subnetId: string; readonly kind: string }[];
}

export interface NetworkAclsProps {
  /** `${organization}-${environment}`: prefix of the Name tags. */
  readonly namePrefix: string;
  /** VPC of the NACLs. */
  readonly vpcId: string;
  /** The VPC's default network ACL id (`aws_vpc.default_network_acl_id`). */
  readonly defaultNetworkAclId: string;
  /** Rules of each tier's NACL (network-acl-rules.ts). */
  readonly rules: Readonly<Record<AclTier, readonly NaclRule[]>>;
  /** Subnets of each tier; a tier without subnets gets no NACL. */
  readonly tiers: readonly AclTierSubnets[];
}

export class NetworkAcls extends Construct {
  /** NACL id by tier (only tiers with subnets). */
  public readonly networkAclIds: Partial<Record<AclTier, string>>;

  constructor(scope: Construct, id: string, props: NetworkAclsProps) {
    super(scope, id);
    new DefaultNetworkAcl(this, "default", {
      defaultNetworkAclId: props.defaultNetworkAclId,
      tags: { Name: tierName(props.namePrefix, "default") },
      // No ingress and no egress block: the default NACL denies everything, and no subnet is left in it.
    });
    const ids: Partial<Record<AclTier, string>> = {};
    for (const { tier, subnets } of props.tiers) {
      if (subnets.length === 0) continue;
      const acl = new NetworkAcl(this, tier, { vpcId: props.vpcId, tags: { Name: tierName(props.namePrefix, tier) } });
      ids[tier] = acl.id;
      for (const subnet of subnets) {
        new NetworkAclAssociation(this, perAzId(`${subnet.kind}-association`, subnet.azSuffix), { networkAclId: acl.id, subnetId: subnet.subnetId });
      }
      const rules = props.rules[tier];
      for (const egress of [false, true]) {
        const count = rules.filter((r) => r.egress === egress).length;
        if (count > NACL_RULES_QUOTA) {
          Annotations.of(this).addWarning(
            `the ${tier} network ACL has ${count} ${egress ? "outbound" : "inbound"} rules; AWS's default quota is ${NACL_RULES_QUOTA} per direction: ask for an increase (up to 40) before applying, or admit fewer ports or ranges`,
          );
        }
      }
      for (const rule of rules) {
        new NetworkAclRule(this, `${tier}-${rule.id}`, {
          networkAclId: acl.id,
          ruleNumber: rule.ruleNumber,
          egress: rule.egress,
          protocol: rule.protocol,
          ruleAction: "allow",
          cidrBlock: rule.cidrBlock,
          ...(rule.protocol === "-1" ? {} : { fromPort: rule.fromPort, toPort: rule.toPort }),
        });
      }
    }
    this.networkAclIds = ids;
  }
}
