import {
  fake,
  mergeKnown,
  nextState,
  planChanges,
  priorStateFromPlan,
  renderPolicyDocument,
  resolveReference,
  resolveTemplate,
  copyModuleState,
  type ResourceChange,
  type ResourceSchema,
  type ShowPlan,
} from "../../../scripts/lib/prior-state";

const schemas: Record<string, ResourceSchema> = {
  aws_vpc: { version: 1, block: { attributes: { id: { type: "string" }, arn: { type: "string" }, cidr_block: { type: "string" } } } },
  aws_subnet: {
    version: 1,
    block: { attributes: { id: { type: "string" }, vpc_id: { type: "string" }, cidr_block: { type: "string" }, tags: { type: ["map", "string"] } } },
  },
  aws_eks_cluster: {
    version: 0,
    block: {
      attributes: {
        id: { type: "string" },
        identity: { type: ["list", ["object", { oidc: ["list", ["object", { issuer: "string" }]] }]] },
      },
      block_types: { vpc_config: { nesting_mode: "list", block: { attributes: { subnet_ids: { type: ["set", "string"] } } } } },
    },
  },
  aws_iam_role: { version: 0, block: { attributes: { id: { type: "string" }, arn: { type: "string" }, assume_role_policy: { type: "string" } } } },
};

const create = (module: string, type: string, name: string, after: unknown, afterUnknown: unknown): ResourceChange => ({
  address: `module.${module}.${type}.${name}`,
  module_address: `module.${module}`,
  mode: "managed",
  type,
  name,
  change: { actions: ["create"], after, after_unknown: afterUnknown },
});

const config = {
  resource: {
    aws_vpc: { vpc: { cidr_block: "10.0.0.0/16" } },
    aws_subnet: { a: { vpc_id: "${aws_vpc.vpc.id}", cidr_block: "10.0.0.0/24", provider: "aws.other" } },
    aws_eks_cluster: { cluster: { vpc_config: { subnet_ids: ["${aws_subnet.a.id}"] } } },
    aws_iam_role: { irsa: { assume_role_policy: "${data.aws_iam_policy_document.trust.json}" } },
  },
  data: {
    aws_iam_policy_document: {
      trust: {
        statement: [
          {
            actions: ["sts:AssumeRoleWithWebIdentity"],
            principals: [{ type: "Federated", identifiers: ["arn:aws:iam::1:oidc-provider/x"] }],
            condition: [{ test: "StringEquals", variable: '${replace(aws_eks_cluster.cluster.identity[0].oidc[0].issuer, "https://", "")}:sub', values: ["system:serviceaccount:a:b"] }],
          },
        ],
      },
    },
  },
};

const plan: ShowPlan = {
  resource_changes: [
    create("env", "aws_vpc", "vpc", { cidr_block: "10.0.0.0/16" }, { id: true, arn: true }),
    create("env", "aws_subnet", "a", { cidr_block: "10.0.0.0/24", tags: { Name: "a" } }, { id: true, vpc_id: true }),
    create("env", "aws_eks_cluster", "cluster", { vpc_config: [{}] }, { id: true, identity: true, vpc_config: [{ subnet_ids: true }] }),
    create("env", "aws_iam_role", "irsa", {}, { id: true, arn: true, assume_role_policy: true }),
  ],
};

const providers: string[] = [];
const state = priorStateFromPlan({
  plan,
  configs: { env: config },
  schemas,
  stateProvider: (module, type, local) => {
    providers.push(`${module} ${type} ${local ?? "-"}`);
    return `provider["registry.terraform.io/hashicorp/aws"].${local === "aws.other" ? "p2" : "p1"}`;
  },
  terraformVersion: "1.11.4",
});
const attributes = (type: string) => state.resources.find((r) => r.type === type)!.instances[0].attributes;

