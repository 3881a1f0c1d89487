import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, Testing } from "cdktf";
import { EksCluster } from "../../eks/eks-cluster";
import { environmentByName } from "../../model/org";
import { LandingZoneStack } from "../../stacks/landing-zone-stack";
import { loadChanged } from "../../../test-helpers/model-fixtures";
import { externalDnsAddon } from "./addon";
import { externalDnsZoneStatements } from "./policy";

/** Resources of one type, by logical id. */
function resources(json: any, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

/** A data.aws_iam_policy_document by logical id. */
function document(json: any, id: string): any {
  return json.data.aws_iam_policy_document[id];
}

/** production's cluster with ExternalDNS's AWS side, the public zone in `zoneAccountId`. */
function synthWithZoneIn(zoneAccountId: string) {
  const org = loadChanged((f) => (f.dns.publicZoneAccountId = zoneAccountId));
  const environment = environmentByName(org, "production");
  const stack = new LandingZoneStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "us-east-1", allowedAccountIds: ["222222222222"] });
  const cluster = new EksCluster(stack, "eks", {
    clusterName: "acme-production",
    namePrefix: "acme-production",
    kubernetesVersion: "1.33",
    accountId: "222222222222",
    partition: "aws",
    vpcId: "vpc-123",
    vpcCidr: "10.130.0.0/16",
    privateSubnetIds: ["subnet-a", "subnet-b"],
    controlPlaneSubnetIds: ["subnet-cp-a", "subnet-cp-b"],
    logsKmsKeyArn: "arn:aws:kms:us-east-1:222222222222:key/logs",
    logRetentionDays: 365,
    nodeGroups: environment.eks!.nodeGroups,
  });
  const outputs = externalDnsAddon.addAwsResources!({ org, environment, cluster });
  for (const [name, output] of Object.entries(outputs)) new TerraformOutput(stack, name, output);
  const text = Testing.synth(stack);
  return { outputs, text, json: JSON.parse(text), environment };
}

describe("externalDnsAddon", () => {
  describe("its AWS side: access to the public zone", () => {
    const ZONE_ARN = "arn:aws:route53:::hostedzone/Z0123456789EXAMPLEZONE";

    describe("when the cluster is in the zone's account", () => {
      const { outputs, json } = synthWithZoneIn("222222222222");
      it("gives the IRSA role the zone statements, changes limited to production's names", () => {
        expect(document(json, "eks_irsa-external-dns_policy-document").statement).toEqual(
          JSON.parse(
            JSON.stringify(
              externalDnsZoneStatements(ZONE_ARN, { domains: ["acme.example.com"], excludedDomains: ["development.acme.example.com"], policy: "upsert-only" }),
            ),
          ),
        );
        expect(json.resource.aws_iam_role_policy["eks_irsa-external-dns_policy"]).toMatchObject({
          role: "${aws_iam_role.eks_irsa-external-dns_role.name}",
          policy: "${data.aws_iam_policy_document.eks_irsa-external-dns_policy-document.json}",
        });
      });
      it("creates no records role, forgets none, and outputs nothing to assume", () => {
        expect(Object.keys(resources(json, "aws_iam_role"))).toEqual(expect.not.arrayContaining([expect.stringMatching(/records/)]));
        expect(json.removed).toBeUndefined();
        expect(outputs).not.toHaveProperty("external-dns-assume-role-arn");
      });
    });

    describe("when the zone is in another account", () => {
      const { text, json, outputs } = synthWithZoneIn("111111111111");
      const RECORDS_ROLE_ARN = "arn:aws:iam::111111111111:role/acme-production-external-dns-records";
      it("creates nothing in the zone's account: no role there and no provider for it", () => {
        expect(Object.keys(resources(json, "aws_iam_role"))).toEqual(expect.not.arrayContaining([expect.stringMatching(/records/)]));
        expect(text).not.toMatch(/"aws\.dns"/);
        expect(json.provider.aws.flatMap((p: any) => p.allowed_account_ids)).toEqual(["222222222222", "222222222222"]);
      });
      it("keeps the provider alias the forgotten role is recorded under, acting in the environment's own account", () => {
        expect(json.provider.aws.find((p: any) => p.alias === "dns")).toEqual(
          expect.objectContaining({
            allowed_account_ids: ["222222222222"],
            assume_role: [expect.objectContaining({ role_arn: "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole" })],
          }),
        );
      });
      it("leaves the IRSA role only sts:AssumeRole on the records role, by the ARN the dns stack gives it", () => {
        expect(document(json, "eks_irsa-external-dns_policy-document").statement).toEqual([
          { sid: "AssumeRecordsRoleInZoneAccount", effect: "Allow", actions: ["sts:AssumeRole"], resources: [RECORDS_ROLE_ARN] },
        ]);
        const route53 = Object.values<any>(json.data.aws_iam_policy_document).filter((d) =>
          d.statement.some((s: any) => s.actions.some((a: string) => a.startsWith("route53:"))),
        );
        expect(route53).toEqual([]);
      });
      it("forgets, without destroying, the records role and policy the stack created before the dns stack owned them", () => {
        expect(json.removed).toEqual([
          { from: "aws_iam_role_policy.eks_external-dns-records_policy", lifecycle: [{ destroy: false }] },
          { from: "aws_iam_role.eks_external-dns-records_role", lifecycle: [{ destroy: false }] },
        ]);
      });
      it("outputs the records role's ARN as the role ExternalDNS assumes", () => {
        expect(Object.keys(outputs)).toEqual(["external-dns-role-arn", "external-dns-assume-role-arn"]);
        expect(json.output["external-dns-assume-role-arn"].value).toBe(RECORDS_ROLE_ARN);
        expect(json.output["external-dns-role-arn"].value).toBe("${aws_iam_role.eks_irsa-external-dns_role.arn}");
      });
    });
  });

  describe("its cluster side, for a cluster whose AWS side did not run", () => {
    it("refuses to install ExternalDNS without its role, naming the missing output", () => {
      const org = loadChanged();
      const environment = environmentByName(org, "production");
      const stack = new LandingZoneStack(Testing.app(), "production-platform");
      const cluster = {
        clusterName: "acme-production",
        clusterEndpoint: "https://example.eks.amazonaws.com",
        clusterCertificateAuthorityData: "LS0t",
        oidcProviderArn: "arn:aws:iam::222222222222:oidc-provider/example",
        oidcIssuerUrl: "https://example",
        addonOutputs: new Map(),
      };
      expect(() =>
        externalDnsAddon.addClusterResources!(stack, { org, environment, platform: environment.platform!, cluster, outputs: {}, installed: new Map() }),
      ).toThrow(/acme-production: the cluster has no external-dns-role-arn output of the external-dns add-on/);
    });
  });
});
