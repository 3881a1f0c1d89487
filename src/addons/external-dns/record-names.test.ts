import { allows, conditionHolds, stringLike } from "../../../test-helpers/iam-conditions";
import { externalDnsZoneStatements } from "./policy";
import {
  defaultDomains,
  normalizeRecordName,
  ownedNamesByEnvironment,
  recordNamePatterns,
  txtRecordName,
  type OwnedNames,
} from "./record-names";

const ZONE = "acme.example.com";
const ZONE_ARN = "arn:aws:route53:::hostedzone/ZABC";

/** Whether a role holding `owned`'s zone statements (policy sync) may change `name` (a plain name, normalized here). */
function mayChange(owned: OwnedNames, name: string, type = "A"): boolean {
  return allows(externalDnsZoneStatements(ZONE_ARN, { ...owned, policy: "sync" }) as any, {
    action: "route53:ChangeResourceRecordSets",
    resource: ZONE_ARN,
    context: {
      "route53:ChangeResourceRecordSetsNormalizedRecordNames": [normalizeRecordName(name)],
      "route53:ChangeResourceRecordSetsRecordTypes": [type],
      "route53:ChangeResourceRecordSetsActions": ["UPSERT"],
    },
  });
}

describe("record-names", () => {
  describe("defaultDomains", () => {
    it("gives production the whole zone and any other environment <env>.<zone>", () => {
      expect(defaultDomains({ name: "production", production: true }, ZONE)).toEqual([ZONE]);
      expect(defaultDomains({ name: "development", production: false }, ZONE)).toEqual(["development.acme.example.com"]);
    });
  });

  describe("ownedNamesByEnvironment", () => {
    it("excludes from production the other environments' domains below its own", () => {
      const owned = ownedNamesByEnvironment(
        [
          { name: "production", production: true },
          { name: "development", production: false },
          { name: "staging", production: false },
        ],
        ZONE,
      );
      expect(owned.get("production")).toEqual({ domains: [ZONE], excludedDomains: ["development.acme.example.com", "staging.acme.example.com"] });
      expect(owned.get("development")).toEqual({ domains: ["development.acme.example.com"], excludedDomains: [] });
    });

    it("follows listed domains: a narrowed production excludes nothing it does not contain", () => {
      const owned = ownedNamesByEnvironment(
        [
          { name: "production", production: true, domains: ["www.acme.example.com", "api.acme.example.com"] },
          { name: "development", production: false, domains: ["dev.acme.example.com", "preview.acme.example.com"] },
        ],
        ZONE,
      );
      expect(owned.get("production")).toEqual({ domains: ["www.acme.example.com", "api.acme.example.com"], excludedDomains: [] });
      expect(owned.get("development")!.domains).toEqual(["dev.acme.example.com", "preview.acme.example.com"]);
    });
  });

  describe("recordNamePatterns", () => {
    it("allows each domain and every name under it, and denies the exclusions and every ACME challenge", () => {
      expect(recordNamePatterns({ domains: [ZONE], excludedDomains: ["development.acme.example.com"] })).toEqual({
        allowed: ["acme.example.com", "*.acme.example.com"],
        denied: ["development.acme.example.com", "*.development.acme.example.com", "_acme-challenge.*", "*._acme-challenge.*"],
      });
    });
  });

  describe("normalizeRecordName", () => {
    it("lowercases, drops the trailing dot and escapes other characters as octal, as Route 53 documents", () => {
      expect(normalizeRecordName("WWW.Development.Acme.Example.Com.")).toBe("www.development.acme.example.com");
      expect(normalizeRecordName("*.development.acme.example.com")).toBe("\\052.development.acme.example.com");
      expect(normalizeRecordName("_acme-challenge.acme.example.com")).toBe("_acme-challenge.acme.example.com");
      expect(normalizeRecordName("a b.acme.example.com")).toBe("a\\040b.acme.example.com");
    });
  });

  describe("txtRecordName, as ExternalDNS 0.21's AffixNameMapper.ToTXTName", () => {
    it("reproduces the registry documentation's examples", () => {
      // docs/registry/txt.md: --txt-prefix="%{record_type}-abc-." gives cname-abc-.ex.com and cname-abc-.www.ex.com.
      expect(txtRecordName("ex.com", "CNAME", "%{record_type}-abc-.")).toBe("cname-abc-.ex.com");
      expect(txtRecordName("www.ex.com", "CNAME", "%{record_type}-abc-.")).toBe("cname-abc-.www.ex.com");
      // Without a prefix: the record type before the first label (a-foo.example.com).
      expect(txtRecordName("foo.example.com", "A", "")).toBe("a-foo.example.com");
    });

    it("puts the registry record of an environment's apex under that apex with the project's prefix, not beside it", () => {
      expect(txtRecordName("development.acme.example.com", "A")).toBe("edns-a.development.acme.example.com");
      expect(txtRecordName("development.acme.example.com", "A", "")).toBe("a-development.acme.example.com");
    });
  });

  describe("the conditions, evaluated as IAM does", () => {
    const owned = ownedNamesByEnvironment(
      [
        { name: "production", production: true },
        { name: "development", production: false },
      ],
      ZONE,
    );
    const production = owned.get("production")!;
    const development = owned.get("development")!;

    it.each([
      ["www.development.acme.example.com", true, false],
      ["development.acme.example.com", true, false],
      ["*.development.acme.example.com", true, false],
      [txtRecordName("www.development.acme.example.com", "CNAME"), true, false],
      [txtRecordName("development.acme.example.com", "A"), true, false],
      ["acme.example.com", false, true],
      ["www.acme.example.com", false, true],
      [txtRecordName("acme.example.com", "A"), false, true],
      ["xdevelopment.acme.example.com", false, true],
      [txtRecordName("development.acme.example.com", "A", ""), false, true],
      ["_acme-challenge.acme.example.com", false, false],
      ["_acme-challenge.www.acme.example.com", false, false],
      ["_acme-challenge.development.acme.example.com", false, false],
      ["_acme-challenge.www.development.acme.example.com", false, false],
      ["www.acme.example.org", false, false],
      ["acme.example.com.evil.example", false, false],
    ])("%s: development may change it: %s, production: %s", (name, dev, prod) => {
      expect(mayChange(development, name, name.startsWith("edns-") || name.startsWith("a-") ? "TXT" : "A")).toBe(dev);
      expect(mayChange(production, name, name.startsWith("edns-") || name.startsWith("a-") ? "TXT" : "A")).toBe(prod);
    });

    it("denies record types ExternalDNS does not manage, even on owned names", () => {
      expect(mayChange(development, "development.acme.example.com", "NS")).toBe(false);
      expect(mayChange(production, "acme.example.com", "MX")).toBe(false);
      expect(mayChange(production, "acme.example.com", "CAA")).toBe(false);
    });
  });
});