describe("priorStateFromPlan", () => {
  it("writes one state resource per planned create, in its module, with the schema's version", () => {
    expect(state.resources.map((r) => `${r.module} ${r.type}.${r.name} v${r.instances[0].schema_version}`)).toEqual([
      "module.env aws_vpc.vpc v1",
      "module.env aws_subnet.a v1",
      "module.env aws_eks_cluster.cluster v0",
      "module.env aws_iam_role.irsa v0",
    ]);
    expect(state.version).toBe(4);
  });

  it("keeps every known planned value", () => {
    expect(attributes("aws_subnet")).toMatchObject({ cidr_block: "10.0.0.0/24", tags: { Name: "a" } });
  });

  it("gives computed ids deterministic fakes, EC2-shaped where the provider checks the prefix", () => {
    expect(attributes("aws_vpc").id).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(attributes("aws_vpc").arn).toMatch(/^arn:aws:fake:us-east-1:000000000000:/);
    const again = priorStateFromPlan({ plan, configs: { env: config }, schemas, stateProvider: () => "p", terraformVersion: "1.11.4" });
    expect(again.resources[0].instances[0].attributes.id).toBe(attributes("aws_vpc").id);
  });

  it("resolves an unknown argument that references another resource to that resource's value", () => {
    expect(attributes("aws_subnet").vpc_id).toBe(attributes("aws_vpc").id);
  });

  it("resolves a list of references inside a nested block", () => {
    expect((attributes("aws_eks_cluster").vpc_config as { subnet_ids: string[] }[])[0].subnet_ids).toEqual([attributes("aws_subnet").id]);
  });

  it("fakes an unknown computed list with one element, so that x[0].y references resolve", () => {
    expect((attributes("aws_eks_cluster").identity as { oidc: { issuer: string }[] }[])[0].oidc[0].issuer).toMatch(/^https:\/\/fake-/);
  });

  it("renders a policy document data source a role's policy comes from, references and replace() resolved", () => {
    const issuer = (attributes("aws_eks_cluster").identity as { oidc: { issuer: string }[] }[])[0].oidc[0].issuer.replace("https://", "");
    expect(JSON.parse(attributes("aws_iam_role").assume_role_policy as string)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "sts:AssumeRoleWithWebIdentity",
          Principal: { Federated: "arn:aws:iam::1:oidc-provider/x" },
          Condition: { StringEquals: { [`${issuer}:sub`]: "system:serviceaccount:a:b" } },
        },
      ],
    });
  });

  it("asks for each resource's provider with its provider argument", () => {
    expect(providers).toContain("env aws_subnet aws.other");
    expect(state.resources.find((r) => r.type === "aws_subnet")!.provider).toBe('provider["registry.terraform.io/hashicorp/aws"].p2');
  });

  it("refuses a plan that is not all creates, and a type without a schema", () => {
    const update: ResourceChange = { ...plan.resource_changes![0], change: { actions: ["update"], after: {} } };
    expect(() => priorStateFromPlan({ plan: { resource_changes: [update] }, configs: {}, schemas, stateProvider: () => "p", terraformVersion: "1" })).toThrow(
      "module.env.aws_vpc.vpc: the prior state is written from a plan on empty state, which only creates; got update",
    );
    const unknownType = create("env", "aws_thing", "x", {}, {});
    expect(() => priorStateFromPlan({ plan: { resource_changes: [unknownType] }, configs: {}, schemas, stateProvider: () => "p", terraformVersion: "1" })).toThrow(
      "module.env.aws_thing.x: no provider schema for aws_thing",
    );
  });
});

describe("the fixpoint", () => {
  const policyChange: ShowPlan = {
    resource_changes: [
      {
        address: "module.env.aws_iam_role.irsa",
        module_address: "module.env",
        mode: "managed",
        type: "aws_iam_role",
        name: "irsa",
        change: { actions: ["update"], after: { assume_role_policy: "{}", arn: null }, after_unknown: { arn: true } },
      },
      { address: "module.env.aws_vpc.vpc", module_address: "module.env", mode: "managed", type: "aws_vpc", name: "vpc", change: { actions: ["no-op"], after: { cidr_block: "10.0.0.0/16" } } },
    ],
  };

  it("lists the changes that keep a plan from being a fixpoint, no-ops and reads left out", () => {
    expect(planChanges(policyChange)).toEqual(["module.env.aws_iam_role.irsa: update"]);
    expect(planChanges({ resource_changes: [{ ...policyChange.resource_changes![1] }] })).toEqual([]);
  });

  it("copies a plan's known after values into the state and keeps the state's value where after is unknown", () => {
    const next = nextState(state, policyChange);
    const role = next.resources.find((r) => r.type === "aws_iam_role")!.instances[0].attributes;
    expect(role.assume_role_policy).toBe("{}");
    expect(role.arn).toBe(attributes("aws_iam_role").arn);
    expect(next.serial).toBe(state.serial + 1);
  });

  it("reaches a state that a plan without changes leaves as it is", () => {
    const next = nextState(state, policyChange);
    expect(nextState(next, { resource_changes: [] }).resources).toEqual(next.resources);
  });
});

