import { loadOrgFile } from "../../src/model/load";
import { keyGuards } from "../../src/state/key-guards";
import { loadChanged } from "../../test-helpers/model-fixtures";

const role = (name: string) => `arn:aws:iam::111111111111:role/${name}`;

describe("keyGuards", () => {
  describe("for the default organization", () => {
    const guards = new Map(keyGuards(loadOrgFile().state).map((g) => [g.key, g]));

    it("guards each top-level folder once, the state stack's included", () => {
      expect([...guards.keys()]).toEqual(["management/*", "production/*", "development/*", "peering/*", "state/*"]);
    });

    it("lets an environment's folder be written by its stacks' roles and read by them and the peering role", () => {
      expect(guards.get("production/*")).toEqual({
        key: "production/*",
        writers: [role("acme-production-state"), role("acme-production-platform-state")],
        readers: [role("acme-production-platform-state"), role("acme-peering-state")],
      });
    });

    it("gives the state stack's folder to its deployer alone", () => {
      expect(guards.get("state/*")).toEqual({ key: "state/*", writers: [role("OrganizationAccountAccessRole")], readers: [] });
    });
  });

  describe("while upgrading (transition)", () => {
    it("keeps state.roleArn a writer of every folder", () => {
      const guards = keyGuards(loadChanged((f) => (f.state.isolation = "transition")).state);
      for (const g of guards) expect(g.writers).toContain(role("OrganizationAccountAccessRole"));
    });
  });

  describe("with isolation shared", () => {
    it("guards nothing: every backend is state.roleArn", () => {
      expect(keyGuards(loadChanged((f) => (f.state.isolation = "shared")).state)).toEqual([]);
    });
  });
});
