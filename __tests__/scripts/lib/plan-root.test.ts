import { buildPlanRoot, canonicalJson } from "../../../scripts/lib/plan-root";

const stack = (env: string, withDns: boolean) => ({
  "//": { metadata: { stackName: env } },
  terraform: {
    backend: { s3: { bucket: "b", key: `${env}.tfstate` } },
    required_providers: { aws: { source: "aws", version: "5.100.0" } },
  },
  provider: {
    aws: [{ region: "us-east-1", default_tags: [{ tags: { environment: env } }] }, ...(withDns ? [{ alias: "dns", region: "us-east-1", default_tags: [{ tags: { environment: env } }] }] : [])],
  },
  resource: { aws_vpc: { network_vpc: { cidr_block: "10.0.0.0/16" } }, aws_iam_role: { records: { provider: "aws.dns", name: "r" } } },
});

describe("buildPlanRoot", () => {
  const root = buildPlanRoot([
    { name: "production", json: stack("production", true) },
    { name: "development", json: stack("development", false) },
  ]);
  const rootProviders = (root.root.provider as { aws: { alias: string }[] }).aws;
  const calls = root.root.module as Record<string, { source: string; providers: Record<string, string> }>;

  it("calls each stack as a module from its own folder", () => {
    expect(calls.production.source).toBe("./modules/production");
    expect(calls.development.source).toBe("./modules/development");
  });

  it("drops the stacks' backends and provider blocks, and cdktf's metadata", () => {
    const production = root.modules.production as Record<string, Record<string, unknown>>;
    expect(production.terraform.backend).toBeUndefined();
    expect(production.provider).toBeUndefined();
    expect(production["//"]).toBeUndefined();
    expect(production.resource).toEqual(stack("production", true).resource);
  });

  it("shares one root provider between identical provider blocks", () => {
    // production's aws and aws.dns have the same settings; development's differ by its tags.
    expect(rootProviders).toHaveLength(2);
    expect(calls.production.providers.aws).toBe(calls.production.providers["aws.dns"]);
    expect(calls.development.providers.aws).not.toBe(calls.production.providers.aws);
  });

  it("declares a module's aliases as configuration aliases", () => {
    const production = root.modules.production as { terraform: { required_providers: { aws: { configuration_aliases?: string[] } } } };
    expect(production.terraform.required_providers.aws.configuration_aliases).toEqual(["aws.dns"]);
    const development = root.modules.development as typeof production;
    expect(development.terraform.required_providers.aws.configuration_aliases).toBeUndefined();
  });

  it("names a resource's state provider by the root provider its module maps it to", () => {
    const alias = calls.production.providers["aws.dns"].split(".")[1];
    expect(root.stateProvider("production", "aws_iam_role", "aws.dns")).toBe(`provider["registry.terraform.io/hashicorp/aws"].${alias}`);
    expect(root.stateProvider("production", "aws_vpc", undefined)).toBe(`provider["registry.terraform.io/hashicorp/aws"].${alias}`);
  });

  it("refuses a module name Terraform would not accept, and a repeated one", () => {
    expect(() => buildPlanRoot([{ name: "1st", json: {} }])).toThrow('module name "1st" is not a Terraform identifier');
    expect(() => buildPlanRoot([{ name: "a", json: {} }, { name: "a", json: {} }])).toThrow("module a is given twice");
  });
});

describe("canonicalJson", () => {
  it("writes equal objects alike whatever their key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [2, { e: 0, f: 1 }] }, b: 1 }));
  });

  it("keeps array order, which is meaningful", () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });
});
