import { Testing } from "cdktf";
import { EnvironmentStack } from "../../src/stacks/environment-stack";
import { EbsEncryptionByDefault } from "@cdktf/provider-aws/lib/ebs-encryption-by-default";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { loadOrgFile } from "../../src/model/load";
import { environmentByName } from "../../src/model/org";
import { parseStack, synthStack } from "../../src/testing";
import { loadChanged } from "../../test-helpers/model-fixtures";

describe("EnvironmentStack", () => {
  const org = loadOrgFile();

  describe.each(org.environments.map((e) => [e.name] as const))("the %s stack", (name) => {
    const env = environmentByName(org, name);
    const synthesized = synthStack(org, name);
    const json = parseStack(synthesized) as any;

    it("acts only in the environment's account, through its deploy role, with the default tags", () => {
      expect(synthesized).toHaveProviderWithProperties(AwsProvider, {
        region: env.region,
        allowed_account_ids: [env.accountId],
        assume_role: [expect.objectContaining({ role_arn: `arn:aws:iam::${env.accountId}:role/OrganizationAccountAccessRole` })],
        default_tags: [{ tags: { organization: "acme", environment: name, "managed-by": "cdktf" } }],
      });
    });

    it("keeps its state in the bucket under its own key, encrypted and locked with a lockfile", () => {
      expect(json.terraform.backend.s3).toEqual(
        expect.objectContaining({ bucket: "acme-terraform-state", key: `${name}/network-cluster.tfstate`, encrypt: true, use_lockfile: true }),
      );
    });

    it("turns on EBS encryption by default in the account and region it alone has", () => {
      expect(synthesized).toHaveResourceWithProperties(EbsEncryptionByDefault, { enabled: true });
      expect((json.removed ?? []).filter((r: any) => r.from.startsWith("aws_ebs_"))).toEqual([]);
    });

    it("uses no data source that calls an AWS API, so its plan works offline", () => {
      expect(Object.keys(json.data ?? {}).filter((type) => type !== "aws_iam_policy_document")).toEqual([]);
    });

    it(env.eks ? "outputs what the platform stack needs" : "has no cluster outputs", () => {
      const outputs = Object.keys(json.output ?? {});
      const clusterOutputs = ["cluster-name", "cluster-endpoint", "cluster-certificate-authority-data", "oidc-provider-arn", "oidc-issuer-url", "external-dns-role-arn"];
      if (env.eks) expect(outputs).toEqual(expect.arrayContaining(clusterOutputs));
      else expect(outputs.filter((o) => clusterOutputs.includes(o))).toEqual([]);
    });
  });

  describe("the public DNS zone's account", () => {
    /** aws providers of a synthesized stack (one object, or a list when there are several). */
    const providersOf = (json: any): any[] => [json.provider?.aws ?? []].flat();

    describe.each(["production", "development"])("for %s, whose cluster is outside the zone's account", (name) => {
      const env = environmentByName(org, name);
      const json = parseStack(synthStack(org, name)) as any;

      it("has no provider into the zone's account: the dns stack creates the records role there", () => {
        expect(org.dns.publicZoneAccountId).toBe("111111111111");
        expect(providersOf(json).map((p) => p.allowed_account_ids)).toEqual([[env.accountId], [env.accountId]]);
        expect(JSON.stringify(json)).not.toMatch(/"aws\.dns"|111111111111:role\/OrganizationAccountAccessRole/);
      });

      it("keeps the alias dns, now acting in its own account, only so Terraform can forget the objects recorded under it", () => {
        expect(providersOf(json).find((p) => p.alias === "dns")).toEqual(
          expect.objectContaining({
            allowed_account_ids: [env.accountId],
            assume_role: [expect.objectContaining({ role_arn: `arn:aws:iam::${env.accountId}:role/OrganizationAccountAccessRole` })],
          }),
        );
      });

      it("forgets, without destroying, the records role and policy it created there before", () => {
        expect(json.removed).toEqual([
          { from: "aws_iam_role_policy.eks_external-dns-records_policy", lifecycle: [{ destroy: false }] },
          { from: "aws_iam_role.eks_external-dns-records_role", lifecycle: [{ destroy: false }] },
        ]);
      });

      it("outputs the role ExternalDNS assumes, by its ARN in the zone's account", () => {
        expect(json.output["external-dns-assume-role-arn"].value).toBe(`arn:aws:iam::111111111111:role/acme-${name}-external-dns-records`);
      });
    });

    describe("for management, which owns the zone and has no cluster", () => {
      const json = parseStack(synthStack(org, "management")) as any;

      it("adds no second provider", () => {
        expect(providersOf(json).map((p) => p.alias)).toEqual([undefined]);
      });
    });

    describe("for a cluster in the zone's own account", () => {
      const edited = loadChanged((f) => (f.dns.publicZoneAccountId = f.environments.production.accountId));
      const json = parseStack(synthStack(edited, "production")) as any;

      it("adds no second provider and no records role", () => {
        expect(providersOf(json).map((p) => p.alias)).toEqual([undefined]);
        expect(Object.keys(json.resource.aws_iam_role)).not.toContain("eks_external-dns-records_role");
        expect(json.output).not.toHaveProperty("external-dns-assume-role-arn");
      });

      it("scopes the IRSA role's own policy to the zone", () => {
        expect(json.data.aws_iam_policy_document["eks_irsa-external-dns_policy-document"].statement[0]).toMatchObject({
          actions: ["route53:ChangeResourceRecordSets"],
          resources: ["arn:aws:route53:::hostedzone/Z0123456789EXAMPLEZONE"],
        });
      });
    });
  });
  describe("when environments share an account and region", () => {
    // development moves into production's account: development sorts first, so it owns the setting.
    const shared = loadChanged((f) => (f.environments.development.accountId = f.environments.production.accountId));
    const stacks = Object.fromEntries(["development", "production", "management"].map((n) => [n, parseStack(synthStack(shared, n)) as any]));
    const ebs = (n: string) => Object.keys(stacks[n].resource.aws_ebs_encryption_by_default ?? {});

    it("gives the account-wide EBS setting to exactly one stack: the environment whose name sorts first", () => {
      expect(ebs("development")).toEqual(["ebs-encryption-by-default"]);
      expect(ebs("production")).toEqual([]);
      expect(ebs("management")).toEqual(["ebs-encryption-by-default"]);
    });

    it("makes the other stack forget the setting if it held it, without turning encryption off", () => {
      // The GuardDuty detector is account-wide too (src/observability/environment-observability.ts).
      expect(stacks.production.removed).toEqual([
        { from: "aws_ebs_encryption_by_default.ebs-encryption-by-default", lifecycle: [{ destroy: false }] },
        // ExternalDNS's records role, now the dns stack's (the cluster is outside the zone's account).
        { from: "aws_iam_role_policy.eks_external-dns-records_policy", lifecycle: [{ destroy: false }] },
        { from: "aws_iam_role.eks_external-dns-records_role", lifecycle: [{ destroy: false }] },
        { from: "aws_guardduty_detector.observability_guardduty_detector", lifecycle: [{ destroy: false }] },
        { from: "aws_guardduty_detector_feature.observability_guardduty_eks-audit-logs", lifecycle: [{ destroy: false }] },
        { from: "aws_guardduty_detector_feature.observability_guardduty_runtime-monitoring", lifecycle: [{ destroy: false }] },
      ]);
      // development keeps the setting; it forgets only its former ExternalDNS records role (now the dns stack's).
      expect((stacks.development.removed ?? []).filter((r: any) => r.from.startsWith("aws_ebs_"))).toEqual([]);
    });

    it("keeps the owner when the environments are listed in another order", () => {
      const reordered = loadChanged((f) => {
        f.environments.development.accountId = f.environments.production.accountId;
        const { production, ...rest } = f.environments;
        f.environments = { production, ...rest };
      });
      expect(Object.keys((parseStack(synthStack(reordered, "development")) as any).resource.aws_ebs_encryption_by_default)).toHaveLength(1);
      expect((parseStack(synthStack(reordered, "production")) as any).resource.aws_ebs_encryption_by_default).toBeUndefined();
    });
  });
});

describe("the logs key of each environment of the default organization", () => {
  const org = loadOrgFile();
  it.each(org.environments.map((e) => [e.name]))("%s: names exactly the log groups of its stack that it encrypts", (name) => {
    const json = JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), name, { org, environment: environmentByName(org, name) })));
    const env = environmentByName(org, name);
    const arn = (group: string) => `arn:aws:logs:${env.region}:${env.accountId}:log-group:${group}`;
    const statement = json.data.aws_iam_policy_document["network_logs-kms-key_policy"].statement.find((s: any) => s.sid === "CloudWatchLogsUsesKey");
    const encrypted = Object.values(json.resource.aws_cloudwatch_log_group as Record<string, any>)
      .filter((g) => g.kms_key_id === "${aws_kms_key.network_logs-kms-key_key.arn}")
      .map((g) => arn(g.name));
    expect(encrypted.length).toBeGreaterThan(0);
    expect([...statement.condition[0].values].sort()).toEqual([...encrypted].sort());
  });
});
