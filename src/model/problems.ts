/** What the loader reports about a bad environments file. No constructs. */

/** A path in the environments file: keys and array indexes. */
export type FilePath = readonly (string | number)[];

/** One thing wrong with the file. `message` says the value received, what is allowed and how to fix it. */
export interface Problem {
  readonly path: FilePath;
  readonly message: string;
}

/** Longest value a message echoes; longer values are cut with an ellipsis. */
export const MAX_ECHOED_VALUE = 80;
/** Longest unbroken run of characters a message line keeps (a value a rule interpolated, a long key). */
const MAX_WORD = 100;

/** A key printed as `.key` in a path; any other key is printed as `["key"]`. */
const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/**
 * The one path style of every message and warning:
 * `["environments", "production", "eks", "nodeGroups", 0, "name"]` -> `environments.production.eks.nodeGroups[0].name`.
 * Keys that are not plain names are quoted (`tags["kubernetes.io/role"]`); long keys are cut.
 */
export function formatPath(path: FilePath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (PLAIN_KEY.test(part) && part.length <= MAX_ECHOED_VALUE) out += out === "" ? part : `.${part}`;
    else out += `[${describeValue(part)}]`;
  }
  return out === "" ? "(top level)" : out;
}

/** `s` cut to `max` characters, the last one an ellipsis when it was longer. */
export function clip(s: string, max: number = MAX_ECHOED_VALUE): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * A value as a message shows it: JSON-like, at most MAX_ECHOED_VALUE characters. Never walks
 * more of the value than it prints, so a huge, deeply nested or self-referencing value is cheap.
 */
export function describeValue(value: unknown): string {
  return clip(preview(value, MAX_ECHOED_VALUE + 1));
}

function preview(value: unknown, budget: number): string {
  if (budget <= 0) return "…";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value.length > budget ? value.slice(0, budget) : value);
    case "number":
    case "boolean":
    case "bigint":
      return String(value);
    case "undefined":
      return "nothing";
    case "object":
      break;
    default:
      return `a ${typeof value}`;
  }
  if (value === null) return "null";
  if (Array.isArray(value)) {
    let out = "[";
    for (const item of value) {
      if (out.length >= budget) return `${out}, …]`;
      out += (out.length > 1 ? ", " : "") + preview(item, budget - out.length);
    }
    return `${out}]`;
  }
  const kind = (value as { constructor?: { name?: string } }).constructor?.name;
  if (kind && kind !== "Object") return `a ${kind}`;
  let out = "{";
  for (const key in value as Record<string, unknown>) {
    if (out.length >= budget) return `${out}, …}`;
    out += `${out.length > 1 ? ", " : ""}${key.length > budget ? `${key.slice(0, budget)}…` : key}: `;
    out += preview((value as Record<string, unknown>)[key], budget - out.length);
  }
  return `${out}}`;
}

/**
 * One line of a message as printed: control characters escaped (a value can never break the
 * line or the terminal) and any unbroken run longer than a line cut with an ellipsis.
 */
export function oneLine(message: string): string {
  return escapeControls(message).replace(new RegExp(`\\S{${MAX_WORD + 1},}`, "g"), (word) => clip(word, MAX_WORD));
}

/** Control characters and line separators escaped, so that text stays on its line. */
function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
    c === "\n" ? "\\n" : c === "\t" ? " " : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Most problems one ModelError lists; the rest are counted. Fixing the first usually fixes many. */
export const MAX_LISTED_PROBLEMS = 50;

/** Thrown by the loader with every problem of the file at once. */
export class ModelError extends Error {
  /** Every problem, each already formatted as `path (line N): message`, at most MAX_LISTED_PROBLEMS of them. */
  readonly problems: readonly string[];

  constructor(
    /** Where the file came from, for the headline. */
    readonly source: string,
    problems: readonly string[],
  ) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map(oneLine);
    const more = problems.length - listed.length;
    super(
      `${escapeControls(source)}: ${problems.length} problem${problems.length === 1 ? "" : "s"} in the environments file:\n` +
        listed.map((p) => `  - ${p}`).join("\n") +
        (more > 0 ? `\n  ... and ${more} more; fix these first, then load the file again` : ""),
    );
    this.name = "ModelError";
    this.problems = listed;
  }
}
