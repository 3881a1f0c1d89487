import { AnnotationMetadataEntryType, Testing, TerraformStack } from "cdktf";
import { buildApp } from "../src/app";
import { loadOrgFile } from "../src/model/load";
import { stackNames } from "../src/model/naming";
import { loadChanged } from "../test-helpers/model-fixtures";
import { allows, type PolicyStatement } from "../test-helpers/iam-conditions";

describe("buildApp", () => {
  describe("the default organization", () => {
    const org = loadOrgFile();
    const app = Testing.app();
    buildApp(app, org);
    const stacks = app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack);

    it("has the state stack, one stack per environment, a platform stack per cluster, the peering stack and the dns stack", () => {
      expect(stacks.map((s) => s.node.id).sort()).toEqual(
        [
          stackNames.state,
          ...org.environments.map((e) => stackNames.environment(e.name)),
          ...org.environments.filter((e) => e.eks).map((e) => stackNames.platform(e.name)),
          stackNames.peering,
          stackNames.dns,
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

  describe("ExternalDNS in the default organization (zone in management's account 111111111111)", () => {
    const org = loadOrgFile();
    const app = Testing.app();
    buildApp(app, org);
    const synthesized = app.node.children
      .filter((c): c is TerraformStack => c instanceof TerraformStack)
      .map((s) => ({ name: s.node.id, json: JSON.parse(Testing.synth(s)) }));
    const ZONE = "arn:aws:route53:::hostedzone/Z0123456789EXAMPLEZONE";

    /** Statements of every inline policy of the role named `roleName`, in whichever stack holds it, and that stack's name. */
    function inlinePolicyOf(roleName: string): { stack: string; statements: PolicyStatement[] } {
      for (const { name, json } of synthesized) {
        const roles = json.resource?.aws_iam_role ?? {};
        const id = Object.keys(roles).find((k) => roles[k].name === roleName);
        if (id === undefined) continue;
        const statements = Object.values<any>(json.resource.aws_iam_role_policy ?? {})
          .filter((p) => p.role === `\${aws_iam_role.${id}.name}`)
          .flatMap((p) => json.data.aws_iam_policy_document[/data\.aws_iam_policy_document\.([^.]+)\.json/.exec(p.policy)![1]].statement);
        return { stack: name, statements };
      }
      throw new Error(`no role ${roleName} in any stack`);
    }

    /** Whether the role may submit one ChangeResourceRecordSets batch with these changes. */
    function mayChange(roleName: string, changes: [action: string, type: string, normalizedName: string][]): boolean {
      return allows(inlinePolicyOf(roleName).statements, {
        action: "route53:ChangeResourceRecordSets",
        resource: ZONE,
        context: {
          "route53:ChangeResourceRecordSetsActions": changes.map((c) => c[0]),
          "route53:ChangeResourceRecordSetsRecordTypes": changes.map((c) => c[1]),
          "route53:ChangeResourceRecordSetsNormalizedRecordNames": changes.map((c) => c[2]),
        },
      });
    }

    describe("development's records role", () => {
      const role = "acme-development-external-dns-records";
      it.each([
        ["a name under development", "CREATE", "A", "www.development.acme.example.com"],
        ["a deeper name under development", "UPSERT", "CNAME", "api.eu.development.acme.example.com"],
        ["development's own apex", "CREATE", "A", "development.acme.example.com"],
        ["a wildcard record, normalized", "CREATE", "A", "\\052.development.acme.example.com"],
        ["its registry record (edns-<type>. prefix)", "CREATE", "TXT", "edns-a.www.development.acme.example.com"],
        ["the registry record of its apex", "CREATE", "TXT", "edns-a.development.acme.example.com"],
      ])("may change %s", (_, action, type, name) => {
        expect(mayChange(role, [[action, type, name]])).toBe(true);
      });
      it.each([
        ["the zone apex", "UPSERT", "A", "acme.example.com"],
        ["a production name", "UPSERT", "CNAME", "www.acme.example.com"],
        ["a name that only ends like development's", "CREATE", "A", "xdevelopment.acme.example.com"],
        ["the default-format registry record of its apex, beside it in production's names", "CREATE", "TXT", "a-development.acme.example.com"],
        ["an ACME challenge under development", "UPSERT", "TXT", "_acme-challenge.www.development.acme.example.com"],
        ["the ACME challenge of its apex", "UPSERT", "TXT", "_acme-challenge.development.acme.example.com"],
        ["an NS record delegating its names away", "CREATE", "NS", "development.acme.example.com"],
        ["a deletion under upsert-only", "DELETE", "A", "www.development.acme.example.com"],
      ])("may not change %s", (_, action, type, name) => {
        expect(mayChange(role, [[action, type, name]])).toBe(false);
      });
      it("may not slip a production name into a batch of its own", () => {
        expect(mayChange(role, [["CREATE", "A", "www.development.acme.example.com"], ["UPSERT", "A", "www.acme.example.com"]])).toBe(false);
      });
    });

    describe("production's records role", () => {
      const role = "acme-production-external-dns-records";
      it.each([
        ["the zone apex", "UPSERT", "A", "acme.example.com"],
        ["a name in the zone", "CREATE", "CNAME", "www.acme.example.com"],
        ["a deeper name", "CREATE", "AAAA", "shop.eu.acme.example.com"],
        ["the registry record of the apex", "CREATE", "TXT", "edns-a.acme.example.com"],
        ["a name beside development's", "CREATE", "A", "xdevelopment.acme.example.com"],
      ])("may change %s", (_, action, type, name) => {
        expect(mayChange(role, [[action, type, name]])).toBe(true);
      });
      it.each([
        ["development's apex", "UPSERT", "A", "development.acme.example.com"],
        ["a development name", "UPSERT", "CNAME", "www.development.acme.example.com"],
        ["a development registry record", "UPSERT", "TXT", "edns-cname.www.development.acme.example.com"],
        ["the apex's ACME challenge", "UPSERT", "TXT", "_acme-challenge.acme.example.com"],
        ["a name's ACME challenge", "CREATE", "TXT", "_acme-challenge.www.acme.example.com"],
        ["the zone's NS records", "UPSERT", "NS", "acme.example.com"],
        ["a CAA record", "CREATE", "CAA", "acme.example.com"],
      ])("may not change %s", (_, action, type, name) => {
        expect(mayChange(role, [[action, type, name]])).toBe(false);
      });
    });

    describe("who creates the records roles", () => {
      const zoneAccount = org.dns.publicZoneAccountId!;
      const providersInto = (json: any, account: string) =>
        (json.provider?.aws ?? []).filter((p: any) => (p.allowed_account_ids ?? []).includes(account));

      it("gives no stack of an environment outside the zone's account a provider into that account", () => {
        const outside = org.environments.filter((e) => e.accountId !== zoneAccount).map((e) => e.name);
        const withProvider = synthesized.filter((s) => outside.some((env) => s.name.startsWith(env)) && providersInto(s.json, zoneAccount).length > 0);
        expect(withProvider.map((s) => s.name)).toEqual([]);
      });

      it("creates them in the dns stack, whose only provider acts in the zone's account", () => {
        for (const env of ["production", "development"]) expect(inlinePolicyOf(`acme-${env}-external-dns-records`).stack).toBe(stackNames.dns);
        const dns = synthesized.find((s) => s.name === stackNames.dns)!.json;
        expect(dns.provider.aws).toEqual([expect.objectContaining({ allowed_account_ids: [zoneAccount] })]);
        expect(dns.terraform.backend.s3.key).toBe("dns/dns.tfstate");
      });

      it("lets each be assumed only by its cluster's ExternalDNS IRSA role, whose own policy names it", () => {
        const dns = synthesized.find((s) => s.name === stackNames.dns)!.json;
        for (const [env, account] of [["production", "222222222222"], ["development", "333333333333"]]) {
          const trust = dns.data.aws_iam_policy_document[`external-dns-records-${env}_trust`].statement;
          expect(trust).toEqual([expect.objectContaining({ principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${account}:role/acme-${env}-irsa-external-dns`] }] })]);
          const irsa = inlinePolicyOf(`acme-${env}-irsa-external-dns`);
          expect(irsa.stack).toBe(env);
          expect(irsa.statements).toEqual([
            expect.objectContaining({ actions: ["sts:AssumeRole"], resources: [`arn:aws:iam::${zoneAccount}:role/acme-${env}-external-dns-records`] }),
          ]);
        }
      });

      it("deploys the dns stack after the environment stacks whose roles it trusts", () => {
        const dns = app.node.findChild(stackNames.dns) as TerraformStack;
        expect(dns.dependencies.map((d) => d.node.id).sort()).toEqual(["development", "production"]);
      });
    });
  });
});
