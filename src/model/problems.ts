/** What the loader reports about a bad environments file. No constructs. */

/** A path in the environments file: keys and array indexes. */
export type FilePath = readonly (string | number)[];

/** One thing wrong with the file. `message` says the value received, what is allowed and how to fix it. */
export interface Problem {
  readonly path: FilePath;
  readonly message: string;
}

/** `["environments", "production", "azs", 0]` -> `environments.production.azs[0]`. */
export function formatPath(path: FilePath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out === "" ? "(top level)" : out;
}

/** Thrown by the loader with every problem of the file at once. */
export class ModelError extends Error {
  constructor(
    /** Where the file came from, for the headline. */
    readonly source: string,
    /** Every problem, each already formatted as `path (line N): message`. */
    readonly problems: readonly string[],
  ) {
    super(
      `${source}: ${problems.length} problem${problems.length === 1 ? "" : "s"} in the environments file:\n` +
        problems.map((p) => `  - ${p}`).join("\n"),
    );
    this.name = "ModelError";
  }
}
