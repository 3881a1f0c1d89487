/**
 * ExternalDNS's Route 53 permissions, decided in one place for both of its layouts: the IRSA role
 * holds them itself (cluster in the zone's account), or a role in the zone's account holds them
 * and the IRSA role may only assume it (cluster elsewhere: a hosted zone lives in one account and
 * Route 53 has no resource policies). No constructs.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

/** ARN of a Route 53 hosted zone (`arn:<partition>:route53:::hostedzone/<id>`). */
export function hostedZoneArn(partition: string, zoneId: string): string {
  return `arn:${partition}:route53:::hostedzone/${zoneId}`;
}

/**
 * Exactly the ExternalDNS 0.21 AWS tutorial's policy, with the record changes scoped to one zone
 * (CKV_AWS_355). ListHostedZones supports no resource-level permissions, so it stays on "*".
 */
export function externalDnsZoneStatements(zoneArn: string): DataAwsIamPolicyDocumentStatement[] {
  return [
    {
      sid: "ChangeRecordsInPublicZone",
      effect: "Allow",
      actions: ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets", "route53:ListTagsForResources"],
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
