/**
 * Command-line options of `npm run diagram`: where to write the SVG (`--out`, default
 * organization.svg), the Mermaid flowchart (`--mermaid`) and the reachability matrix as JSON
 * (`--json`). Pure, so its errors are tested without running the script.
 */

export interface DiagramOptions {
  /** SVG file to write. @default "organization.svg" */
  readonly out: string;
  /** Mermaid file to write. @default - none */
  readonly mermaid?: string;
  /** JSON file of the reachability matrix. @default - none */
  readonly json?: string;
}

const NAMES = ["out", "mermaid", "json"] as const;

/** Parses `args` (process.argv after the script); throws an Error naming the option and what it needs. */
export function parseDiagramOptions(args: readonly string[]): DiagramOptions {
  const found: Partial<Record<(typeof NAMES)[number], string>> = {};
  for (let i = 0; i < args.length; i++) {
    const name = args[i].replace(/^--/, "") as (typeof NAMES)[number];
    if (!args[i].startsWith("--") || !NAMES.includes(name)) {
      throw new Error(`unknown argument ${args[i]}: npm run diagram takes ${NAMES.map((n) => `--${n} <file>`).join(", ")}`);
    }
    const value = args[i + 1];
    if (value === undefined || value.startsWith("--")) throw new Error(`--${name} needs a file name, e.g. --${name} docs/organization.${name === "out" ? "svg" : name === "mermaid" ? "mmd" : "json"}`);
    if (found[name] !== undefined) throw new Error(`--${name} is given twice`);
    found[name] = value;
    i++;
  }
  return { out: found.out ?? "organization.svg", mermaid: found.mermaid, json: found.json };
}
