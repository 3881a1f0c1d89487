import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_ENVIRONMENTS_FILE, loadOrgFile, loadOrgText } from "../../src/model/load";
import { ModelError } from "../../src/model/problems";
import { changedFile } from "../../test-helpers/model-fixtures";
import { readFileSync } from "node:fs";

/** The problems loading `text` reports (fails the test when it loads, or throws anything but a ModelError). */
function problemsOf(text: string): string[] {
  try {
    loadOrgText(text, "test.yaml");
  } catch (e) {
    if (e instanceof ModelError) return [...e.problems];
    throw e;
  }
  throw new Error("expected the file to be rejected, but it loaded");
}

/** The 1-based line of the first line of `text` that includes `fragment`. */
function lineOf(text: string, fragment: string): number {
  const index = text.split("\n").findIndex((l) => l.includes(fragment));
  if (index < 0) throw new Error(`no line has ${fragment}`);
  return index + 1;
}

const defaultText = readFileSync(DEFAULT_ENVIRONMENTS_FILE, "utf8");

describe("loadOrgFile", () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "lz-load-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe("without a path", () => {
    it("loads the embedded example organization", () => {
      expect(loadOrgFile().organization).toBe("acme");
    });
  });

  describe("with a file", () => {
    it("loads it", () => {
      const path = join(dir, "org.yaml");
      writeFileSync(path, changedFile((f) => (f.organization = "globex")));
      expect(loadOrgFile(path).organization).toBe("globex");
    });

    it("says so when the file does not exist", () => {
      expect(() => loadOrgFile(join(dir, "missing.yaml"))).toThrow(/missing\.yaml: 1 problem.*\n {2}- the file does not exist; check the path/);
    });

    it("says so when the path is a directory", () => {
      expect(() => loadOrgFile(dir)).toThrow(/: 1 problem.*\n {2}- the path is a directory; give the path of the environments file itself/);
    });
  });
});

