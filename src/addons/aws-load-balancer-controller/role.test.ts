import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Testing } from "cdktf";
import { AwsLoadBalancerControllerRole, awsLoadBalancerControllerRole, type AwsLoadBalancerControllerRoleProps } from "./role";

const ISSUER = "oidc.eks.us-gov-west-1.amazonaws.com/id/EXAMPLE";
const props: AwsLoadBalancerControllerRoleProps = {
  roleName: "acme-production-irsa-aws-load-balancer-controller",
  oidcProviderArn: `arn:aws-us-gov:iam::222222222222:oidc-provider/${ISSUER}`,
  oidcIssuerHostPath: ISSUER,
  partition: "aws-us-gov",
};

function synth(overrides: Partial<AwsLoadBalancerControllerRoleProps> = {}) {
  const text = Testing.synthScope((scope) => new AwsLoadBalancerControllerRole(scope, "aws-load-balancer-controller", { ...props, ...overrides }));
  return { text, json: JSON.parse(text) };
}

describe("AwsLoadBalancerControllerRole", () => {
  describe("in aws-us-gov", () => {
    const { text, json } = synth();
    const documents = Object.values(json.data[DataAwsIamPolicyDocument.tfResourceType]) as { statement: { sid?: string; resources?: string[] }[] }[];

    it("trusts only the service account aws-load-balancer-controller/aws-load-balancer-controller, with sub and aud conditions", () => {
      expect(text).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: [
          expect.objectContaining({
            actions: ["sts:AssumeRoleWithWebIdentity"],
            principals: [{ type: "Federated", identifiers: [props.oidcProviderArn] }],
            condition: [
              { test: "StringEquals", variable: `${ISSUER}:sub`, values: ["system:serviceaccount:aws-load-balancer-controller:aws-load-balancer-controller"] },
              { test: "StringEquals", variable: `${ISSUER}:aud`, values: ["sts.amazonaws.com"] },
            ],
          }),
        ],
      });
    });

    it("creates the named role", () => {
      expect(text).toHaveResourceWithProperties(IamRole, {
        name: "acme-production-irsa-aws-load-balancer-controller",
        description: "IRSA role of service account aws-load-balancer-controller/aws-load-balancer-controller",
      });
    });

    it("gives it the controller's 16 statements as its inline policy, with aws-us-gov ARNs", () => {
      expect(text).toHaveResourceWithProperties(IamRolePolicy, { name: "acme-production-irsa-aws-load-balancer-controller" });
      const policy = documents.find((d) => d.statement.some((s) => s.sid === "CreateTaggedLoadBalancers"));
      expect(policy?.statement).toHaveLength(16);
      const arns = policy!.statement.flatMap((s) => s.resources ?? []).filter((r) => r !== "*");
      expect(arns.every((arn) => arn.startsWith("arn:aws-us-gov:"))).toBe(true);
    });

    it("attaches no managed policy", () => {
      expect(json.resource[IamRolePolicyAttachment.tfResourceType]).toBeUndefined();
    });
  });

  describe("through the helper function", () => {
    it("builds the same role", () => {
      const text = Testing.synthScope((scope) => awsLoadBalancerControllerRole(scope, "aws-load-balancer-controller", { ...props, partition: "aws" }));
      expect(text).toHaveResourceWithProperties(IamRole, { name: "acme-production-irsa-aws-load-balancer-controller" });
    });
  });

  describe("in an ISO partition", () => {
    it("refuses it, naming the supported partitions", () => {
      expect(() => synth({ partition: "aws-iso" })).toThrow(
        /aws-load-balancer-controller: partition "aws-iso" has no reproduced AWS Load Balancer Controller policy; supported: aws, aws-us-gov, aws-cn, aws-eusc/,
      );
    });
  });
});
