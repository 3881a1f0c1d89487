import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, Testing } from "cdktf";
import { EksCluster } from "../../eks/eks-cluster";
import { environmentByName } from "../../model/org";
import { LandingZoneStack } from "../../stacks/landing-zone-stack";
import { loadChanged } from "../../../test-helpers/model-fixtures";
import { externalDnsAddon } from "./addon";

/** Resources of one type, by logical id. */
function resources(json: any, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

/** A data.aws_iam_policy_document by logical id. */
function document(json: any, id: string): any {
  return json.data.aws_iam_policy_document[id];
}

/**
 * production's cluster with ExternalDNS's AWS side, the public zone in `zoneAccountId`; the
 * stack has an aws provider aliased `dns` for that account unless `withZoneProvider` is false.
 */
function synthWithZoneProvider(zoneAccountId: string, withZoneProvider = true) {
  const org = loadChanged((f) => (f.dns.publicZoneAccountId = zoneAccountId));
  const environment = environmentByName(org, "production");
  const stack = new LandingZoneStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "us-east-1", allowedAccountIds: ["222222222222"] });
  const publicZoneProvider = withZoneProvider
    ? new AwsProvider(stack, "aws-dns", { region: "us-east-1", alias: "dns", allowedAccountIds: [zoneAccountId] })
    : undefined;
  const cluster = new EksCluster(stack, "eks", {
    clusterName: "acme-production",
    namePrefix: "acme-production",
    kubernetesVersion: "1.33",
    accountId: "222222222222",
    partition: "aws",
    vpcId: "vpc-123",
    privateSubnetIds: ["subnet-a", "subnet-b"],
    controlPlaneSubnetIds: ["subnet-cp-a", "subnet-cp-b"],
    logsKmsKeyArn: "arn:aws:kms:us-east-1:222222222222:key/logs",
    logRetentionDays: 365,
    nodeGroups: environment.eks!.nodeGroups,
  });
  const outputs = externalDnsAddon.addAwsResources!({ org, environment, cluster, publicZoneProvider });
  for (const [name, output] of Object.entries(outputs)) new TerraformOutput(stack, name, output);
  const text = Testing.synth(stack);
  return { outputs, text, json: JSON.parse(text), zoneId: org.dns.publicZoneId };
}

describe("externalDnsAddon", () => {
  describe("its AWS side: access to the public zone", () => {
    const ZONE_ARN = "arn:aws:route53:::hostedzone/Z0123456789EXAMPLEZONE";
    const TUTORIAL_POLICY = [
      {
        sid: "ChangeRecordsInPublicZone",
        effect: "Allow",
        actions: ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets", "route53:ListTagsForResources"],
        resources: [ZONE_ARN],
      },
      { sid: "ListZones", effect: "Allow", actions: ["route53:ListHostedZones"], resources: ["*"] },
    ];


    describe("when the cluster is in the zone's account", () => {
      const { outputs, json } = synthWithZoneProvider("222222222222");

      it("gives the IRSA role the tutorial's policy on the zone itself", () => {
        expect(document(json, "eks_irsa-external-dns_policy-document").statement).toEqual(TUTORIAL_POLICY);
        expect(json.resource.aws_iam_role_policy["eks_irsa-external-dns_policy"]).toMatchObject({
          role: "${aws_iam_role.eks_irsa-external-dns_role.name}",
          policy: "${data.aws_iam_policy_document.eks_irsa-external-dns_policy-document.json}",
        });
      });

      it("creates no role through the zone's provider and nothing to assume", () => {
        const throughDns = Object.values(resources(json, "aws_iam_role")).filter((r) => r.provider === "aws.dns");
        expect(throughDns).toEqual([]);
        expect(Object.keys(resources(json, "aws_iam_role"))).not.toContain("eks_external-dns-records_role");
        expect(outputs).not.toHaveProperty("external-dns-assume-role-arn");
      });
    });

    describe("when the zone is in another account", () => {
      const { text, json, outputs } = synthWithZoneProvider("111111111111");
      const recordsRole = json.resource.aws_iam_role["eks_external-dns-records_role"];

      it("creates the records role in the zone's account, through the dns provider", () => {
        expect(recordsRole).toMatchObject({
          provider: "aws.dns",
          name: "acme-production-external-dns-records",
          assume_role_policy: "${data.aws_iam_policy_document.eks_external-dns-records_trust.json}",
        });
        expect(json.resource.aws_iam_role_policy["eks_external-dns-records_policy"]).toMatchObject({
          provider: "aws.dns",
          role: "${aws_iam_role.eks_external-dns-records_role.name}",
          policy: "${data.aws_iam_policy_document.eks_external-dns-records_policy-document.json}",
        });
      });

      it("lets only the cluster's ExternalDNS IRSA role assume it, by role ARN", () => {
        expect(document(json, "eks_external-dns-records_trust").statement).toEqual([
          {
            sid: "ExternalDnsIrsaRoleOnly",
            effect: "Allow",
            actions: ["sts:AssumeRole"],
            principals: [{ type: "AWS", identifiers: ["${aws_iam_role.eks_irsa-external-dns_role.arn}"] }],
          },
        ]);
        expect(text).not.toMatch(/111111111111:root/);
      });

      it("gives the records role exactly the tutorial's policy on the zone", () => {
        expect(document(json, "eks_external-dns-records_policy-document").statement).toEqual(TUTORIAL_POLICY);
        expect(document(json, "eks_external-dns-records_trust").provider).toBe("aws.dns");
        expect(document(json, "eks_external-dns-records_policy-document").provider).toBe("aws.dns");
      });

      it("leaves the IRSA role only sts:AssumeRole on the records role", () => {
        expect(document(json, "eks_irsa-external-dns_policy-document").statement).toEqual([
          {
            sid: "AssumeRecordsRoleInZoneAccount",
            effect: "Allow",
            actions: ["sts:AssumeRole"],
            resources: ["${aws_iam_role.eks_external-dns-records_role.arn}"],
          },
        ]);
        const route53 = Object.entries(json.data.aws_iam_policy_document)
          .filter(([, d]: [string, any]) => d.statement.some((s: any) => s.actions.some((a: string) => a.startsWith("route53:"))))
          .map(([id]) => id);
        expect(route53).toEqual(["eks_external-dns-records_policy-document"]);
      });

      it("keeps the IRSA role in the cluster's account (default provider)", () => {
        expect(json.resource.aws_iam_role["eks_irsa-external-dns_role"]).not.toHaveProperty("provider");
      });

      it("outputs the records role as the role ExternalDNS assumes", () => {
        expect(Object.keys(outputs)).toEqual(["external-dns-role-arn", "external-dns-assume-role-arn"]);
        expect(json.output["external-dns-assume-role-arn"].value).toBe("${aws_iam_role.eks_external-dns-records_role.arn}");
        expect(json.output["external-dns-role-arn"].value).toBe("${aws_iam_role.eks_irsa-external-dns_role.arn}");
      });
    });

    describe("when the zone is in another account and no provider for it is given", () => {
      it("throws naming the missing provider", () => {
        expect(() => synthWithZoneProvider("111111111111", false)).toThrow(/public zone is in account 111111111111.*aws provider acting there/);
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