describe("loadOrgText", () => {
  describe("a bad file", () => {
    it("throws a ModelError that names the source, the path and the line", () => {
      const text = changedFile((f) => (f.environments.production.nat = "always"));
      let error: unknown;
      try {
        loadOrgText(text, "acme.yaml");
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ModelError);
      expect((error as ModelError).problems).toEqual([
        `environments.production.nat (line ${lineOf(text, "nat: always")}): "always" is not allowed here; use one of perAz, single, none`,
      ]);
      expect((error as ModelError).message).toMatch(/^acme\.yaml: 1 problem in the environments file:/);
    });

    it("suggests the allowed value closest to a misspelled one", () => {
      expect(problemsOf(changedFile((f) => (f.environments.production.nat = "perAZ")))).toEqual([
        expect.stringMatching(/^environments\.production\.nat \(line \d+\): "perAZ" is not allowed here; did you mean "perAz"\?$/),
      ]);
    });

    it("names a key written twice and the line of its first occurrence", () => {
      expect(problemsOf("organization: a\norganization: b\n")).toEqual([
        "organization (line 2): is written twice (first at line 1); keep one",
      ]);
    });

    it("reports a missing section as required", () => {
      expect(problemsOf(changedFile((f) => delete f.state))).toEqual([expect.stringMatching(/^state \(line \d+\): is required$/)]);
    });
  });

  describe("an empty file", () => {
    it.each([
      ["nothing", ""],
      ["blank lines", "\n  \n\n"],
      ["only comments", "# organization: acme\n# region: us-east-1\n"],
      ["only a document start", "---\n"],
    ])("says that a file of %s is empty", (_, text) => {
      expect(problemsOf(text)).toEqual([
        "the file is empty; an environments file needs organization, region, state, dns and environments (start from src/model/default-environments.yaml)",
      ]);
    });
  });

  describe("a file that is not a map", () => {
    it("says what YAML read and what the file must start with", () => {
      expect(problemsOf("- organization\n- region\n")).toEqual([
        '(top level) (line 1): ["organization", "region"]: must be a map (key: value entries), but YAML read a list; an environments file is a map that starts with organization:, region:, state:, dns: and environments:',
      ]);
    });
  });

  describe("a number where a string belongs", () => {
    it("says that YAML read an unquoted Kubernetes version as a number and to quote it", () => {
      const text = defaultText.replace('version: "1.33"', "version: 1.30");
      expect(problemsOf(text)).toEqual([
        `environments.production.eks.version (line ${lineOf(text, "version: 1.30")}): YAML read 1.30 as the number 1.3; quote it to keep it a string: "1.30"`,
      ]);
    });

    it("says the same of a numeric node group name, tag value or namespace", () => {
      const text = defaultText
        .replace("{ name: general, instanceTypes: [m6i.large]", "{ name: 100, instanceTypes: [m6i.large]")
        .replace("organization: acme", "organization: acme\ntags: { cost-center: 0042 }")
        .replace("- { name: apps }", "- { name: true }");
      expect(problemsOf(text)).toEqual([
        `tags.cost-center (line ${lineOf(text, "cost-center")}): YAML read 0042 as the number 42; quote it to keep it a string: "0042"`,
        expect.stringMatching(/^environments\.production\.eks\.nodeGroups\[0\]\.name \(line \d+\): YAML read 100 as a number; quote it to keep it a string: "100"$/),
        expect.stringMatching(/^environments\.production\.platform\.namespaces\[0\]\.name \(line \d+\): YAML read true as a boolean; quote it to keep it a string: "true"$/),
      ]);
    });

    it("says that an environment name YAML read as a number is not a DNS label", () => {
      const text = defaultText.replace("  management:", "  2024:").replace(/peers: \[management\]/g, "peers: []");
      expect(problemsOf(text)).toEqual([
        `environments["2024"] (line ${lineOf(text, "2024:")}): the key "2024": must be a DNS label: lowercase letters, digits and '-', starting with a letter, not ending with '-'`,
      ]);
    });

    it("keeps the account id's own message, which explains the lost leading zeros", () => {
      expect(problemsOf(defaultText.replace('accountId: "222222222222"', "accountId: 022222222222"))).toEqual([
        expect.stringMatching(/^environments\.production\.accountId \(line \d+\): 22222222222: must be a quoted string of 12 digits .*drops leading zeros$/),
      ]);
    });

    it("says an empty value is empty", () => {
      expect(problemsOf(defaultText.replace("region: us-east-1\nstate", "region:\nstate"))).toEqual([
        "region (line 7): is empty (YAML reads a missing value as null); give a string",
      ]);
    });
  });

  describe("a misspelled key", () => {
    it("points at the misspelled top-level key's own line, suggests the key it meant and does not also call that key missing", () => {
      const text = defaultText.replace("region: us-east-1\nstate", "regoin: us-east-1\nstate");
      expect(problemsOf(text)).toEqual([
        `regoin (line ${lineOf(text, "regoin:")}): unknown key "regoin"; did you mean "region"? (region is required and missing)`,
      ]);
    });

    it("points at a misspelled key whose value is on the next lines at the key's line", () => {
      const text = defaultText.replace("dns:\n", "dsn:\n");
      expect(problemsOf(text)).toEqual([`dsn (line ${lineOf(text, "dsn:")}): unknown key "dsn"; did you mean "dns"? (dns is required and missing)`]);
    });

    it("explains that YAML merge keys are not supported", () => {
      const text = defaultText.replace("  management:\n", "  management:\n    <<: { nat: single }\n");
      expect(problemsOf(text)).toEqual([expect.stringMatching(/^environments\.management\["<<"\] \(line \d+\): YAML merge keys \(<<: \*anchor\) are not supported/)]);
    });
  });

  describe("a long value", () => {
    it("echoes at most 80 characters of it, with an ellipsis", () => {
      const [problem] = problemsOf(changedFile((f) => (f.environments.production.nat = "x".repeat(5000))));
      expect(problem).toBe(`environments.production.nat (line 32): "${"x".repeat(78)}… is not allowed here; use one of perAz, single, none`);
    });

    it("cuts a long unknown key in the path as well", () => {
      const [problem] = problemsOf(changedFile((f) => (f.dns["k".repeat(500)] = 1)));
      expect(problem.length).toBeLessThan(400);
      expect(problem).toMatch(/^dns\["k{78}…\] \(line \d+\): unknown key "k{78}…; allowed keys/);
    });

    it("never lets a value break the message onto a new line", () => {
      const [problem] = problemsOf(changedFile((f) => (f.environments.production.azs[0] = "us-east-1a\nus-east-1z")));
      expect(problem).toMatch(/^environments\.production\.azs\[0\] \(line \d+\): us-east-1a\\nus-east-1z is not an availability zone of us-east-1; use names like us-east-1a, us-east-1b$/);
      expect(problem).not.toContain("\n");
    });
  });

  describe("many problems", () => {
    it("lists the first 50 and counts the rest", () => {
      const text = `${defaultText}\n${Array.from({ length: 120 }, (_, i) => `unknown${i}: 1`).join("\n")}\n`;
      let error: ModelError | undefined;
      try {
        loadOrgText(text, "many.yaml");
      } catch (e) {
        error = e as ModelError;
      }
      expect(error?.problems).toHaveLength(50);
      expect(error?.message).toMatch(/^many\.yaml: 120 problems in the environments file:\n/);
      expect(error?.message).toMatch(/\n {2}\.\.\. and 70 more; fix these first, then load the file again$/);
    });
  });

  describe("YAML hazards", () => {
    it("rejects a billion-laughs alias bomb at the alias that expands too far", () => {
      const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
      for (let i = 1; i < 9; i++) {
        const [prev, name] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
        levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]`);
      }
      expect(problemsOf(levels.join("\n"))).toEqual([
        'f[0] (line 6): the aliases expand to more than 100000 values (aliases of aliases multiply, as in the "billion laughs" attack); write the values out or alias smaller parts',
      ]);
    });

    it("accepts aliases that share a value across environments", () => {
      const text = defaultText
        .replace('admins: ["arn:aws:iam::111111111111:role/platform-admin"]', 'admins: &admins ["arn:aws:iam::111111111111:role/platform-admin"]')
        .replace(/admins: \["arn:aws:iam::111111111111:role\/platform-admin"\]/, "admins: *admins");
      const org = loadOrgText(text);
      expect(org.environments.find((e) => e.name === "development")?.eks?.admins).toContain("arn:aws:iam::111111111111:role/platform-admin");
    });

    it("rejects an alias of its own enclosing value", () => {
      expect(problemsOf("tags: &t { a: *t }\n")).toEqual(["tags.a (line 1): the alias *t is inside the value it names, which would never end; point it at another value"]);
    });

    it("rejects an alias without an anchor", () => {
      expect(problemsOf("organization: *org\n")).toEqual(["organization (line 1): the alias *org has no anchor &org before it; define the anchor first, or fix the name"]);
    });

    it("rejects nesting deeper than 64 levels before parsing it", () => {
      expect(problemsOf(`a: ${"[".repeat(100_000)}`)).toEqual([
        "line 1: maps and lists are nested more than 64 levels deep; an environments file needs about a dozen, so look for unclosed [ or { or runaway indentation",
      ]);
    });

    it("rejects tags outside YAML's core schema", () => {
      expect(problemsOf("organization: !!binary aGVsbG8=\n")).toEqual([
        "organization (line 1): the tag !!binary is not supported in an environments file; remove it and write a plain value",
      ]);
    });

    it("rejects a second YAML document", () => {
      expect(problemsOf(`${defaultText}---\norganization: other\n`)).toEqual([
        `line ${defaultText.split("\n").length}: a second YAML document starts here (after ---); an environments file is one document, so remove the --- line or move that part into its own file`,
      ]);
    });

    it("rejects binary data at the line of its first control character", () => {
      expect(problemsOf("organization: acme\nregion: \u0000\u0001\u0002\n")).toEqual([
        "line 2: the control character U+0000 is not allowed in YAML; is this a binary file? An environments file is YAML text",
      ]);
    });

    it("rejects a file over 512 KiB before parsing it", () => {
      expect(problemsOf(`# ${"x".repeat(512 * 1024)}\n`)).toEqual([
        "the file is 524291 bytes, over the 524288-byte limit of an environments file (a 250-environment file is about 140 KB); is this the right file?",
      ]);
    });
  });
});
