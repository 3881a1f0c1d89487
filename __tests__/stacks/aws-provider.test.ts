import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing } from "cdktf";
import { addAwsProvider, type AwsProviderOptions } from "../../src/stacks/aws-provider";
import { LandingZoneStack } from "../../src/stacks/landing-zone-stack";

function synth(...providers: AwsProviderOptions[]): { synth: string; providers: any[] } {
  const stack = new LandingZoneStack(Testing.app(), "test");
  providers.forEach((options, i) => addAwsProvider(stack, `aws-${i}`, options));
  const out = Testing.synth(stack);
  return { synth: out, providers: JSON.parse(out).provider.aws };
}

const base: AwsProviderOptions = { region: "us-east-1", tags: { organization: "acme", environment: "production" } };

describe("addAwsProvider", () => {
  describe("with an account and a role", () => {
    const { synth: out } = synth({ ...base, accountId: "222222222222", roleArn: "arn:aws:iam::222222222222:role/deploy" });

    it("sets the region", () => {
      expect(out).toHaveProviderWithProperties(AwsProvider, { region: "us-east-1" });
    });

    it("allows only the environment's account", () => {
      expect(out).toHaveProviderWithProperties(AwsProvider, { allowed_account_ids: ["222222222222"] });
    });

    it("assumes the role with the default session name", () => {
      expect(out).toHaveProviderWithProperties(AwsProvider, {
        assume_role: [{ role_arn: "arn:aws:iam::222222222222:role/deploy", session_name: "cdktf-landing-zone" }],
      });
    });

    it("puts the tags in default_tags", () => {
      expect(out).toHaveProviderWithProperties(AwsProvider, {
        default_tags: [{ tags: { organization: "acme", environment: "production" } }],
      });
    });
  });

  describe("with ambient credentials", () => {
    const { providers } = synth(base);

    it("neither pins an account nor assumes a role", () => {
      expect(providers[0]).not.toHaveProperty("allowed_account_ids");
      expect(providers[0]).not.toHaveProperty("assume_role");
    });

    it("has no alias: it is the default provider", () => {
      expect(providers[0]).not.toHaveProperty("alias");
    });
  });

  describe("with a session name", () => {
    const { synth: out } = synth({ ...base, roleArn: "arn:aws:iam::222222222222:role/deploy", sessionName: "peering" });

    it("uses it", () => {
      expect(out).toHaveProviderWithProperties(AwsProvider, { assume_role: [expect.objectContaining({ session_name: "peering" })] });
    });
  });

  describe("with two providers in one stack (requester and accepter)", () => {
    const { providers } = synth(
      { ...base, alias: "requester", accountId: "111111111111" },
      { ...base, alias: "accepter", accountId: "222222222222" },
    );

    it("gives each its alias and account", () => {
      expect(providers).toEqual([
        expect.objectContaining({ alias: "requester", allowed_account_ids: ["111111111111"] }),
        expect.objectContaining({ alias: "accepter", allowed_account_ids: ["222222222222"] }),
      ]);
    });
  });

  describe("when the caller's tags object changes afterwards", () => {
    const tags: Record<string, string> = { organization: "acme" };
    const stack = new LandingZoneStack(Testing.app(), "test");
    addAwsProvider(stack, "aws", { region: "us-east-1", tags });
    tags.organization = "changed";

    it("keeps the tags it was given", () => {
      expect(Testing.synth(stack)).toHaveProviderWithProperties(AwsProvider, { default_tags: [{ tags: { organization: "acme" } }] });
    });
  });
});
