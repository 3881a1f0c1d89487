/**
 * Loads an environments file: bytes -> YAML (yaml-source.ts) -> schema -> rules -> Org model.
 * Every problem of the file is reported at once in one ModelError, each as
 * `path (line N): message` with the value received (at most a line of it) and the fix.
 * No input ends in anything but a ModelError; the fuzz test holds the loader to that.
 */
import { join } from "node:path";
import { distance } from "fastest-levenshtein";
import type { z } from "zod";
import { deriveOrg } from "./derive";
import type { Org } from "./org";
import { clip, describeValue, formatPath, MAX_LISTED_PROBLEMS, ModelError, type FilePath, type Problem } from "./problems";
import { checkRules } from "./rules";
import { environmentsFileSchema } from "./schema";
import { decodeText, parseYamlSource, readFileBounded, type YamlSource } from "./yaml-source";

export { MAX_ALIASES, MAX_ALIAS_EXPANSION, MAX_FILE_BYTES, MAX_NESTING } from "./yaml-source";

/** The embedded example organization, used when PLATFORM_CONFIG is not set. */
export const DEFAULT_ENVIRONMENTS_FILE = join(__dirname, "default-environments.yaml");

/** Reads and loads an environments file. Throws ModelError with every problem. */
export function loadOrgFile(path: string = DEFAULT_ENVIRONMENTS_FILE): Org {
  return loadOrgText(decodeText(readFileBounded(path), path), path);
}

/** Loads an environments file from its text; `source` names it in messages. */
export function loadOrgText(text: string, source = "environments file"): Org {
  const yaml = parseYamlSource(text, source);
  const parsed = environmentsFileSchema.safeParse(yaml.value, { reportInput: true });
  if (!parsed.success) throw new ModelError(source, render(schemaProblems(parsed.error.issues, yaml), yaml));
  const { problems, warnings } = checkRules(parsed.data);
  if (problems.length > 0) throw new ModelError(source, render(problems, yaml));
  return deriveOrg(parsed.data, warnings);
}

/**
 * Most problems sorted by line. Finding a line scans a map's keys, so a flood of problems keeps
 * the order found and only the problems ModelError lists get a line.
 */
const MAX_SORTED_PROBLEMS = 500;

/** `path (line N): message`, in the order of the file. */
function render(problems: readonly Problem[], yaml: YamlSource): string[] {
  const sorted = problems.length <= MAX_SORTED_PROBLEMS;
  const lined = problems.map((p, i) => ({ p, line: sorted || i < MAX_LISTED_PROBLEMS ? yaml.lineOf(p.path) : undefined }));
  if (sorted) lined.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return lined.map(({ p, line }) => `${formatPath(p.path)}${line ? ` (line ${line})` : ""}: ${p.message}`);
}

/** A schema problem, and for an unknown key the known key it probably meant. */
interface SchemaProblem extends Problem {
  readonly suggestion?: string;
}

/** Turns zod's issues into problems that name the value and the fix. */
function schemaProblems(issues: readonly z.core.$ZodIssue[], yaml: YamlSource): Problem[] {
  const problems: SchemaProblem[] = issues.flatMap((issue) => issueProblems(issue, yaml));
  // A misspelled required key is one mistake, not two: the unknown key (at its own line) says
  // that the key it probably meant is required, and "is required" for that key is dropped.
  const missing = new Set(problems.filter((p) => p.message === "is required").map((p) => formatPath(p.path)));
  const meant = (p: SchemaProblem) => (p.suggestion === undefined ? undefined : formatPath([...p.path.slice(0, -1), p.suggestion]));
  const replaced = new Set(problems.map(meant).filter((m): m is string => m !== undefined && missing.has(m)));
  return problems
    .filter((p) => !(p.message === "is required" && replaced.has(formatPath(p.path))))
    .map((p) => (replaced.has(meant(p) ?? "") ? { path: p.path, message: `${p.message} (${p.suggestion} is required and missing)` } : p));
}

function issueProblems(issue: z.core.$ZodIssue, yaml: YamlSource): SchemaProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  const input = (issue as { input?: unknown }).input;
  const defaultMessage = /^(Invalid input|Invalid option|Too small|Too big|Invalid string|Invalid key)/.test(issue.message);
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => unknownKey(path, key));
    case "invalid_key": {
      const inner = issue.issues.map((i) => i.message).join("; ");
      return [{ path, message: `the key ${describeValue(input)}: ${inner}` }];
    }
    case "invalid_type":
      if (input === undefined) return [{ path, message: "is required" }];
      if (!defaultMessage) return [{ path, message: `${describeValue(input)}: ${issue.message}` }];
      return [{ path, message: wrongType(issue.expected, input, path, yaml) }];
    case "invalid_value": {
      const allowed = issue.values.map(String);
      const close = typeof input === "string" ? closest(input, allowed) : undefined;
      const hint = close ? `did you mean "${close}"?` : `use one of ${allowed.join(", ")}`;
      return [{ path, message: `${describeValue(input)} is not allowed here; ${hint}` }];
    }
    case "too_small":
    case "too_big":
      return [{ path, message: `${describeValue(input)}: ${defaultMessage ? sizeMessage(issue) : issue.message}` }];
    default: {
      const shown = input !== null && typeof input === "object" && !Array.isArray(input) ? "" : `${describeValue(input)}: `;
      return [{ path, message: `${shown}${issue.message}` }];
    }
  }
}

