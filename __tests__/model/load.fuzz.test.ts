/**
 * Fuzzes the loader: a seeded, deterministic generator feeds it mutations of the default file,
 * random YAML and JSON values, token soup and random bytes. Every case must load or throw a
 * ModelError whose every problem names a line and fits on one bounded line; nothing else may
 * escape (no TypeError, RangeError, ReferenceError, no stack trace).
 */
import { readFileSync } from "node:fs";
import { stringify } from "yaml";
import { DEFAULT_ENVIRONMENTS_FILE, loadOrgText } from "../../src/model/load";
import { ModelError } from "../../src/model/problems";
import { decodeText } from "../../src/model/yaml-source";

/** mulberry32: a small seeded PRNG, so every run fuzzes the same cases and a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = 0x1a2b3c;
/** Cases per generator: about 2,500 in all, a few seconds on an idle machine. */
const CASES: Record<string, number> = {
  "hostile YAML constructs": 300,
  "text mutations of the default file": 400,
  "value mutations of the default file, as YAML": 300,
  "value mutations of the default file, as JSON": 300,
  "random YAML values": 400,
  "token soup": 400,
  "random bytes": 400,
};
/** Longest line a message may have: a path, a line number, an 80-character value and the fix. */
const MAX_LINE = 600;
/** How every problem starts: a path and its line, a bare line (syntax), or the file as a whole. */
const PROBLEM_START = /^(\S.*? \(line \d+\): |line \d+(, column \d+)?: |the (file|path) )/;

const defaultText = readFileSync(DEFAULT_ENVIRONMENTS_FILE, "utf8");
const defaultValue = JSON.parse(JSON.stringify(require("yaml").parse(defaultText)));

type Random = ReturnType<typeof prng>;
const int = (r: Random, n: number) => Math.floor(r() * n);
const pick = <T>(r: Random, items: readonly T[]): T => items[int(r, items.length)];

const TOKENS = [
  "-", "- ", ":", ": ", "[", "]", "{", "}", ",", "&a ", "*a", "&b ", "*b", "!!str ", "!!binary ", "!!set ", "!tag ", "? ",
  "\n", "\n  ", "\n    ", "  ", "\t", "|", "|-\n  ", ">", "'", '"', "# c", "---\n", "...\n", "%YAML 1.1\n---\n", "<<: ",
  "organization", "environments", "production", "eks", "version", "1.30", "0x1F", "0o17", ".inf", ".nan", "~", "null", "true",
  "1e400", "-0", "012345678901", "10.0.0.0/16", "us-east-1a", "\u00e9", "\u2028", "\ud83d\ude00", "\\", "\\u0000", "%", "@", "`",
];

/** A random JSON-like value, at most `depth` levels deep. */
function randomValue(r: Random, depth: number): unknown {
  const kind = int(r, depth > 0 ? 10 : 7);
  switch (kind) {
    case 0: return null;
    case 1: return r() < 0.5;
    case 2: return pick(r, [0, -1, 1.3, 1e21, 2 ** 53 + 1, 65536, 33, 100, 0.5]);
    case 3: return pick(r, ["", "x", "1.33", "10.0.0.0/8", "0.0.0.0/0", "us-east-1z", "prod", "state", "peering", "production-platform", "arn:aws:iam::111111111111:role/x"]);
    case 4: return "y".repeat(int(r, 3000));
    case 5: return Array.from({ length: int(r, 5) }, () => pick(r, TOKENS)).join("");
    case 6: return String.fromCharCode(...Array.from({ length: int(r, 20) }, () => int(r, 0x2100)));
    case 7:
    case 8: return Array.from({ length: int(r, 4) }, () => randomValue(r, depth - 1));
    default: {
      const out: Record<string, unknown> = {};
      for (let i = int(r, 4); i > 0; i--) out[pick(r, ["name", "cidr", "eks", "nodeGroups", "azs", "peers", "min", "k", "__proto__", "constructor"])] = randomValue(r, depth - 1);
      return out;
    }
  }
}

/** Every path of maps and lists in a value, with the value there. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [prefix];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => paths((value as any)[k], [...prefix, k]))];
}
const defaultPaths = paths(defaultValue).filter((p) => p.length > 0);

/** The default file as a value with one random edit: a value replaced, a key removed or misspelled, an entry copied. */
function mutatedValue(r: Random): unknown {
  const file = structuredClone(defaultValue);
  for (let edits = 1 + int(r, 3); edits > 0; edits--) {
    const path = pick(r, defaultPaths);
    let parent: any = file;
    for (const part of path.slice(0, -1)) parent = parent?.[part];
    if (parent === null || typeof parent !== "object") continue;
    const last = path[path.length - 1];
    const action = int(r, 4);
    if (action === 0) parent[last] = randomValue(r, 3);
    else if (action === 1) Array.isArray(parent) ? parent.splice(Number(last), 1) : delete parent[last];
    else if (action === 2 && !Array.isArray(parent)) {
      parent[`${String(last).slice(0, -1)}${pick(r, ["s", "x", ""])}`] = parent[last];
      delete parent[last];
    } else if (!Array.isArray(parent)) parent[`${String(last)}-copy`] = structuredClone(parent[last]);
  }
  return file;
}

