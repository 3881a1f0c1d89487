/**
 * An IAM role for a Kubernetes service account (IRSA): trusted only by one service account
 * through the cluster's OIDC provider, with `:sub` and `:aud` StringEquals conditions
 * (CKV_AWS_60/61), plus AWS-managed policies and/or one inline policy.
 */
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import { serviceAccountSubject } from "./eks-util";

export interface IrsaRoleProps {
  /** IAM role name (from `roleNames(prefix)`). */
  readonly roleName: string;
  /** ARN of the cluster's IAM OIDC provider. */
  readonly oidcProviderArn: string;
  /** Issuer host and path without `https://` (`oidc.eks.<region>.amazonaws.com/id/<id>`): the condition key prefix. */
  readonly oidcIssuerHostPath: string;
  /** The one service account allowed to assume the role. */
  readonly serviceAccount: { readonly namespace: string; readonly name: string };
  /** ARNs of managed policies to attach. @default - none */
  readonly managedPolicyArns?: readonly string[];
  /** Statements of an inline policy. @default - no inline policy */
  readonly inlinePolicyStatements?: readonly DataAwsIamPolicyDocumentStatement[];
}

export class IrsaRole extends Construct {
  /** ARN of the role, for the service account's `eks.amazonaws.com/role-arn` annotation. */
  public readonly roleArn: string;
  /** Name of the role. */
  public readonly roleName: string;

  constructor(scope: Construct, id: string, props: IrsaRoleProps) {
    super(scope, id);
    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [
        {
          sid: "ServiceAccountOnly",
          effect: "Allow",
          actions: ["sts:AssumeRoleWithWebIdentity"],
          principals: [{ type: "Federated", identifiers: [props.oidcProviderArn] }],
          condition: [
            { test: "StringEquals", variable: `${props.oidcIssuerHostPath}:sub`, values: [serviceAccountSubject(props.serviceAccount)] },
            { test: "StringEquals", variable: `${props.oidcIssuerHostPath}:aud`, values: ["sts.amazonaws.com"] },
          ],
        },
      ],
    });
    const role = new IamRole(this, "role", {
      name: props.roleName,
      description: `IRSA role of service account ${props.serviceAccount.namespace}/${props.serviceAccount.name}`,
      assumeRolePolicy: trust.json,
    });
    this.roleArn = role.arn;
    this.roleName = role.name;

    (props.managedPolicyArns ?? []).forEach((policyArn) => {
      // The policy name is the stable part of the ARN (`AmazonEKS_CNI_Policy`).
      const policyName = policyArn.slice(policyArn.lastIndexOf("/") + 1);
      new IamRolePolicyAttachment(this, `policy-${policyName}`, { role: role.name, policyArn });
    });

    if (props.inlinePolicyStatements && props.inlinePolicyStatements.length > 0) {
      const policy = new DataAwsIamPolicyDocument(this, "policy-document", { statement: [...props.inlinePolicyStatements] });
      new IamRolePolicy(this, "policy", { name: props.roleName, role: role.name, policy: policy.json });
    }
  }
}
