import { changeTargets, references } from "../../../scripts/lib/edit-targets";

const base = {
  "//": { metadata: { version: "1" } },
  terraform: { required_providers: { aws: { version: "5.100.0" } } },
  provider: { aws: [{ region: "us-east-1" }] },
  resource: {
    aws_vpc: { vpc: { "//": { metadata: { path: "p/vpc" } }, cidr_block: "10.0.0.0/16" } },
    aws_subnet: {
      a: { vpc_id: "${aws_vpc.vpc.id}", cidr_block: "10.0.0.0/24" },
      b: { vpc_id: "${aws_vpc.vpc.id}", cidr_block: "10.0.1.0/24" },
    },
    aws_db_subnet_group: { db: { subnet_ids: ["${aws_subnet.a.id}", "${aws_subnet.b.id}"] } },
    aws_iam_role: { irsa: { assume_role_policy: "${data.aws_iam_policy_document.trust.json}" } },
    aws_eks_cluster: { cluster: { version: "1.33" } },
    aws_nat_gateway: { nat: { subnet_id: "${aws_subnet.a.id}", depends_on: ["aws_iam_role.irsa"] } },
  },
  data: { aws_iam_policy_document: { trust: { statement: [{ variable: '${replace(aws_eks_cluster.cluster.identity[0].oidc[0].issuer, "https://", "")}:sub' }] } } },
};

const edited = (change: (json: typeof base) => void) => {
  const copy = structuredClone(base);
  change(copy);
  return copy;
};

describe("changeTargets", () => {
  it("finds nothing to plan when only cdktf's metadata differs", () => {
    expect(changeTargets(base, edited((j) => void (j.resource.aws_vpc.vpc["//"].metadata.path = "q/vpc")))).toEqual([]);
  });

  it("targets an added resource and what references it", () => {
    const json = edited((j) => {
      (j.resource.aws_subnet as Record<string, unknown>).c = { vpc_id: "${aws_vpc.vpc.id}", cidr_block: "10.0.2.0/24" };
      j.resource.aws_db_subnet_group.db.subnet_ids.push("${aws_subnet.c.id}");
    });
    expect(changeTargets(base, json)).toEqual(["aws_db_subnet_group.db", "aws_subnet.c"]);
  });

  it("targets a removed resource, which the plan destroys", () => {
    const json = edited((j) => {
      delete (j.resource.aws_subnet as Record<string, unknown>).b;
      j.resource.aws_db_subnet_group.db.subnet_ids = ["${aws_subnet.a.id}"];
    });
    expect(changeTargets(base, json)).toEqual(["aws_db_subnet_group.db", "aws_subnet.b"]);
  });

  it("follows references through data sources, replace() calls and depends_on", () => {
    expect(changeTargets(base, edited((j) => void (j.resource.aws_eks_cluster.cluster.version = "1.34")))).toEqual([
      "aws_eks_cluster.cluster",
      "aws_iam_role.irsa",
      "aws_nat_gateway.nat",
    ]);
  });

  it("plans the whole stack when something stack-wide differs", () => {
    expect(changeTargets(base, edited((j) => void (j.provider.aws[0].region = "eu-west-1")))).toBeUndefined();
    expect(changeTargets(base, { ...base, moved: [{ from: "aws_vpc.old", to: "aws_vpc.vpc" }] })).toBeUndefined();
  });
});

describe("references", () => {
  const all = new Map<string, unknown>([
    ["aws_vpc.vpc", {}],
    ["data.aws_iam_policy_document.trust", {}],
  ]);

  it("finds resources and data sources named in expressions, and nothing that only looks like one", () => {
    expect([...references({ a: "${aws_vpc.vpc.id}", b: "${data.aws_iam_policy_document.trust.json}", c: "aws_vpc.vpc.id", d: "https://x.aws_vpc.vpc" }, all)]).toEqual([
      "aws_vpc.vpc",
      "data.aws_iam_policy_document.trust",
    ]);
  });
});