describe("the IAM condition evaluator the tests rely on", () => {
  it("matches StringLike wildcards over the whole value, * across dots, ? as one character", () => {
    expect(stringLike("a.b.example.com", "*.example.com")).toBe(true);
    expect(stringLike("example.com", "*.example.com")).toBe(false);
    expect(stringLike("ab.example.com", "a?.example.com")).toBe(true);
    expect(stringLike("abc.example.com", "a?.example.com")).toBe(false);
    expect(stringLike("A.example.com", "a.example.com")).toBe(false);
  });

  it("ORs the values of a positive operator and NORs those of a negated one, for every value with ForAllValues", () => {
    const like = { test: "ForAllValues:StringLike", variable: "k", values: ["a*", "b*"] };
    const notLike = { test: "ForAllValues:StringNotLike", variable: "k", values: ["a*", "b*"] };
    expect(conditionHolds(like, { k: ["ax", "bx"] })).toBe(true);
    expect(conditionHolds(like, { k: ["ax", "cx"] })).toBe(false);
    expect(conditionHolds(notLike, { k: ["cx", "dx"] })).toBe(true);
    expect(conditionHolds(notLike, { k: ["cx", "bx"] })).toBe(false);
  });

  it("treats ForAllValues over no values as true, as IAM documents", () => {
    expect(conditionHolds({ test: "ForAllValues:StringLike", variable: "k", values: ["a*"] }, {})).toBe(true);
  });
});