describe("mergeKnown", () => {
  it("merges nested lists and objects element by element", () => {
    expect(mergeKnown({ a: [1, 2], b: "old" }, { a: [5, null], b: null }, { a: [false, true], b: true })).toEqual({ a: [5, 2], b: "old" });
  });
});

describe("resolveReference", () => {
  const attributesOf = (type: string, name: string) => (type === "aws_eks_cluster" && name === "c" ? { identity: [{ oidc: [{ issuer: "https://x" }] }] } : undefined);

  it("follows attribute names and list indexes", () => {
    expect(resolveReference("aws_eks_cluster.c.identity[0].oidc[0].issuer", attributesOf)).toBe("https://x");
  });

  it("gives up on data sources, variables and resources the state lacks", () => {
    expect(resolveReference("data.aws_partition.p.partition", attributesOf)).toBeUndefined();
    expect(resolveReference("var.x", attributesOf)).toBeUndefined();
    expect(resolveReference("aws_vpc.missing.id", attributesOf)).toBeUndefined();
  });
});

describe("resolveTemplate", () => {
  const resolve = (ref: string) => ({ "aws_vpc.v.id": "vpc-1", "aws_eks_cluster.c.endpoint": "https://api" } as Record<string, string>)[ref];

  it("puts resolved references and replace() calls into the text", () => {
    expect(resolveTemplate("arn:${aws_vpc.v.id}/*", resolve)).toBe("arn:vpc-1/*");
    expect(resolveTemplate('${replace(aws_eks_cluster.c.endpoint, "https://", "")}:sub', resolve)).toBe("api:sub");
  });

  it("gives up when any interpolation is something else", () => {
    expect(resolveTemplate("${jsonencode(aws_vpc.v.id)}", resolve)).toBeUndefined();
    expect(resolveTemplate("${aws_vpc.unknown.id}", resolve)).toBeUndefined();
  });
});

describe("renderPolicyDocument", () => {
  it("renders lists of one as strings and several as lists, and defaults the effect to Allow", () => {
    const json = renderPolicyDocument({ statement: [{ sid: "S", actions: ["a:B", "a:C"], resources: ["*"] }] }, (t) => t);
    expect(JSON.parse(json!)).toEqual({ Version: "2012-10-17", Statement: [{ Sid: "S", Effect: "Allow", Action: ["a:B", "a:C"], Resource: "*" }] });
  });

  it("gives up on documents built from other documents, and on references it cannot resolve", () => {
    expect(renderPolicyDocument({ source_policy_documents: ["{}"], statement: [] }, (t) => t)).toBeUndefined();
    expect(renderPolicyDocument({ statement: [{ resources: ["${aws_x.y.arn}"] }] }, () => undefined)).toBeUndefined();
  });
});

describe("fake", () => {
  it("shapes strings by the attribute's name", () => {
    const at = (key: string) => fake("string", { address: "aws_x.y", path: [key] }) as string;
    expect(at("role_arn")).toMatch(/^arn:aws:fake:/);
    expect(at("endpoint")).toMatch(/^https:\/\//);
    expect(at("subnet_id")).toMatch(/^fake-subnet-/);
    expect(at("private_ip")).toBe("192.0.2.1");
  });

  it("leaves empty the computed attributes the provider refuses unless configured (an SNS topic's FIFO throughput scope)", () => {
    expect(fake("string", { address: "module.production.aws_sns_topic.alerts", path: ["fifo_throughput_scope"] })).toBe("");
    expect(fake("string", { address: "aws_x.y", path: ["fifo_throughput_scope"] })).toMatch(/^fake-/);
  });

  it("builds empty sets and maps, one-element lists, and objects of fakes", () => {
    expect(fake(["set", "string"], { address: "a.b", path: ["s"] })).toEqual([]);
    expect(fake(["map", "string"], { address: "a.b", path: ["m"] })).toEqual({});
    expect(fake(["list", ["object", { n: "number", b: "bool" }]], { address: "a.b", path: ["l"] })).toEqual([{ n: 0, b: false }]);
  });
});

describe("copyModuleState", () => {
  it("copies one module's resources under another module with the given provider", () => {
    const copied = copyModuleState(state, "env", "edit-x", () => "provider-x");
    expect(copied).toHaveLength(4);
    expect(copied.every((r) => r.module === "module.edit-x" && r.provider === "provider-x")).toBe(true);
    expect(copyModuleState(state, "other", "edit-x", () => "p")).toEqual([]);
  });
});
