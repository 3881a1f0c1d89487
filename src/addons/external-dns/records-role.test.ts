import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, Testing } from "cdktf";
import { ExternalDnsRecordsRole } from "./records-role";
import { LandingZoneStack } from "../../stacks/landing-zone-stack";
import { externalDnsZoneStatements, type RecordChangeScope } from "./policy";

const IRSA_ROLE_ARN = "arn:aws:iam::222222222222:role/acme-production-irsa-external-dns";
const ZONE_ARN = "arn:aws:route53:::hostedzone/Z0123456789EXAMPLEZONE";
const SCOPE: RecordChangeScope = { domains: ["acme.example.com"], excludedDomains: ["development.acme.example.com"], policy: "sync" };

function synth() {
  const stack = new LandingZoneStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "us-east-1", allowedAccountIds: ["222222222222"] });
  const provider = new AwsProvider(stack, "aws-dns", { region: "us-east-1", alias: "dns", allowedAccountIds: ["111111111111"] });
  const role = new ExternalDnsRecordsRole(stack, "records", {
    roleName: "acme-production-external-dns-records",
    trustedRoleArn: IRSA_ROLE_ARN,
    hostedZoneArn: ZONE_ARN,
    scope: SCOPE,
    provider,
  });
  new TerraformOutput(stack, "role-arn", { value: role.roleArn });
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text) };
}

describe("ExternalDnsRecordsRole", () => {
  describe("for a cluster in another account", () => {
    const { text, json } = synth();

    it("creates the role and its policy through the zone account's provider", () => {
      expect(text).toHaveResourceWithProperties(IamRole, {
        provider: "aws.dns",
        name: "acme-production-external-dns-records",
        assume_role_policy: "${data.aws_iam_policy_document.records_trust.json}",
      });
      expect(text).toHaveResourceWithProperties(IamRolePolicy, {
        provider: "aws.dns",
        name: "acme-production-external-dns-records",
        role: "${aws_iam_role.records_role.name}",
        policy: "${data.aws_iam_policy_document.records_policy-document.json}",
      });
    });

    it("evaluates its policy documents with the same provider (locally: no AWS call)", () => {
      expect(json.data.aws_iam_policy_document.records_trust.provider).toBe("aws.dns");
      expect(json.data.aws_iam_policy_document["records_policy-document"].provider).toBe("aws.dns");
      expect(Object.keys(json.data)).toEqual(["aws_iam_policy_document"]);
    });

    it("trusts only the given IRSA role, by ARN, for sts:AssumeRole", () => {
      expect(json.data.aws_iam_policy_document.records_trust.statement).toEqual([
        {
          sid: "ExternalDnsIrsaRoleOnly",
          effect: "Allow",
          actions: ["sts:AssumeRole"],
          principals: [{ type: "AWS", identifiers: [IRSA_ROLE_ARN] }],
        },
      ]);
    });

    it("allows exactly the zone statements of its scope: the tutorial's actions, changes limited to the owned names", () => {
      expect(json.data.aws_iam_policy_document["records_policy-document"].statement).toEqual(
        JSON.parse(JSON.stringify(externalDnsZoneStatements(ZONE_ARN, SCOPE))),
      );
    });

    it("exposes the role's ARN as a reference, for ExternalDNS's --aws-assume-role", () => {
      expect(json.output["role-arn"].value).toBe("${aws_iam_role.records_role.arn}");
    });
  });
});
