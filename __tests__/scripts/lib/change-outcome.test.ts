import { compareOutcome, countByKind, describeOutcome, plannedChanges, undocumentedReplacements } from "../../../scripts/lib/change-outcome";
import type { ResourceChange } from "../../../scripts/lib/prior-state";

const rc = (module: string, address: string, actions: string[], replacePaths?: string[][]): ResourceChange => ({
  address: `module.${module}.${address}`,
  module_address: `module.${module}`,
  mode: "managed",
  type: address.split(".")[0],
  name: address.split(".")[1],
  change: { actions, ...(replacePaths ? { replace_paths: replacePaths } : {}) },
});

const plan = {
  resource_changes: [
    rc("edit", "aws_subnet.network_private-subnet-d", ["create"]),
    rc("edit", "aws_db_subnet_group.db", ["update"]),
    rc("edit", "aws_eks_node_group.general", ["create", "delete"], [["subnet_ids"]]),
    rc("edit", "aws_nat_gateway.nat-b", ["delete"]),
    rc("edit", "aws_vpc.vpc", ["no-op"]),
    rc("other", "aws_subnet.network_private-subnet-a", ["delete", "create"], [["cidr_block"]]),
    { ...rc("edit", "aws_iam_policy_document.trust", ["read"]), mode: "data" as const },
  ],
};

describe("plannedChanges", () => {
  const changes = plannedChanges(plan, "edit");

  it("reads one module's managed changes, no-ops and data reads left out, addresses without the module", () => {
    expect(changes.map((c) => `${c.kind} ${c.address}`)).toEqual([
      "update aws_db_subnet_group.db",
      "replace aws_eks_node_group.general",
      "destroy aws_nat_gateway.nat-b",
      "create aws_subnet.network_private-subnet-d",
    ]);
  });

  it("tells create-before-destroy from destroy-before-create, with the attributes that force it", () => {
    expect(changes.find((c) => c.kind === "replace")).toMatchObject({ order: "create-before-destroy", forcedBy: ["subnet_ids"] });
    expect(plannedChanges(plan, "other")[0]).toMatchObject({ order: "destroy-before-create", forcedBy: ["cidr_block"] });
  });

  it("counts per action and type", () => {
    expect(countByKind(changes)).toEqual({
      create: { aws_subnet: 1 },
      update: { aws_db_subnet_group: 1 },
      replace: { aws_eks_node_group: 1 },
      destroy: { aws_nat_gateway: 1 },
    });
  });
});

describe("compareOutcome", () => {
  const changes = plannedChanges(plan, "edit");
  const expected = {
    create: { aws_subnet: 1 },
    update: { aws_db_subnet_group: 1 },
    replace: { aws_eks_node_group: { count: 1, order: "create-before-destroy" as const, reason: "new group first" } },
    destroy: { aws_nat_gateway: 1 },
    createdAddresses: /-d$/,
  };

  it("passes a plan that does exactly what the outcome says", () => {
    expect(compareOutcome(expected, changes)).toEqual([]);
  });

  it("names each type whose count differs, with the planned addresses", () => {
    expect(compareOutcome({ ...expected, destroy: {} }, changes)).toEqual(["destroy aws_nat_gateway: planned 1 (aws_nat_gateway.nat-b), expected 0"]);
    expect(compareOutcome({ ...expected, create: { aws_subnet: 4 } }, changes)).toEqual([
      "create aws_subnet: planned 1 (aws_subnet.network_private-subnet-d), expected 4",
    ]);
  });

  it("fails a replacement in the other order, and an unexpected one with its cause", () => {
    const dbc = plannedChanges({ resource_changes: [rc("m", "aws_eks_node_group.general", ["delete", "create"], [["instance_types"]])] }, "m");
    expect(compareOutcome({ replace: expected.replace }, dbc)).toEqual([
      "replace aws_eks_node_group.general: planned destroy-before-create, expected create-before-destroy",
    ]);
    expect(compareOutcome({}, dbc)).toEqual([
      "replace aws_eks_node_group: planned 1 (aws_eks_node_group.general destroy-before-create, forced by instance_types), expected 0",
    ]);
  });

  it("fails a created address outside the edit's pattern", () => {
    expect(compareOutcome({ ...expected, createdAddresses: /-c$/ }, changes)).toEqual(["create outside /-c$/: aws_subnet.network_private-subnet-d"]);
  });
});

describe("describeOutcome", () => {
  it("says what the plan adds, changes, replaces and destroys", () => {
    expect(
      describeOutcome({
        create: { aws_subnet: 4 },
        replace: { aws_eks_node_group: { count: 1, order: "create-before-destroy", reason: "r" } },
      }),
    ).toBe("adds 4 aws_subnet; replaces 1 aws_eks_node_group (create-before-destroy)");
    expect(describeOutcome({})).toBe("no change");
  });
});

describe("undocumentedReplacements", () => {
  it("requires a reason for every replacement", () => {
    expect(undocumentedReplacements({ replace: { aws_launch_template: { count: 1, order: "destroy-before-create", reason: " " } } })).toEqual([
      "replace aws_launch_template has no documented reason",
    ]);
  });

  it("refuses a subnet, route table, VPC, cluster or node group taken down before its replacement exists", () => {
    expect(undocumentedReplacements({ replace: { aws_eks_node_group: { count: 1, order: "destroy-before-create", reason: "r" } } })).toEqual([
      "replace aws_eks_node_group is destroy-before-create: a routine edit must not take a aws_eks_node_group down before its replacement exists",
    ]);
    expect(undocumentedReplacements({ replace: { aws_eks_node_group: { count: 1, order: "create-before-destroy", reason: "r" } } })).toEqual([]);
  });
});
