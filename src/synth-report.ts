/**
 * What `npm run synth` (and `cdktf synth`) tells the person after app.synth(): one line per stack
 * written with its resource count, every annotation cdktf recorded (the loader's warnings: a
 * retired chart, a short log retention, a public endpoint), the email subscriptions that await
 * their recipients' confirmation, the stack folders it removed, a total.
 * It also removes the output folder's stack folders of stacks the organization no longer has, so
 * that `cdktf.out/stacks` holds exactly the stacks of the last synth.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";

/** One annotation of a stack, as cdktf wrote it to manifest.json. */
export interface SynthAnnotation {
  /** `warning`, `error` or `info`. */
  readonly level: "warning" | "error" | "info";
  /** Construct path the annotation was added to. */
  readonly constructPath: string;
  readonly message: string;
}

/** One synthesized stack. */
export interface SynthStackSummary {
  readonly name: string;
  /** Resources in the stack's cdk.tf.json (data sources not counted). */
  readonly resources: number;
  readonly annotations: readonly SynthAnnotation[];
  /**
   * Addresses of the stack's email subscriptions (aws_sns_topic_subscription, protocol email):
   * each stays pending until its recipient confirms. Absent when the stack has none.
   */
  readonly emailSubscriptions?: readonly string[];
}

/** What one synth wrote. */
export interface SynthSummary {
  /** The output folder (cdktf.out unless CDKTF_OUTDIR says otherwise). */
  readonly outdir: string;
  /** Stacks in manifest order (sorted by name). */
  readonly stacks: readonly SynthStackSummary[];
  /** Stack folders removed because the manifest no longer lists their stacks. */
  readonly removed: readonly string[];
}

interface Manifest {
  readonly stacks: Record<string, { readonly synthesizedStackPath: string; readonly annotations?: { level: string; constructPath: string; message: string }[] }>;
}

const LEVELS: Record<string, SynthAnnotation["level"]> = { "@cdktf/warn": "warning", "@cdktf/error": "error", "@cdktf/info": "info" };

/**
 * Reads the manifest of `outdir`, removes the folders under `<outdir>/stacks` of stacks it does
 * not list, and returns what was written.
 */
export function finishSynth(outdir: string): SynthSummary {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as Manifest;
  const names = Object.keys(manifest.stacks).sort();
  const stacks = names.map((name): SynthStackSummary => {
    const entry = manifest.stacks[name];
    const json = JSON.parse(readFileSync(join(outdir, entry.synthesizedStackPath), "utf8")) as { resource?: Record<string, Record<string, unknown>> };
    const resources = Object.values(json.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
    const annotations = (entry.annotations ?? []).map((a) => ({ level: LEVELS[a.level] ?? "info", constructPath: a.constructPath, message: a.message }));
    const emails = Object.values(json.resource?.aws_sns_topic_subscription ?? {})
      .map((s) => s as { protocol?: unknown; endpoint?: unknown })
      .filter((s) => s.protocol === "email" && typeof s.endpoint === "string")
      .map((s) => s.endpoint as string);
    return { name, resources, annotations, ...(emails.length > 0 ? { emailSubscriptions: emails } : {}) };
  });
  return { outdir, stacks, removed: removeStaleStackFolders(outdir, new Set(names)) };
}

/** Removes every folder under `<outdir>/stacks` that is not one of `stacks`; returns their names. */
export function removeStaleStackFolders(outdir: string, stacks: ReadonlySet<string>): string[] {
  const folder = join(outdir, "stacks");
  if (!existsSync(folder)) return [];
  const stale = readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !stacks.has(e.name))
    .map((e) => e.name)
    .sort();
  for (const name of stale) rmSync(join(folder, name), { recursive: true, force: true });
  return stale;
}

/** How the report is printed. */
export interface FormatOptions {
  /** Directory paths are shown relative to. @default process.cwd() */
  readonly cwd?: string;
  /**
   * Whether something else prints the annotations (cdktf's CLI prints them after the app exits):
   * then the report counts them without repeating them.
   * @default false
   */
  readonly annotationsPrintedElsewhere?: boolean;
}

/** The report: a line per stack, the annotations, removed folders, a total line. */
export function formatSynthReport(summary: SynthSummary, options: FormatOptions = {}): string {
  const where = relative(options.cwd ?? process.cwd(), summary.outdir) || ".";
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const width = Math.max(0, ...summary.stacks.map((s) => s.name.length));
  const lines = [`Synthesized ${plural(summary.stacks.length, "stack")} into ${where}:`];
  for (const stack of summary.stacks) lines.push(`  ${stack.name.padEnd(width)}  ${plural(stack.resources, "resource")}`);
  const annotations = summary.stacks.flatMap((s) => s.annotations.map((a) => ({ stack: s.name, ...a })));
  if (annotations.length > 0 && !options.annotationsPrintedElsewhere) {
    lines.push("");
    for (const a of annotations) lines.push(`${a.level} [${a.stack}]: ${a.message}`);
  }
  const subscribed = summary.stacks.filter((s) => (s.emailSubscriptions ?? []).length > 0);
  if (subscribed.length > 0) {
    lines.push("");
    lines.push(
      'Email subscriptions need confirmation: after apply, AWS sends each address "AWS Notification - Subscription Confirmation"; ' +
        "until its link is followed, that address receives no alert:",
    );
    for (const stack of subscribed) lines.push(`  ${stack.name.padEnd(width)}  ${stack.emailSubscriptions!.join(", ")}`);
  }
  if (summary.removed.length > 0) {
    lines.push("");
    lines.push(`Removed ${plural(summary.removed.length, "stack folder")} the organization no longer has: ${summary.removed.map((n) => join(where, "stacks", n)).join(", ")}`);
  }
  const counts = (["error", "warning", "info"] as const)
    .map((level) => [level, annotations.filter((a) => a.level === level).length] as const)
    .filter(([level, n]) => n > 0 || level === "warning")
    .map(([level, n]) => plural(n, level));
  const resources = summary.stacks.reduce((sum, s) => sum + s.resources, 0);
  const elsewhere = options.annotationsPrintedElsewhere && annotations.length > 0 ? " (printed by cdktf below)" : "";
  lines.push("");
  lines.push(`Total: ${plural(summary.stacks.length, "stack")}, ${plural(resources, "resource")}, ${counts.join(", ")}${elsewhere}.`);
  return `${lines.join("\n")}\n`;
}
