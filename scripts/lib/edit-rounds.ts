/**
 * Routine edits of an environments file, applied to its parsed YAML, and grouped into rounds so
 * that one synthesized organization carries several edits while each `<env>` stack reflects at
 * most one of them. Pure.
 */
import { parse, stringify } from "yaml";
import { describeOutcome, type ExpectedOutcome } from "./change-outcome";

/** The environments file as parsed YAML (plain objects and arrays). */
export type EnvironmentsDoc = Record<string, unknown> & { environments: Record<string, Record<string, unknown>> };

/** One routine edit of the organization and what its plan must do. */
export interface RoutineEdit {
  /** Short id, used in module names and output: letters, digits and `-`. */
  readonly id: string;
  /** What a person would call the edit, e.g. "add an AZ". */
  readonly title: string;
  /** The edit as a person would make it, e.g. "production: azs + us-east-1d". */
  readonly change: string;
  /** The `<env>` stack the edit is planned on (the edited environment, or the added one). */
  readonly stack: string;
  /** The edit, in place on a copy of the unedited file. */
  readonly apply: (doc: EnvironmentsDoc) => void;
  /**
   * Where the edit starts, when not from the unedited file (e.g. `nat: none` for "none -> single"):
   * applied to a copy of the unedited file; the edit's plan then runs against that file's state.
   */
  readonly from?: (doc: EnvironmentsDoc) => void;
  /**
   * Other `<env>` stacks the edit changes as a consequence (adding a spoke adds its CIDR to the
   * hub's VPN): no other edit shares a round with it there, and they are not held to
   * "byte-identical" in its round. They are not planned; jest covers what changes in them.
   * @default - none: the edit changes only `stack`
   */
  readonly alsoChanges?: readonly string[];
  /** What the plan of `stack` must do. */
  readonly expect: ExpectedOutcome;
  /**
   * The edit adds `stack`: its plan must create, and only create, what the model says for the
   * new environment (scripts/lib/expected-resources.ts); `expect` adds further conditions.
   */
  readonly newStack?: boolean;
  /** Why the outcome is what it is, when that is not obvious (the README shows it). */
  readonly note?: string;
  /**
   * An organization-wide edit (`connectivity: transitGateway`) that changes several `<env>` stacks:
   * one edit per stack, all with the same group (and the same change), share a round of their own,
   * which no other edit joins. @default - the edit changes its own stack only
   */
  readonly group?: string;
}

/** Parses environments-file text for editing. */
export function parseDoc(text: string): EnvironmentsDoc {
  const doc = parse(text) as EnvironmentsDoc;
  if (!doc || typeof doc !== "object" || !doc.environments || typeof doc.environments !== "object") {
    throw new Error("the environments file has no environments map");
  }
  return doc;
}

/** The environment `name` of the doc; throws with the names it has when missing. */
export function environment(doc: EnvironmentsDoc, name: string): Record<string, unknown> {
  const env = doc.environments[name];
  if (!env) throw new Error(`the edit needs environment ${name}; the file has ${Object.keys(doc.environments).join(", ")}`);
  return env;
}

/** A group of edits synthesized together: each edits a different stack. */
export interface EditRound {
  readonly edits: readonly RoutineEdit[];
}

/**
 * Rounds for `edits`, in table order: each edit goes to the first round whose edits plan other
 * stacks, so each stack of a round's organization reflects at most one edit. The edits of a group
 * share a round that holds nothing else.
 */
export function scheduleRounds(edits: readonly RoutineEdit[]): EditRound[] {
  const rounds: RoutineEdit[][] = [];
  const stacksOf = (e: RoutineEdit) => [e.stack, ...(e.alsoChanges ?? [])];
  for (const edit of edits) {
    const round =
      edit.group === undefined
        ? rounds.find((r) => r[0].group === undefined && r.every((e) => stacksOf(e).every((x) => !stacksOf(edit).includes(x))))
        : rounds.find((r) => r[0].group === edit.group);
    if (round) round.push(edit);
    else rounds.push([edit]);
  }
  return rounds.map((edits) => ({ edits }));
}

/**
 * The file text of a round: every edit applied to a copy of `base`. With `side: "from"`, the
 * edits' starting points instead (edits without one leave the file as it is).
 */
export function roundText(base: string, edits: readonly RoutineEdit[], side: "to" | "from" = "to"): string {
  const doc = parseDoc(base);
  for (const edit of edits) {
    if (side === "to") edit.apply(doc);
    else edit.from?.(doc);
  }
  return stringify(doc, { lineWidth: 0 });
}

/** Checks an edit table: unique ids that work as module names; returns problems. */
export function tableProblems(edits: readonly RoutineEdit[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const e of edits) {
    if (!/^[a-z][a-z0-9-]*$/.test(e.id)) problems.push(`edit id ${JSON.stringify(e.id)} must be lowercase letters, digits and '-'`);
    if (seen.has(e.id)) problems.push(`edit id ${e.id} is used twice`);
    seen.add(e.id);
    if (e.group !== undefined && edits.some((o) => o !== e && o.group === e.group && o.stack === e.stack && edits.indexOf(o) < edits.indexOf(e))) {
      problems.push(`group ${e.group} plans ${e.stack} twice; give each edit of a group its own stack`);
    }
  }
  return problems;
}

/** The expected outcome in words, for the summary and the README. */
export function outcomeText(edit: RoutineEdit): string {
  const text = describeOutcome(edit.expect);
  if (!edit.newStack) return text;
  return `creates the new stack as the model says (every resource a create)${text === "no change" ? "" : `; ${text}`}`;
}

/** Markers around the generated table in the README. */
export const README_TABLE_START = "<!-- routine-edits:start (generated from scripts/lib/routine-edits.ts; a jest test keeps them equal) -->";
export const README_TABLE_END = "<!-- routine-edits:end -->";

/**
 * The README's "routine edit -> what its plan does" table, in Markdown, from the edit table:
 * the edit, the stack planned, the expected outcome, and the reasons for replacements and notes.
 */
export function editTableMarkdown(edits: readonly RoutineEdit[]): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  const rows = edits.map((e) => {
    const reasons = Object.entries(e.expect.replace ?? {}).map(([type, r]) => `${type} replaced ${r.order}: ${r.reason}`);
    const why = [...reasons, ...(e.note ? [e.note] : [])].join(". ");
    return `| ${cell(e.title)} | ${cell(e.change)} | ${cell(outcomeText(e))} | ${cell(why || "-")} |`;
  });
  return [
    README_TABLE_START,
    "| routine edit | as made in the default organization | what the plan of its `<env>` stack does | why |",
    "|---|---|---|---|",
    ...rows,
    README_TABLE_END,
  ].join("\n");
}