/** The default file's text with character-level damage. */
function mutatedText(r: Random): string {
  let text = defaultText;
  for (let edits = 1 + int(r, 4); edits > 0; edits--) {
    const at = int(r, text.length + 1);
    const lines = text.split("\n");
    switch (int(r, 6)) {
      case 0: text = text.slice(0, at) + pick(r, TOKENS) + text.slice(at); break;
      case 1: text = text.slice(0, at) + text.slice(at + 1 + int(r, 20)); break;
      case 2: text = text.slice(0, at); break;
      case 3: lines.splice(int(r, lines.length), 0, lines[int(r, lines.length)]); text = lines.join("\n"); break;
      case 4: { const i = int(r, lines.length); lines[i] = " ".repeat(int(r, 6)) + lines[i].trimStart(); text = lines.join("\n"); break; }
      default: text = text.replace(/"1\.33"|"222222222222"|perAz|10\.130\.0\.0\/16|us-east-1b|m6i\.large/, () => String(pick(r, TOKENS)));
    }
  }
  return text;
}

/** A YAML construct known to hurt parsers: alias bombs, deep nesting, cycles, complex keys, long keys, many keys. */
function hostileYaml(r: Random): string {
  const n = 1 + int(r, 12);
  switch (int(r, 8)) {
    case 0: {
      const lines = [`l0: &l0 [${Array(n).fill("x").join(", ")}]`];
      for (let i = 1; i < 2 + int(r, 10); i++) lines.push(`l${i}: &l${i} [${Array(n).fill(`*l${i - 1}`).join(", ")}]`);
      return lines.join("\n");
    }
    case 1: return `a: ${"[".repeat(int(r, 200))}x${"]".repeat(int(r, 200))}`;
    case 2: return Array.from({ length: int(r, 120) }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n");
    case 3: return `${pick(r, ["tags", "environments", "organization", "dns"])}: &c { a: *c, b: [*c] }`;
    case 4: return `? [${pick(r, ["a", "m6i.large", "[x]"])}]\n: 1\n? { a: 1 }\n: 2\n`;
    case 5: return `${"k".repeat(int(r, 3000))}: 1\n`;
    case 6: return Array.from({ length: int(r, 3000) }, (_, i) => `k${i % (1 + int(r, 3000))}: ${i}`).join("\n");
    default: return `${"- ".repeat(int(r, 150))}x`;
  }
}

const generators: Record<string, (r: Random) => string> = {
  "hostile YAML constructs": hostileYaml,
  "text mutations of the default file": mutatedText,
  "value mutations of the default file, as YAML": (r) => stringify(mutatedValue(r)),
  "value mutations of the default file, as JSON": (r) => JSON.stringify(mutatedValue(r), null, int(r, 3)),
  "random YAML values": (r) => stringify(randomValue(r, 4)),
  "token soup": (r) => Array.from({ length: int(r, 60) }, () => pick(r, TOKENS)).join(""),
  "random bytes": (r) => {
    const bytes = Buffer.from(Array.from({ length: int(r, 400) }, () => (r() < 0.7 ? 32 + int(r, 95) : int(r, 256))));
    try {
      return decodeText(bytes, "fuzz");
    } catch (e) {
      if (e instanceof ModelError) return "organization: decoded-bytes-rejected\n";
      throw e;
    }
  },
};

describe("loadOrgText under fuzzing", () => {
  it.each(Object.keys(generators))("loads or throws a ModelError with bounded, located problems for %s", (name) => {
    const r = prng(SEED ^ name.length * 7919);
    const escaped: string[] = [];
    const failures: string[] = [];
    let loaded = 0;
    let rejected = 0;
    for (let i = 0; i < CASES[name]; i++) {
      let text = "";
      try {
        text = generators[name](r);
        loadOrgText(text, "fuzz.yaml");
        loaded++;
      } catch (e) {
        const input = JSON.stringify(text.slice(0, 200));
        if (!(e instanceof ModelError)) {
          escaped.push(`case ${i}: ${(e as Error)?.constructor?.name}: ${(e as Error)?.message} for ${input}`);
          continue;
        }
        rejected++;
        if (e.problems.length === 0) failures.push(`case ${i}: a ModelError without problems for ${input}`);
        for (const line of e.message.split("\n")) {
          if (line.length > MAX_LINE) failures.push(`case ${i}: a ${line.length}-character line ${JSON.stringify(line.slice(0, 200))} for ${input}`);
        }
        for (const problem of e.problems) {
          if (!PROBLEM_START.test(problem)) failures.push(`case ${i}: a problem without a line ${JSON.stringify(problem)} for ${input}`);
        }
      }
    }
    expect(escaped.slice(0, 5)).toEqual([]);
    expect(failures.slice(0, 5)).toEqual([]);
    expect(loaded + rejected).toBe(CASES[name]);
    expect(rejected).toBeGreaterThan(0);
    // Mutations of the default file must not all be fatal, or they would fuzz only the first check.
    if (name.includes("mutations")) expect(loaded).toBeGreaterThan(0);
  });
});
