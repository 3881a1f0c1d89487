/**
 * The role ExternalDNS assumes in the public zone's account when its cluster runs in another
 * account (ExternalDNS `--aws-assume-role`). A hosted zone lives in exactly one account and
 * Route 53 has no resource policies, so the record changes must be granted there.
 *
 * The role holds the ExternalDNS tutorial's policy on that one zone, its changes limited to the
 * environment's names (RecordChangeScope), and trusts exactly one principal, the cluster's
 * ExternalDNS IRSA role, by ARN (CKV_AWS_60/61: no `*`, no `:root`). Create it in a stack whose
 * default provider acts in the zone's account (the `dns` stack), or pass `provider`.
 */
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { externalDnsZoneStatements, type RecordChangeScope } from "./policy";

export interface ExternalDnsRecordsRoleProps {
  /** IAM role name (`roleNames(prefix).externalDnsRecords`). */
  readonly roleName: string;
  /**
   * ARN of the one role allowed to assume this one: the cluster's ExternalDNS IRSA role. IAM
   * rejects a trust policy whose principal does not exist, so that role must exist before this
   * one is created (the `dns` stack deploys after the `<env>` stacks).
   */
  readonly trustedRoleArn: string;
  /** ARN of the hosted zone whose records ExternalDNS changes (`hostedZoneArn(partition, id)`). */
  readonly hostedZoneArn: string;
  /** The names, record types and actions it may change. */
  readonly scope: RecordChangeScope;
  /** aws provider acting in the zone's account. @default - the stack's default aws provider */
  readonly provider?: TerraformProvider;
}

export class ExternalDnsRecordsRole extends Construct {
  /** ARN of the role, for ExternalDNS's `--aws-assume-role`. */
  public readonly roleArn: string;
  /** Name of the role. */
  public readonly roleName: string;

  constructor(scope: Construct, id: string, props: ExternalDnsRecordsRoleProps) {
    super(scope, id);
    const { provider } = props;
    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      provider,
      statement: [
        {
          sid: "ExternalDnsIrsaRoleOnly",
          effect: "Allow",
          actions: ["sts:AssumeRole"],
          principals: [{ type: "AWS", identifiers: [props.trustedRoleArn] }],
        },
      ],
    });
    const role = new IamRole(this, "role", {
      provider,
      name: props.roleName,
      description: "Assumed by ExternalDNS of another account's cluster to change its names in this account's public zone",
      assumeRolePolicy: trust.json,
    });
    this.roleArn = role.arn;
    this.roleName = role.name;

    const policy = new DataAwsIamPolicyDocument(this, "policy-document", {
      provider,
      statement: externalDnsZoneStatements(props.hostedZoneArn, props.scope),
    });
    new IamRolePolicy(this, "policy", { provider, name: props.roleName, role: role.name, policy: policy.json });
  }
}
