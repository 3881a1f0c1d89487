import { deployOrder, remoteStateDependencies } from "../../src/review/deploy-order";
import { planOf } from "../../test-helpers/plan-fixtures";

describe("deployOrder", () => {
  // The default organization's manifest: dns and peering depend on the <env> stacks, each platform on its environment.
  const stacks = [
    { name: "development", dependsOn: [] },
    { name: "development-platform", dependsOn: ["development"] },
    { name: "dns", dependsOn: ["production", "development"] },
    { name: "management", dependsOn: [] },
    { name: "peering", dependsOn: ["production", "management", "development"] },
    { name: "production", dependsOn: [] },
    { name: "production-platform", dependsOn: ["production"] },
    { name: "state", dependsOn: [] },
  ];
  const rank = (n: string) => ({ state: 0, management: 1, production: 2, development: 3, dns: 4, peering: 5 })[n] ?? 6;

  it("puts every stack after the stacks it depends on, ties broken by rank", () => {
    expect(deployOrder(stacks, rank)).toEqual(["state", "management", "production", "development", "dns", "peering", "development-platform", "production-platform"]);
  });

  it("follows the dependencies over the rank", () => {
    expect(deployOrder([{ name: "a", dependsOn: ["b"] }, { name: "b", dependsOn: [] }], (n) => (n === "a" ? 0 : 1))).toEqual(["b", "a"]);
  });

  it("ignores dependencies on stacks not in the list, and names a cycle", () => {
    expect(deployOrder([{ name: "peering", dependsOn: ["production"] }])).toEqual(["peering"]);
    expect(() => deployOrder([{ name: "a", dependsOn: ["b"] }, { name: "b", dependsOn: ["a"] }])).toThrow("the stacks a, b depend on each other in a cycle");
  });
});

describe("remoteStateDependencies", () => {
  it("reads the stacks whose state a plan reads from each terraform_remote_state key", () => {
    const remote = (name: string, key: string) => ({ address: `data.terraform_remote_state.${name}`, mode: "data" as const, type: "terraform_remote_state", name, expressions: { config: { constant_value: { bucket: "b", key } } } });
    const plan = planOf([], [remote("p", "production/network-cluster.tfstate"), remote("m", "management/network-cluster.tfstate"), remote("x", "elsewhere/x.tfstate")]);
    expect(remoteStateDependencies(plan, ["production", "management", "peering"])).toEqual(["management", "production"]);
  });
});
