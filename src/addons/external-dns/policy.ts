/**
 * ExternalDNS's Route 53 permissions, decided in one place for both of its layouts: the IRSA role
 * holds them itself (cluster in the zone's account), or a role in the zone's account holds them
 * and the IRSA role may only assume it (cluster elsewhere: a hosted zone lives in one account and
 * Route 53 has no resource policies). No constructs.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { CHANGE_ACTIONS, MANAGED_RECORD_TYPES, recordNamePatterns, type OwnedNames } from "./record-names";

/** ARN of a Route 53 hosted zone (`arn:<partition>:route53:::hostedzone/<id>`). */
export function hostedZoneArn(partition: string, zoneId: string): string {
  return `arn:${partition}:route53:::hostedzone/${zoneId}`;
}

/** What one ExternalDNS may change in its zone. */
export interface RecordChangeScope extends OwnedNames {
  /** ExternalDNS's policy: `upsert-only` gets no DELETE. */
  readonly policy: keyof typeof CHANGE_ACTIONS;
}

/**
 * The ExternalDNS 0.21 AWS tutorial's policy (ChangeResourceRecordSets, ListResourceRecordSets,
 * ListTagsForResources on the zone ARN, CKV_AWS_355; ListHostedZones on "*", which supports no
 * resource-level permissions), with the record changes further limited by Route 53's condition
 * keys (Route 53 Developer Guide, "Using IAM policy conditions for fine-grained access control")
 * to the names the environment owns, the record types ExternalDNS writes and the actions its
 * policy needs. The keys are multivalued (one value per change in the batch), hence
 * ForAllValues: every change of a batch must qualify; StringNotLike with several values is a NOR.
 */
export function externalDnsZoneStatements(zoneArn: string, scope: RecordChangeScope): DataAwsIamPolicyDocumentStatement[] {
  const names = recordNamePatterns(scope);
  return [
    {
      sid: "ChangeOwnedRecordsInPublicZone",
      effect: "Allow",
      actions: ["route53:ChangeResourceRecordSets"],
      resources: [zoneArn],
      condition: [
        { test: "ForAllValues:StringLike", variable: "route53:ChangeResourceRecordSetsNormalizedRecordNames", values: names.allowed },
        { test: "ForAllValues:StringNotLike", variable: "route53:ChangeResourceRecordSetsNormalizedRecordNames", values: names.denied },
        { test: "ForAllValues:StringEquals", variable: "route53:ChangeResourceRecordSetsRecordTypes", values: [...MANAGED_RECORD_TYPES] },
        { test: "ForAllValues:StringEquals", variable: "route53:ChangeResourceRecordSetsActions", values: [...CHANGE_ACTIONS[scope.policy]] },
      ],
    },
    {
      sid: "ReadPublicZone",
      effect: "Allow",
      actions: ["route53:ListResourceRecordSets", "route53:ListTagsForResources"],
      resources: [zoneArn],
    },
    {
      sid: "ListZones",
      effect: "Allow",
      actions: ["route53:ListHostedZones"],
      resources: ["*"],
    },
  ];
}

/** The IRSA role's whole policy when the zone is in another account: assume the records role there, nothing else. */
export function assumeRecordsRoleStatements(recordsRoleArn: string): DataAwsIamPolicyDocumentStatement[] {
  return [
    {
      sid: "AssumeRecordsRoleInZoneAccount",
      effect: "Allow",
      actions: ["sts:AssumeRole"],
      resources: [recordsRoleArn],
    },
  ];
}
