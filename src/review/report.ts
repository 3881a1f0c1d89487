/**
 * The review report: one Markdown document over the plans of an organization's stacks, in deploy
 * order. Per stack the counts of creates, updates, replacements, destroys, deferred reads and
 * forgets; every replacement and destroy with what forces it; then what a security reviewer must
 * see: network rules added or widened, policy statements added or changed, what becomes
 * reachable from the internet, state and protection changes. Pure: the caller plans (or reads
 * plans) and writes the file.
 */
import { changeCounts, disruptiveChanges } from "./changes";
import { internetExposure, protectionChanges, type Finding, type Lifecycles } from "./exposure";
import { ruleChanges, type RuleChange } from "./network-rules";
import { CHANGE_KINDS, type PlanJson } from "./plan-json";
import { policyChanges, statementLines, type PolicyChange } from "./policies";

/** One stack's plan, and what the plan JSON cannot say. */
export interface StackReview {
  readonly name: string;
  readonly plan: PlanJson;
  /** `prevent_destroy` per configuration address, from the synthesized stack. */
  readonly lifecycles?: Lifecycles;
  /** The same for the stack the plan starts from (a `--base` review), to see protection removed. */
  readonly baseLifecycles?: Lifecycles;
}

/** Everything the report is built from. */
export interface ReviewInput {
  /** A heading line: what was planned, e.g. `acme (the embedded default organization), offline plans on empty state`. */
  readonly title: string;
  /** The planned stacks, in deploy order. */
  readonly stacks: readonly StackReview[];
  /** Stacks of the organization that have no plan in the report, with why (also in deploy order). */
  readonly notPlanned?: readonly { readonly name: string; readonly reason: string }[];
  /** Lines said once under the title (how the plans were made, what is not checked). */
  readonly notes?: readonly string[];
}

/** An extra section of the report (e.g. a Mermaid picture); returns Markdown, or undefined for none. */
export type ReportSection = (input: ReviewInput) => string | undefined;

/** The whole report. `extraSections` go after the summary, before the per-stack details. */
export function buildReport(input: ReviewInput, extraSections: readonly ReportSection[] = []): string {
  const parts: string[] = [`# Plan review: ${input.title}`, ""];
  for (const note of input.notes ?? []) parts.push(`> ${note}`);
  if ((input.notes ?? []).length > 0) parts.push("");
  parts.push(...summary(input), "");
  for (const section of extraSections) {
    const text = section(input);
    if (text) parts.push(text.trimEnd(), "");
  }
  for (const stack of input.stacks) parts.push(...stackSection(stack), "");
  return `${parts.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}

/** The deploy-order table of counts and security findings. */
function summary(input: ReviewInput): string[] {
  const header = ["#", "stack", ...CHANGE_KINDS, "security findings"];
  const rows = input.stacks.map((s, i) => {
    const counts = changeCounts(s.plan);
    return [String(i + 1), `[${s.name}](#${anchor(s.name)})`, ...CHANGE_KINDS.map((k) => String(counts[k])), String(securityFindingCount(s))];
  });
  const lines = ["## Summary, in deploy order", "", `| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)];
  if ((input.notPlanned ?? []).length > 0) {
    lines.push("", "Not planned:", ...input.notPlanned!.map((s) => `- \`${s.name}\`: ${s.reason}`));
  }
  return lines;
}

function securityFindingCount(s: StackReview): number {
  return ruleChanges(s.plan).length + policyChanges(s.plan).length + internetExposure(s.plan).length + protectionChanges(s.plan, s.lifecycles, s.baseLifecycles).length;
}

/** A GitHub heading anchor for `## Stack <name>`. */
function anchor(name: string): string {
  return `stack-${name.toLowerCase().replace(/[^a-z0-9 _-]/g, "").replace(/ /g, "-")}`;
}

function stackSection(s: StackReview): string[] {
  const counts = changeCounts(s.plan);
  const lines = [`## Stack ${s.name}`, "", CHANGE_KINDS.map((k) => `${counts[k]} ${k}`).join(", ") + "."];
  const disruptive = disruptiveChanges(s.plan);
  lines.push("", "### Replacements and destroys", "");
  if (disruptive.length === 0) lines.push("None.");
  for (const d of disruptive) {
    const head = `- **${d.kind}** \`${d.address}\`${d.order ? ` (${d.order})` : ""}${d.reason ? `: ${d.reason}` : ""}`;
    lines.push(head, ...d.forcedBy.map((f) => `  - forced by \`${f}\``));
  }
  lines.push("", "### Security", "", "#### Network rules added or widened", "");
  lines.push(...ruleTable(ruleChanges(s.plan)));
  lines.push("", "#### IAM and KMS policy statements added or changed", "");
  lines.push(...policyLines(policyChanges(s.plan)));
  lines.push("", "#### Newly reachable from the internet", "");
  lines.push(...findingLines(internetExposure(s.plan)));
  lines.push("", "#### State and protection changes", "");
  lines.push(...findingLines(protectionChanges(s.plan, s.lifecycles, s.baseLifecycles)));
  if (!s.lifecycles) lines.push("", "_prevent_destroy not checked: the plan JSON does not carry lifecycle settings; give the synthesized stacks (`--synth`)._");
  return lines;
}

const cell = (t: string) => t.replace(/\|/g, "\\|");

function ruleTable(changes: readonly RuleChange[]): string[] {
  if (changes.length === 0) return ["None."];
  const rows = changes.map((c) => {
    const r = c.rule;
    const change = c.kind === "widened" ? `**widened** from ${c.before!.peers.join(", ")} ${c.before!.protocol} ${c.before!.ports}: ${c.why}` : "added";
    return [change, r.kind, r.direction, r.action, r.peers.join(", "), r.protocol, r.ports, `\`${r.address}\``, r.description ?? ""].map(cell);
  });
  return ["| change | on | direction | action | CIDR / peer | protocol | ports | resource | description |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |", ...rows.map((r) => `| ${r.join(" | ")} |`)];
}

function policyLines(changes: readonly PolicyChange[]): string[] {
  if (changes.length === 0) return ["None."];
  const lines: string[] = [];
  for (const c of changes) {
    if (c.attachment) {
      lines.push(`- \`${c.address}\` attaches \`${c.attachment.policy}\` to \`${c.attachment.to}\`${c.kind === "changed" ? " (changed)" : ""}`);
      continue;
    }
    const source = c.fromConfiguration ? ` — only known after apply; statements from the configuration of ${c.fromConfiguration}, ‹…› are values known after apply` : "";
    lines.push(`- \`${c.address}\` ${c.what} (\`${c.attribute}\`), ${c.kind}${source}:`);
    if (c.unreadable) lines.push(`  - not readable: ${c.unreadable}`);
    for (const s of c.statements) lines.push(...statementLines(s, "  "));
    if (c.removed.length > 0) {
      lines.push("  - statements removed:");
      for (const s of c.removed) lines.push(...statementLines(s, "    "));
    }
  }
  return lines;
}

function findingLines(findings: readonly Finding[]): string[] {
  return findings.length === 0 ? ["None."] : findings.map((f) => `- \`${f.address}\`: ${f.text}`);
}
