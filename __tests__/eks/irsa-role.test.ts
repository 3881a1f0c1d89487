import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Testing } from "cdktf";
import { IrsaRole, type IrsaRoleProps } from "../../src/eks/irsa-role";
import { LandingZoneStack } from "../../src/stacks/landing-zone-stack";

const ISSUER = "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE";

function synth(overrides: Partial<IrsaRoleProps> = {}) {
  const stack = new LandingZoneStack(Testing.app(), "test");
  const role = new IrsaRole(stack, "irsa", {
    roleName: "acme-production-irsa-ebs-csi",
    oidcProviderArn: "arn:aws:iam::222222222222:oidc-provider/" + ISSUER,
    oidcIssuerHostPath: ISSUER,
    serviceAccount: { namespace: "kube-system", name: "ebs-csi-controller-sa" },
    ...overrides,
  });
  const text = Testing.synth(stack);
  return { role, text, json: JSON.parse(text) };
}

describe("IrsaRole", () => {
  describe("with managed policies", () => {
    const { text, json } = synth({ managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"] });

    it("trusts only its service account through the OIDC provider, with sub and aud conditions", () => {
      expect(text).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: [
          expect.objectContaining({
            effect: "Allow",
            actions: ["sts:AssumeRoleWithWebIdentity"],
            principals: [{ type: "Federated", identifiers: [`arn:aws:iam::222222222222:oidc-provider/${ISSUER}`] }],
            condition: [
              { test: "StringEquals", variable: `${ISSUER}:sub`, values: ["system:serviceaccount:kube-system:ebs-csi-controller-sa"] },
              { test: "StringEquals", variable: `${ISSUER}:aud`, values: ["sts.amazonaws.com"] },
            ],
          }),
        ],
      });
    });

    it("names the role and uses the trust document", () => {
      expect(text).toHaveResourceWithProperties(IamRole, {
        name: "acme-production-irsa-ebs-csi",
        assume_role_policy: "${data.aws_iam_policy_document.irsa_trust.json}",
      });
    });

    it("attaches each managed policy under an id named after the policy", () => {
      expect(json.resource.aws_iam_role_policy_attachment["irsa_policy-AmazonEBSCSIDriverPolicy"]).toMatchObject({
        policy_arn: "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
      });
    });

    it("has no inline policy", () => {
      expect(text).not.toHaveResource(IamRolePolicy);
    });

    it("exposes the attachments, so what runs as the service account can wait for its permissions", () => {
      const { role } = synth({
        managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy", "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"],
      });
      expect(role.policyAttachments.map((a) => a.node.id)).toEqual(["policy-AmazonEKS_CNI_Policy", "policy-AmazonEBSCSIDriverPolicy"]);
      for (const attachment of role.policyAttachments) expect(attachment).toBeInstanceOf(IamRolePolicyAttachment);
    });
  });

  describe("with inline statements", () => {
    const { role, text } = synth({
      inlinePolicyStatements: [{ effect: "Allow", actions: ["route53:ListHostedZones"], resources: ["*"] }],
    });

    it("writes them through a policy document into an inline role policy", () => {
      expect(text).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: [expect.objectContaining({ actions: ["route53:ListHostedZones"], resources: ["*"] })],
      });
      expect(text).toHaveResourceWithProperties(IamRolePolicy, {
        name: "acme-production-irsa-ebs-csi",
        policy: "${data.aws_iam_policy_document.irsa_policy-document.json}",
      });
    });

    it("attaches no managed policy", () => {
      expect(text).not.toHaveResource(IamRolePolicyAttachment);
      expect(role.policyAttachments).toEqual([]);
    });
  });

  describe("with an inline policy added after construction", () => {
    function build() {
      const stack = new LandingZoneStack(Testing.app(), "test");
      const role = new IrsaRole(stack, "irsa", {
        roleName: "acme-production-irsa-external-dns",
        oidcProviderArn: "arn:aws:iam::222222222222:oidc-provider/" + ISSUER,
        oidcIssuerHostPath: ISSUER,
        serviceAccount: { namespace: "external-dns", name: "external-dns" },
      });
      return { stack, role };
    }

    it("writes it under the same ids as a policy given at construction", () => {
      const { stack, role } = build();
      role.addInlinePolicy([{ effect: "Allow", actions: ["sts:AssumeRole"], resources: ["arn:aws:iam::111111111111:role/records"] }]);
      const json = JSON.parse(Testing.synth(stack));
      expect(json.data.aws_iam_policy_document["irsa_policy-document"].statement).toEqual([
        { effect: "Allow", actions: ["sts:AssumeRole"], resources: ["arn:aws:iam::111111111111:role/records"] },
      ]);
      expect(json.resource.aws_iam_role_policy.irsa_policy).toEqual({
        name: "acme-production-irsa-external-dns",
        role: "${aws_iam_role.irsa_role.name}",
        policy: "${data.aws_iam_policy_document.irsa_policy-document.json}",
      });
    });

    it("refuses a second inline policy", () => {
      const { role } = build();
      role.addInlinePolicy([{ effect: "Allow", actions: ["sts:AssumeRole"], resources: ["arn:aws:iam::111111111111:role/a"] }]);
      expect(() => role.addInlinePolicy([{ effect: "Allow", actions: ["sts:AssumeRole"], resources: ["arn:aws:iam::111111111111:role/b"] }])).toThrow(
        /test\/irsa: already has an inline policy; pass all statements in one call/,
      );
    });
  });
});
