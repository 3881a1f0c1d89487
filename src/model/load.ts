/**
 * Loads an environments file: YAML -> schema -> rules -> Org model. Every problem of the
 * file is reported at once in one ModelError, each with its path, line, value and fix.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { distance } from "fastest-levenshtein";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { deriveOrg } from "./derive";
import type { Org } from "./org";
import { formatPath, ModelError, type FilePath, type Problem } from "./problems";
import { checkRules } from "./rules";
import { environmentsFileSchema } from "./schema";

/** The embedded example organization, used when PLATFORM_CONFIG is not set. */
export const DEFAULT_ENVIRONMENTS_FILE = join(__dirname, "default-environments.yaml");

/** Reads and loads an environments file. Throws ModelError with every problem. */
export function loadOrgFile(path: string = DEFAULT_ENVIRONMENTS_FILE): Org {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ModelError(path, [`cannot read the file: ${(e as Error).message}`]);
  }
  return loadOrgText(text, path);
}

/** Loads an environments file from its text; `source` names it in messages. */
export function loadOrgText(text: string, source = "environments file"): Org {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ModelError(
      source,
      doc.errors.map((e) => `line ${lines.linePos(e.pos[0]).line}: ${e.message.split("\n")[0]}`),
    );
  }
  const lineOf = (path: FilePath): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === "object" && node.range) return lines.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const render = (p: Problem) => {
    const line = lineOf(p.path);
    return `${formatPath(p.path)}${line ? ` (line ${line})` : ""}: ${p.message}`;
  };

  const parsed = environmentsFileSchema.safeParse(doc.toJS(), { reportInput: true });
  if (!parsed.success) {
    throw new ModelError(source, parsed.error.issues.flatMap((issue) => schemaProblems(issue)).map(render));
  }
  const { problems, warnings } = checkRules(parsed.data);
  if (problems.length > 0) throw new ModelError(source, problems.map(render));
  return deriveOrg(parsed.data, warnings);
}

/** Turns one zod issue into problems that name the value and the fix. */
function schemaProblems(issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys") {
    const known = knownKeysAt(path);
    return issue.keys.map((key) => {
      const best = known
        .map((k) => ({ k, d: distance(k.toLowerCase(), key.toLowerCase()) }))
        .sort((a, b) => a.d - b.d)[0];
      const hint = best && best.d <= Math.max(2, Math.floor(key.length / 3)) ? `did you mean "${best.k}"?` : `allowed keys: ${known.join(", ")}`;
      return { path: [...path, key], message: `unknown key "${key}"; ${hint}` };
    });
  }
  if (issue.code === "invalid_key") {
    const inner = issue.issues.map((i) => i.message).join("; ");
    return [{ path, message: `key ${JSON.stringify((issue as { input?: unknown }).input)} ${inner}` }];
  }
  const input = (issue as { input?: unknown }).input;
  if (input === undefined && issue.code === "invalid_type") return [{ path, message: "is required" }];
  const value = input === undefined ? "" : `${JSON.stringify(input)}: `;
  return [{ path, message: `${value}${issue.message}` }];
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
    if (def.type === "object" && def.shape) node = def.shape[part as string];
    else if (def.type === "array") node = def.element;
    else if (def.type === "record") node = def.valueType;
    else return [];
    if (!node) return [];
  }
  const def = (node as { def: { type: string; shape?: Record<string, unknown> } }).def;
  return def.type === "object" && def.shape ? Object.keys(def.shape) : [];
}
