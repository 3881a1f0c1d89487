import { changeKind, configAddress, isUnknown, pathText, stackPlanOfModule, type PlanJson } from "../../src/review/plan-json";
import { change } from "../../test-helpers/plan-fixtures";

describe("changeKind", () => {
  it("names each action list as the summary counts it", () => {
    const kinds = [["create"], ["update"], ["delete", "create"], ["create", "delete"], ["delete"], ["read"], ["forget"], ["no-op"]].map((a) => changeKind(change("aws_vpc.v", a as never)));
    expect(kinds).toEqual(["create", "update", "replace", "replace", "destroy", "read", "forget", undefined]);
  });
});

describe("stackPlanOfModule", () => {
  it("cuts one stack out of a plan root: its changes without the module prefix, its module's configuration as the root", () => {
    const plan: PlanJson = {
      terraform_version: "1.11.4",
      resource_changes: [
        { ...change("aws_vpc.network_vpc", ["create"]), address: "module.production.aws_vpc.network_vpc", module_address: "module.production" },
        { ...change("aws_vpc.network_vpc", ["create"]), address: "module.development.aws_vpc.network_vpc", module_address: "module.development" },
      ],
      configuration: { root_module: { module_calls: { production: { module: { resources: [{ address: "aws_vpc.network_vpc", mode: "managed", type: "aws_vpc", name: "network_vpc" }] } } } } },
    };
    const own = stackPlanOfModule(plan, "production");
    expect(own.resource_changes!.map((rc) => rc.address)).toEqual(["aws_vpc.network_vpc"]);
    expect(own.resource_changes![0].module_address).toBeUndefined();
    expect(own.configuration!.root_module!.resources!.map((r) => r.address)).toEqual(["aws_vpc.network_vpc"]);
  });
});

describe("small readers", () => {
  it("reads instance addresses, unknown markers and paths as Terraform writes them", () => {
    expect(configAddress('aws_subnet.a["x"]')).toBe("aws_subnet.a");
    expect(isUnknown({ vpc_config: [{ cluster_security_group_id: true }] }, ["vpc_config"])).toBe(true);
    expect(isUnknown({ tags_all: {} }, ["tags_all"])).toBe(false);
    expect(pathText(["vpc_config", 0, "subnet_ids"])).toBe("vpc_config[0].subnet_ids");
  });
});
