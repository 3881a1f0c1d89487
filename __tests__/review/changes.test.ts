import { changeCounts, disruptiveChanges } from "../../src/review/changes";
import { change, planOf } from "../../test-helpers/plan-fixtures";

const nodeGroupReplaced = change(
  "aws_eks_node_group.eks_node-group-general_node-group",
  ["create", "delete"],
  { before: { instance_types: ["t3.large", "t3a.large"], capacity_type: "SPOT" }, after: { instance_types: ["m6i.large"], capacity_type: "ON_DEMAND" }, replace_paths: [["instance_types"], ["capacity_type"]] },
  { action_reason: "replace_because_cannot_update" },
);
const plan = planOf([
  change("aws_subnet.network_private-subnet-d", ["create"]),
  change("aws_db_subnet_group.db", ["update"]),
  nodeGroupReplaced,
  change("aws_subnet.network_public-subnet-a", ["delete", "create"], { before: { cidr_block: "10.0.0.0/24" }, after: { cidr_block: null }, after_unknown: { cidr_block: true }, replace_paths: [["cidr_block"]] }),
  change("aws_nat_gateway.network_nat-b", ["delete"], { before: { id: "nat-1" } }, { action_reason: "delete_because_no_resource_config" }),
  change("data.aws_iam_policy_document.trust", ["read"]),
  change("aws_vpc.network_vpc", ["no-op"]),
  change("aws_eks_addon.old", ["forget"]),
]);

describe("changeCounts", () => {
  it("counts each kind of change once per instance, replacements apart from creates and destroys, no-ops left out", () => {
    expect(changeCounts(plan)).toEqual({ create: 1, update: 1, replace: 2, destroy: 1, read: 1, forget: 1 });
  });

  it("counts nothing in a plan without changes", () => {
    expect(changeCounts(planOf([]))).toEqual({ create: 0, update: 0, replace: 0, destroy: 0, read: 0, forget: 0 });
  });
});

describe("disruptiveChanges", () => {
  const changes = disruptiveChanges(plan);

  it("lists every replacement and destroy in plan order", () => {
    expect(changes.map((c) => `${c.kind} ${c.address}`)).toEqual([
      "replace aws_eks_node_group.eks_node-group-general_node-group",
      "replace aws_subnet.network_public-subnet-a",
      "destroy aws_nat_gateway.network_nat-b",
    ]);
  });

  it("names the attributes that force a replacement, with their values before and after, and Terraform's reason in words", () => {
    expect(changes[0]).toEqual({
      address: "aws_eks_node_group.eks_node-group-general_node-group",
      kind: "replace",
      order: "create-before-destroy",
      forcedBy: ['instance_types: ["t3.large","t3a.large"] -> ["m6i.large"]', 'capacity_type: "SPOT" -> "ON_DEMAND"'],
      reason: "an attribute that cannot be updated in place changes",
    });
  });

  it("says a forcing value is only known after apply, and tells destroy-before-create", () => {
    expect(changes[1]).toMatchObject({ order: "destroy-before-create", forcedBy: ['cidr_block: "10.0.0.0/24" -> ‹known after apply›'] });
  });

  it("gives a destroy the reason Terraform plans it", () => {
    expect(changes[2]).toEqual({ address: "aws_nat_gateway.network_nat-b", kind: "destroy", forcedBy: [], reason: "removed from the configuration" });
  });
});
