import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ModelError } from "../../src/model/problems";
import { decodeText, MAX_ALIASES, MAX_FILE_BYTES, parseYamlSource, readFileBounded } from "../../src/model/yaml-source";

/** The problems a call reports as a ModelError (fails the test when it returns, or throws anything else). */
function problemsOf(call: () => unknown): string[] {
  try {
    call();
  } catch (e) {
    if (e instanceof ModelError) return [...e.problems];
    throw e;
  }
  throw new Error("expected a ModelError");
}

describe("readFileBounded", () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "lz-yaml-source-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads a file's bytes", () => {
    const path = join(dir, "small.yaml");
    writeFileSync(path, "organization: acme\n");
    expect(readFileBounded(path).toString()).toBe("organization: acme\n");
  });

  it("rejects a file over the size limit without reading all of it", () => {
    const path = join(dir, "big.yaml");
    writeFileSync(path, Buffer.alloc(MAX_FILE_BYTES + 10, "a"));
    expect(problemsOf(() => readFileBounded(path))).toEqual([
      `the file is more than ${MAX_FILE_BYTES} bytes, over the ${MAX_FILE_BYTES}-byte limit of an environments file (a 250-environment file is about 140 KB); is this the right file?`,
    ]);
  });

  it("stops reading an endless device at the size limit", () => {
    expect(problemsOf(() => readFileBounded("/dev/zero"))).toEqual([expect.stringMatching(/^the file is more than \d+ bytes/)]);
  });

  it("says a directory is a directory", () => {
    expect(problemsOf(() => readFileBounded(dir))).toEqual(["the path is a directory; give the path of the environments file itself (a .yaml file)"]);
  });

  it("says a missing file does not exist", () => {
    expect(problemsOf(() => readFileBounded(join(dir, "nope.yaml")))).toEqual([
      "the file does not exist; check the path (PLATFORM_CONFIG, or the argument given to the loader)",
    ]);
  });
});

describe("decodeText", () => {
  it("decodes UTF-8 and drops a byte-order mark", () => {
    expect(decodeText(Buffer.from("\ufefforganization: café\n", "utf8"), "f.yaml")).toBe("organization: café\n");
  });

  it("names the line of the first byte that is not UTF-8", () => {
    const bytes = Buffer.concat([Buffer.from("organization: acme\nregion: caf"), Buffer.from([0xe9]), Buffer.from("\n")]);
    expect(problemsOf(() => decodeText(bytes, "latin1.yaml"))).toEqual([
      "line 2: byte 0xe9 is not UTF-8; save the file as UTF-8 text (is it a binary file?)",
    ]);
  });

  it("says UTF-16 text is UTF-16", () => {
    expect(problemsOf(() => decodeText(Buffer.from("\ufefforganization: acme", "utf16le"), "windows.yaml"))).toEqual([
      "the file is UTF-16 text; save it as UTF-8 (YAML files are UTF-8)",
    ]);
  });
});

describe("parseYamlSource", () => {
  describe("a good file", () => {
    const text = "organization: acme\nenvironments:\n  production:\n    azs:\n      - us-east-1a\n      - us-east-1b\n    eks: { version: 1.30 }\n";
    const yaml = parseYamlSource(text, "f.yaml");

    it("gives the plain value", () => {
      expect(yaml.value).toEqual({
        organization: "acme",
        environments: { production: { azs: ["us-east-1a", "us-east-1b"], eks: { version: 1.3 } } },
      });
    });

    it("gives the line of a key, of a list item, and of the nearest ancestor of a missing key", () => {
      expect(yaml.lineOf(["environments", "production"])).toBe(3);
      expect(yaml.lineOf(["environments", "production", "azs", 1])).toBe(6);
      expect(yaml.lineOf(["environments", "production", "nat"])).toBe(3);
    });

    it("gives the text written for a scalar", () => {
      expect(yaml.sourceOf(["environments", "production", "eks", "version"])).toBe("1.30");
    });
  });

  describe("a bad file", () => {
    it("rejects a list as a key", () => {
      expect(problemsOf(() => parseYamlSource("? [a, b]\n: 1\n", "f.yaml"))).toEqual([
        "(top level) (line 1): a list, map or alias as a key is not supported; keys are plain names",
      ]);
    });

    it("rejects values that are not plain data, such as a YAML 1.1 timestamp", () => {
      expect(problemsOf(() => parseYamlSource("%YAML 1.1\n---\norganization: 2001-12-14\n", "f.yaml"))).toEqual([
        expect.stringMatching(/^organization \(line 3\): YAML read a Date here, which is not plain data \(a %YAML 1\.1 directive\?\); write a string or a number$/),
      ]);
    });

    it(`rejects more than ${MAX_ALIASES} aliases at the first one over`, () => {
      const text = `a: &a x\nlist:\n${Array.from({ length: MAX_ALIASES + 5 }, () => "  - *a").join("\n")}\n`;
      expect(problemsOf(() => parseYamlSource(text, "f.yaml"))).toEqual([
        `list[${MAX_ALIASES}] (line ${MAX_ALIASES + 3}): more than ${MAX_ALIASES} aliases (*name) in one file; write some of the values out`,
      ]);
    });

    it("reports a syntax error with its line and column", () => {
      expect(problemsOf(() => parseYamlSource("a: [b\n", "f.yaml"))).toEqual([expect.stringMatching(/^line \d+, column \d+: Flow sequence/)]);
    });
  });
});