/** What a value is, in a person's words. */
function kindOf(value: unknown): string {
  if (value === null) return "nothing (null)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  if (typeof value === "boolean") return "true/false";
  return `a ${typeof value}`;
}

const EXPECTED: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a map (key: value entries)",
  record: "a map (key: value entries)",
  array: "a list",
};

/** The message for a value of the wrong type: a number YAML read where a string belongs says to quote it. */
function wrongType(expected: string, input: unknown, path: FilePath, yaml: YamlSource): string {
  const want = EXPECTED[expected] ?? expected;
  if (expected === "string" && (typeof input === "number" || typeof input === "boolean")) {
    const written = yaml.sourceOf(path) ?? String(input);
    const read = written === String(input) ? `a ${typeof input}` : `the ${typeof input} ${input}`;
    return `YAML read ${clip(written)} as ${read}; quote it to keep it a string: ${describeValue(written)}`;
  }
  if (input === null) return `is empty (YAML reads a missing value as null); give ${want}`;
  if (expected === "int" && typeof input === "number") return `${input}: must be a whole number`;
  const start = path.length === 0 ? "; an environments file is a map that starts with organization:, region:, state:, dns: and environments:" : "";
  return `${describeValue(input)}: must be ${want}, but YAML read ${kindOf(input)}${start}`;
}

/** Sizes in a person's words, for zod's default too_small / too_big messages. */
function sizeMessage(issue: z.core.$ZodIssue & { code: "too_small" | "too_big" }): string {
  const small = issue.code === "too_small";
  const limit = Number(small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum);
  const inclusive = (issue as { inclusive?: boolean }).inclusive !== false;
  const bound = small ? (inclusive ? "at least" : "more than") : inclusive ? "at most" : "less than";
  switch (issue.origin) {
    case "array":
      return small && limit === 1 ? "must not be empty; give at least one entry" : `must have ${bound} ${limit} entries`;
    case "string":
      return small && limit === 1 ? "must not be empty" : `must be ${bound} ${limit} characters long`;
    default:
      return `must be ${bound} ${limit}`;
  }
}

/** The known key closest to a misspelling, if one is close. */
function closest(word: string, known: readonly string[]): string | undefined {
  const best = known.map((k) => ({ k, d: distance(k.toLowerCase(), word.toLowerCase()) })).sort((a, b) => a.d - b.d)[0];
  return best && best.d <= Math.max(2, Math.floor(word.length / 3)) ? best.k : undefined;
}

function unknownKey(path: FilePath, key: string): SchemaProblem {
  const known = knownKeysAt(path);
  const at = [...path, key];
  if (key === "<<") {
    return { path: at, message: "YAML merge keys (<<: *anchor) are not supported; write the keys out, or alias a whole value (admins: *admins)" };
  }
  const suggestion = closest(key, known);
  if (suggestion) return { path: at, message: `unknown key ${describeValue(key)}; did you mean "${suggestion}"?`, suggestion };
  return { path: at, message: `unknown key ${describeValue(key)}; allowed keys: ${known.join(", ")}` };
}

/** Keys the schema allows at a path (for "did you mean"). */
function knownKeysAt(path: FilePath): string[] {
  let node: unknown = environmentsFileSchema;
  for (const part of [...path, null]) {
    // unwrap optional / default / pipe wrappers
    for (;;) {
      const def = (node as { def?: { type: string; innerType?: unknown; in?: unknown } }).def;
      if (def && (def.type === "optional" || def.type === "default" || def.type === "nullable") && def.innerType) node = def.innerType;
      else if (def && def.type === "pipe" && def.in) node = def.in;
      else break;
    }
    if (part === null) break;
    const def = (node as { def: { type: string; shape?: Record<string, unknown>; element?: unknown; valueType?: unknown } }).def;
    if (def.type === "object" && def.shape) node = Object.hasOwn(def.shape, part) ? def.shape[part as string] : undefined;
    else if (def.type === "array") node = def.element;
    else if (def.type === "record") node = def.valueType;
    else return [];
    if (!node) return [];
  }
  const def = (node as { def: { type: string; shape?: Record<string, unknown> } }).def;
  return def.type === "object" && def.shape ? Object.keys(def.shape) : [];
}
