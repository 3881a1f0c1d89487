import { AnnotationMetadataEntryType, Testing, TerraformStack } from "cdktf";
import { buildApp } from "../src/app";
import { loadOrgFile } from "../src/model/load";
import { stackNames } from "../src/model/naming";
import { loadChanged } from "../test-helpers/model-fixtures";

describe("buildApp", () => {
  describe("the default organization", () => {
    const org = loadOrgFile();
    const app = Testing.app();
    buildApp(app, org);
    const stacks = app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack);

    it("has the state stack, one stack per environment, a platform stack per cluster and the peering stack", () => {
      expect(stacks.map((s) => s.node.id).sort()).toEqual(
        [
          stackNames.state,
          ...org.environments.map((e) => stackNames.environment(e.name)),
          ...org.environments.filter((e) => e.eks).map((e) => stackNames.platform(e.name)),
          stackNames.peering,
        ].sort(),
      );
    });

    it.each(stacks.map((s) => [s.node.id, s] as const))("synthesizes the %s stack with its providers and backend", (name, stack) => {
      const json = JSON.parse(Testing.synth(stack, true));
      expect(Object.keys(json.resource ?? {}).length).toBeGreaterThan(0);
      expect(Object.keys(json.terraform.backend)).toEqual([name === stackNames.state ? "local" : "s3"]);
    });

    it("needs no Terraform binary to synthesize: no stack uses cdktf's resource moves, which run `terraform version`", () => {
      // The one-release moved blocks are stack overrides (src/moves/legacy-id.ts); they are there all the same.
      expect(stacks.filter((s) => s.hasResourceMove()).map((s) => s.node.id)).toEqual([]);
      expect(JSON.parse(Testing.synth(app.node.findChild(stackNames.peering) as TerraformStack)).moved.length).toBeGreaterThan(0);
    });

    it("warns on the platform stacks that ingress-nginx is retired", () => {
      for (const name of ["production-platform", "development-platform"]) {
        const warnings = app.node
          .findChild(name)
          .node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN)
          .map((m) => String(m.data));
        expect(warnings).toEqual(expect.arrayContaining([expect.stringMatching(/ingress-nginx was retired upstream on 2026-03-24/)]));
      }
    });
  });

  describe("an organization without peering or clusters", () => {
    it("has only the state and environment stacks", () => {
      const org = loadChanged((f) => {
        delete f.environments.production.peers;
        delete f.environments.development.peers;
        delete f.environments.production.eks;
        delete f.environments.production.platform;
        delete f.environments.development.eks;
        delete f.environments.development.platform;
      });
      const app = Testing.app();
      buildApp(app, org);
      expect(app.node.children.map((c) => c.node.id).sort()).toEqual(["development", "management", "production", "state"]);
    });
  });
});
