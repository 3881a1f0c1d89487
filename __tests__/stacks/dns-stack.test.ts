import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing } from "cdktf";
import { externalDnsZoneStatements } from "../../src/addons/external-dns/policy";
import { loadOrgFile } from "../../src/model/load";
import { DnsStack } from "../../src/stacks/dns-stack";
import { loadChanged } from "../../test-helpers/model-fixtures";
import type { Org } from "../../src/model/org";

function synthDns(org: Org) {
  const stack = new DnsStack(Testing.app(), "dns", { org });
  const text = Testing.synth(stack, true);
  return { stack, text, json: JSON.parse(text) };
}

describe("DnsStack", () => {
  describe("for the default organization (zone in management's account, clusters in production's and development's)", () => {
    const { text, json } = synthDns(loadOrgFile());

    it("acts only in the zone's account, through its deploy role, with the organization's tags", () => {
      expect(text).toHaveProviderWithProperties(AwsProvider, {
        region: "us-east-1",
        allowed_account_ids: ["111111111111"],
        assume_role: [expect.objectContaining({ role_arn: "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole" })],
        default_tags: [{ tags: { organization: "acme", "managed-by": "cdktf" } }],
      });
      expect(json.provider.aws).toHaveLength(1);
    });

    it("keeps its state in the bucket under dns/dns.tfstate", () => {
      expect(json.terraform.backend.s3).toEqual(expect.objectContaining({ bucket: "acme-terraform-state", key: "dns/dns.tfstate", encrypt: true }));
    });

    it("creates one records role per cluster outside the zone's account, addressed by the environment's name", () => {
      expect(Object.keys(json.resource.aws_iam_role).sort()).toEqual(["external-dns-records-development_role", "external-dns-records-production_role"]);
      expect(Object.keys(json.resource.aws_iam_role_policy).sort()).toEqual([
        "external-dns-records-development_policy",
        "external-dns-records-production_policy",
      ]);
      expect(text).toHaveResourceWithProperties(IamRole, { name: "acme-development-external-dns-records" });
    });

    it("trusts, for each, exactly its cluster's ExternalDNS IRSA role by ARN, never an account root", () => {
      expect(json.data.aws_iam_policy_document["external-dns-records-development_trust"].statement).toEqual([
        {
          sid: "ExternalDnsIrsaRoleOnly",
          effect: "Allow",
          actions: ["sts:AssumeRole"],
          principals: [{ type: "AWS", identifiers: ["arn:aws:iam::333333333333:role/acme-development-irsa-external-dns"] }],
        },
      ]);
      expect(text).not.toMatch(/:root"/);
    });

    it("limits each role's record changes to its environment's names", () => {
      const zone = "arn:aws:route53:::hostedzone/Z0123456789EXAMPLEZONE";
      expect(json.data.aws_iam_policy_document["external-dns-records-development_policy-document"].statement).toEqual(
        JSON.parse(JSON.stringify(externalDnsZoneStatements(zone, { domains: ["development.acme.example.com"], excludedDomains: [], policy: "upsert-only" }))),
      );
      expect(json.data.aws_iam_policy_document["external-dns-records-production_policy-document"].statement).toEqual(
        JSON.parse(
          JSON.stringify(externalDnsZoneStatements(zone, { domains: ["acme.example.com"], excludedDomains: ["development.acme.example.com"], policy: "upsert-only" })),
        ),
      );
    });

    it("uses no data source that calls an AWS API, so its plan works offline", () => {
      expect(Object.keys(json.data)).toEqual(["aws_iam_policy_document"]);
    });
  });

  describe("when an environment with a cluster is added", () => {
    it("adds only that environment's role; the others keep their addresses", () => {
      const org = loadChanged((f) => {
        f.environments.staging = { ...structuredClone(f.environments.development), accountId: "444444444444", cidr: "10.140.0.0/16" };
        f.environments.staging.eks.readOnly = ["arn:aws:iam::444444444444:role/developer"];
      });
      expect(Object.keys(synthDns(org).json.resource.aws_iam_role).sort()).toEqual([
        "external-dns-records-development_role",
        "external-dns-records-production_role",
        "external-dns-records-staging_role",
      ]);
    });
  });
});
