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
  /**
   * The managed policy attachments, in `managedPolicyArns` order. Whatever runs as the service
   * account should depend on these, not just on the role: a role without its policy yields
   * AccessDenied (aws-node then never gets pod addresses).
   */
  public readonly policyAttachments: readonly IamRolePolicyAttachment[];
  /** Name of the inline policy (the role's name, known at synth). */
  private readonly policyName: string;

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
    this.policyName = props.roleName;

    this.policyAttachments = (props.managedPolicyArns ?? []).map((policyArn) => {
      // The policy name is the stable part of the ARN (`AmazonEKS_CNI_Policy`).
      const policyName = policyArn.slice(policyArn.lastIndexOf("/") + 1);
      return new IamRolePolicyAttachment(this, `policy-${policyName}`, { role: role.name, policyArn });
    });

    if (props.inlinePolicyStatements && props.inlinePolicyStatements.length > 0) this.addInlinePolicy(props.inlinePolicyStatements);
  }

  /**
   * Gives the role its inline policy after construction, for statements that name resources which
   * need the role's own ARN first (a role in another account that trusts this one). A role has one
   * inline policy: throws when it already has one.
   */
  public addInlinePolicy(statements: readonly DataAwsIamPolicyDocumentStatement[]): void {
    if (this.node.tryFindChild("policy")) {
      throw new Error(`${this.node.path}: already has an inline policy; pass all statements in one call`);
    }
    const policy = new DataAwsIamPolicyDocument(this, "policy-document", { statement: [...statements] });
    new IamRolePolicy(this, "policy", { name: this.policyName, role: this.roleName, policy: policy.json });
  }
}
