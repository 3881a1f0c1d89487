import { EbsEncryptionByDefault } from "@cdktf/provider-aws/lib/ebs-encryption-by-default";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { loadOrgFile } from "../../src/model/load";
import { environmentByName } from "../../src/model/org";
import { parseStack, synthStack } from "../../src/testing";

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

    it("turns on EBS encryption by default in the account and region", () => {
      expect(synthesized).toHaveResourceWithProperties(EbsEncryptionByDefault, { enabled: true });
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
});
