import { readFileSync } from "node:fs";
import { DEFAULT_ENVIRONMENTS_FILE, loadOrgText, overlaps } from "../../../src/model";
import { accountIdFor, cidrFor, generateOrgYaml, MAX_GENERATED_ENVIRONMENTS } from "../../../scripts/lib/org-generator";

const template = readFileSync(DEFAULT_ENVIRONMENTS_FILE, "utf8");

describe("generateOrgYaml", () => {
  describe("50 environments from the default file", () => {
    const org = loadOrgText(generateOrgYaml(template, { environments: 50 }), "generated");

    it("produces a file the loader accepts, with 50 environments", () => {
      expect(org.environments).toHaveLength(50);
    });

    it("gives every environment its own CIDR, none overlapping another", () => {
      const cidrs = org.environments.map((e) => e.cidr);
      for (let i = 0; i < cidrs.length; i++) {
        for (let j = i + 1; j < cidrs.length; j++) expect(overlaps(cidrs[i], cidrs[j])).toBe(false);
      }
    });

    it("gives every environment its own 12-digit account", () => {
      const accounts = org.environments.map((e) => e.accountId);
      expect(new Set(accounts).size).toBe(50);
      for (const a of accounts) expect(a).toMatch(/^\d{12}$/);
    });

    it("peers every spoke with the management hub and nothing else", () => {
      expect(org.peerings).toHaveLength(49);
      expect(new Set(org.peerings.map((p) => p.requester))).toEqual(new Set(["management"]));
    });

    it("mixes NAT modes and 2 or 3 AZs", () => {
      expect(new Set(org.environments.map((e) => e.nat))).toEqual(new Set(["perAz", "single", "none"]));
      expect(new Set(org.environments.map((e) => e.azs.length))).toEqual(new Set([2, 3]));
    });

    it("gives every spoke a cluster, like the default file, and the hub none", () => {
      const [hub, ...spokes] = org.environments;
      expect(hub.name).toBe("management");
      expect(hub.eks).toBeUndefined();
      expect(spokes.every((e) => e.eks !== undefined)).toBe(true);
    });

    it("keeps the default file's organization, state and DNS", () => {
      expect(org.organization).toBe("acme");
      expect(org.state.bucket).toBe("acme-terraform-state");
      expect(org.dns.publicZone).toBe("acme.example.com");
    });
  });

  describe("a single environment", () => {
    it("produces the hub alone", () => {
      const org = loadOrgText(generateOrgYaml(template, { environments: 1 }));
      expect(org.environments.map((e) => e.name)).toEqual(["management"]);
      expect(org.peerings).toEqual([]);
    });
  });

  describe("a count out of range", () => {
    it("says what is allowed", () => {
      expect(() => generateOrgYaml(template, { environments: 0 })).toThrow(/from 1 to 256; got 0/);
      expect(() => generateOrgYaml(template, { environments: MAX_GENERATED_ENVIRONMENTS + 1 })).toThrow(/got 257/);
    });
  });

  describe("a template without the hub", () => {
    it("names the missing environment", () => {
      expect(() => generateOrgYaml(template, { environments: 3, hub: "core" })).toThrow(/no environment named core/);
    });
  });
});

describe("cidrFor and accountIdFor", () => {
  describe("the first and last index", () => {
    it("stay inside 10.0.0.0/8 and twelve digits", () => {
      expect(cidrFor(0)).toBe("10.0.0.0/16");
      expect(cidrFor(255)).toBe("10.255.0.0/16");
      expect(accountIdFor(255)).toMatch(/^\d{12}$/);
    });
  });
});
