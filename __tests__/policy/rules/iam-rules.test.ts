import { evaluateStack } from "../../../src/policy/engine";
import { iamRules, isUnscopable } from "../../../src/policy/rules/iam-rules";
import { itChecksEveryRuleAgainstItsFixtures, stack, type RuleCases, type Part } from "../../../test-helpers/policy-fixtures";

const doc = (name: string, statement: unknown[]): Part => ["data.aws_iam_policy_document", name, { statement }];
const ec2Trust = doc("trust", [{ effect: "Allow", actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }] }]);
const role = (assume: string, extra: Record<string, unknown> = {}): Part => ["aws_iam_role", "role", { name: "r", assume_role_policy: assume, ...extra }];
const oidcTrust = (conditions: unknown[]) =>
  doc("irsa", [
    {
      effect: "Allow",
      actions: ["sts:AssumeRoleWithWebIdentity"],
      principals: [{ type: "Federated", identifiers: ["${aws_iam_openid_connect_provider.oidc.arn}"] }],
      condition: conditions,
    },
  ]);
const issuer = '${replace(aws_eks_cluster.c.identity[0].oidc[0].issuer, "https://", "")}';

const cases: RuleCases = {
  CKV_AWS_1: {
    fail: [
      stack(doc("admin", [{ effect: "Allow", actions: ["*"], resources: ["arn:aws:s3:::b"] }])),
      stack(["aws_iam_policy", "p", { policy: JSON.stringify({ Statement: { Effect: "Allow", Action: "*:*", Resource: "*" } }) }]),
      stack(role("${data.aws_iam_policy_document.trust.json}", { inline_policy: [{ name: "x", policy: '${jsonencode({"Statement" = [{"Effect" = "Allow", "Action" = "*", "Resource" = aws_s3_bucket.b.arn}]})}' }] }), ec2Trust),
    ],
    pass: stack(
      doc("ok", [
        { effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] },
        { effect: "Deny", actions: ["*"], resources: ["*"], condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }] },
      ]),
    ),
    message: /allows Action "\*(:\*)?"/,
  },
  CKV_AWS_355: {
    fail: [
      stack(doc("dns", [{ effect: "Allow", actions: ["route53:ChangeResourceRecordSets"], resources: ["*"] }])),
      stack(["aws_iam_role_policy", "p", { role: "r", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: "*" }] }) }]),
      stack(doc("not-action", [{ effect: "Allow", not_actions: ["iam:*"], resources: ["*"] }])),
      stack(doc("list", [{ effect: "Allow", actions: ["route53:List*"], resources: ["*"] }])),
    ],
    pass: stack(
      doc("dns", [
        { effect: "Allow", actions: ["route53:ChangeResourceRecordSets"], resources: ["arn:aws:route53:::hostedzone/Z1"] },
        { effect: "Allow", actions: ["route53:ListHostedZones", "ec2:DescribeInstances"], resources: ["*"] },
      ]),
      doc("key-policy", [{ effect: "Allow", actions: ["kms:*"], resources: ["*"], principals: [{ type: "AWS", identifiers: ["arn:aws:iam::1:root"] }] }]),
    ),
    message: /Resource "\*"/,
  },
  CKV_AWS_60: {
    fail: [
      stack(role("${data.aws_iam_policy_document.trust.json}"), doc("trust", [{ effect: "Allow", actions: ["sts:AssumeRole"], principals: [{ type: "AWS", identifiers: ["*"] }] }])),
      stack(role(JSON.stringify({ Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: "arn:aws:iam::111111111111:root" } }] }))),
      stack(role('${jsonencode({"Statement" = [{"Effect" = "Allow", "Action" = "sts:AssumeRole", "Principal" = {"AWS" = "111111111111"}}]})}')),
      stack(role("${data.aws_iam_policy_document.irsa.json}"), oidcTrust([{ test: "StringEquals", variable: `${issuer}:aud`, values: ["sts.amazonaws.com"] }])),
      stack(role("${data.terraform_remote_state.x.outputs.trust}")),
    ],
    pass: stack(
      role("${data.aws_iam_policy_document.irsa.json}"),
      oidcTrust([
        { test: "StringEquals", variable: `${issuer}:sub`, values: ["system:serviceaccount:kube-system:aws-node"] },
        { test: "StringEquals", variable: `${issuer}:aud`, values: ["sts.amazonaws.com"] },
      ]),
      ["aws_iam_role", "deploy", { assume_role_policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: "arn:aws:iam::111111111111:role/ci" } }] }) }],
      ["aws_iam_role", "nodes", { assume_role_policy: "${data.aws_iam_policy_document.trust.json}" }],
      ec2Trust,
    ),
    message: /trusts (principal \*|whole accounts|a federated principal without a StringEquals condition on sub)|cannot be evaluated/,
  },
  CKV_AWS_274: {
    fail: [
      stack(["aws_iam_role_policy_attachment", "admin", { role: "r", policy_arn: "arn:aws:iam::aws:policy/AdministratorAccess" }]),
      stack(role("${data.aws_iam_policy_document.trust.json}", { managed_policy_arns: ["arn:aws-us-gov:iam::aws:policy/AdministratorAccess"] }), ec2Trust),
    ],
    pass: stack(["aws_iam_role_policy_attachment", "nodes", { role: "r", policy_arn: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy" }]),
    message: /AdministratorAccess/,
  },
  LZ_ROUTE53_RECORD_NAMES: {
    fail: [
      stack(doc("dns", [{ effect: "Allow", actions: ["route53:ChangeResourceRecordSets"], resources: ["arn:aws:route53:::hostedzone/Z1"] }])),
      stack(
        doc("plain", [
          {
            effect: "Allow",
            actions: ["route53:Change*"],
            resources: ["arn:aws:route53:::hostedzone/Z1"],
            condition: [{ test: "StringLike", variable: "route53:ChangeResourceRecordSetsNormalizedRecordNames", values: ["*.dev.example.com"] }],
          },
        ]),
      ),
      stack(
        doc("everything", [
          {
            effect: "Allow",
            actions: ["route53:ChangeResourceRecordSets"],
            resources: ["arn:aws:route53:::hostedzone/Z1"],
            condition: [{ test: "ForAllValues:StringLike", variable: "route53:ChangeResourceRecordSetsNormalizedRecordNames", values: ["*"] }],
          },
        ]),
      ),
    ],
    pass: stack(
      doc("scoped", [
        {
          effect: "Allow",
          actions: ["route53:ChangeResourceRecordSets"],
          resources: ["arn:aws:route53:::hostedzone/Z1"],
          condition: [
            { test: "ForAllValues:StringLike", variable: "route53:ChangeResourceRecordSetsNormalizedRecordNames", values: ["dev.example.com", "*.dev.example.com"] },
          ],
        },
        { effect: "Allow", actions: ["route53:ListResourceRecordSets"], resources: ["arn:aws:route53:::hostedzone/Z1"] },
      ]),
    ),
    message: /route53:ChangeResourceRecordSets without ForAllValues:StringLike|allows every record name/,
  },
};

describe("iamRules", () => {
  itChecksEveryRuleAgainstItsFixtures(iamRules, cases);

  describe("a policy that references a data source", () => {
    it("is reported once, at the data source", () => {
      const json = stack(
        doc("wide", [{ effect: "Allow", actions: ["*"], resources: ["*"] }]),
        ["aws_iam_policy", "p", { policy: "${data.aws_iam_policy_document.wide.json}" }],
      );
      const findings = evaluateStack("test", json, iamRules.filter((r) => r.id === "CKV_AWS_1"));
      expect(findings.map((f) => f.address)).toEqual(["data.aws_iam_policy_document.wide"]);
    });
  });

  describe("CKV_AWS_60 on a role whose trust is a data source", () => {
    it("reports at the role and names the data source", () => {
      const json = stack(role("${data.aws_iam_policy_document.trust.json}"), doc("trust", [{ effect: "Allow", actions: ["sts:AssumeRole"], principals: [{ type: "*", identifiers: ["*"] }] }]));
      const [finding] = evaluateStack("test", json, iamRules.filter((r) => r.id === "CKV_AWS_60"));
      expect(finding).toMatchObject({ address: "aws_iam_role.role", message: expect.stringContaining("data.aws_iam_policy_document.trust") });
    });
  });

  describe("isUnscopable", () => {
    it("accepts actions that take no resource ARN and refuses scopable ones and broad wildcards", () => {
      expect(isUnscopable("route53:ListHostedZones")).toBe(true);
      expect(isUnscopable("ec2:DescribeSubnets")).toBe(true);
      expect(isUnscopable("route53:ChangeResourceRecordSets")).toBe(false);
      expect(isUnscopable("ec2:*")).toBe(false);
    });
  });
});
