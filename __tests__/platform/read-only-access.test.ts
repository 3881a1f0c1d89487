import { ClusterRoleBindingV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-binding-v1";
import { ClusterRoleV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-v1";
import { Testing } from "cdktf";
import { READ_ONLY_GROUP } from "../../src/eks/cluster-attributes";
import { ReadOnlyAccess } from "../../src/platform/read-only-access";

describe("ReadOnlyAccess", () => {
  describe("for the read-only group", () => {
    const synth = Testing.synthScope((scope) => new ReadOnlyAccess(scope, "read-only-access", { group: READ_ONLY_GROUP }));
    const rules: { api_groups: string[]; resources: string[]; verbs: string[] }[] = (
      Object.values(JSON.parse(synth).resource[ClusterRoleV1.tfResourceType])[0] as any
    ).rule;

    it("creates a ClusterRole named after the group that reads workloads", () => {
      expect(synth).toHaveResourceWithProperties(ClusterRoleV1, {
        metadata: { name: "platform-read-only" },
        rule: expect.arrayContaining([
          { api_groups: ["apps"], resources: ["deployments", "replicasets", "statefulsets", "daemonsets"], verbs: ["get", "list", "watch"] },
        ]),
      });
    });

    it("only gets, lists and watches", () => {
      for (const rule of rules) expect(rule.verbs).toEqual(["get", "list", "watch"]);
    });

    it("never reads secrets or pod logs and uses no wildcard", () => {
      const resources = rules.flatMap((r) => r.resources);
      expect(resources).toContain("pods");
      expect(resources).not.toContain("secrets");
      expect(resources).not.toContain("pods/log");
      expect(resources).not.toContain("*");
      expect(rules.flatMap((r) => r.api_groups)).not.toContain("*");
    });

    it("binds the role to the group", () => {
      expect(synth).toHaveResourceWithProperties(ClusterRoleBindingV1, {
        metadata: { name: "platform-read-only" },
        role_ref: { api_group: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "platform-read-only" },
        subject: [{ kind: "Group", name: "platform-read-only", api_group: "rbac.authorization.k8s.io" }],
      });
    });
  });

  describe("with alsoReads", () => {
    it.each([
      [["podLogs"], ["pods/log"]],
      [["secrets"], ["secrets"]],
      [["podLogs", "secrets"], ["pods/log", "secrets"]],
    ] as const)("%j adds %j to the core group, read-only", (alsoReads, added) => {
      const synth = Testing.synthScope((scope) => new ReadOnlyAccess(scope, "r", { group: READ_ONLY_GROUP, alsoReads: [...alsoReads] }));
      const rules: any[] = (Object.values(JSON.parse(synth).resource[ClusterRoleV1.tfResourceType])[0] as any).rule;
      const core = rules.find((r) => r.api_groups[0] === "");
      expect(core.resources).toEqual(expect.arrayContaining([...added]));
      expect(core.verbs).toEqual(["get", "list", "watch"]);
      expect(rules.filter((r) => r.api_groups[0] !== "").flatMap((r) => r.resources)).not.toEqual(expect.arrayContaining([...added]));
    });
  });
});
