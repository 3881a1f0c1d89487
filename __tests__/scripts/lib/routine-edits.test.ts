import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { undocumentedReplacements } from "../../../scripts/lib/change-outcome";
import { editTableMarkdown, README_TABLE_END, README_TABLE_START, roundText, scheduleRounds, tableProblems } from "../../../scripts/lib/edit-rounds";
import { ROUTINE_EDITS } from "../../../scripts/lib/routine-edits";
import { DEFAULT_ENVIRONMENTS_FILE, loadOrgText } from "../../../src/model";

const BASE = readFileSync(DEFAULT_ENVIRONMENTS_FILE, "utf8");
type Doc = Record<string, unknown> & { environments: Record<string, unknown> };

describe("ROUTINE_EDITS", () => {
  it("covers the issue's routine edits", () => {
    expect(ROUTINE_EDITS.map((e) => e.title)).toEqual([
      "add an AZ",
      "remove an AZ",
      "reorder AZs",
      "NAT perAz -> single",
      "NAT single -> perAz",
      "NAT single -> none",
      "NAT none -> single",
      "add an environment",
      "add a node group",
      "change a node group's instance types and capacity type",
      "Kubernetes minor version bump",
      "switch node autoscaling Karpenter -> Cluster Autoscaler",
      "switch node autoscaling Cluster Autoscaler -> Karpenter",
      "add a namespace",
      "add a peering port",
      "switch to a Transit Gateway (management)",
      "switch to a Transit Gateway (production)",
      "switch to a Transit Gateway (development)",
    ]);
  });

  it("has ids that name modules, and a documented, create-before-destroy reason for every protected replacement", () => {
    expect(tableProblems(ROUTINE_EDITS)).toEqual([]);
    expect(ROUTINE_EDITS.flatMap((e) => undocumentedReplacements(e.expect))).toEqual([]);
  });

  describe.each(ROUTINE_EDITS.map((e) => [e.id, e] as const))("%s", (_id, edit) => {
    const to = roundText(BASE, [edit], "to");
    const from = roundText(BASE, [edit], "from");

    it("gives a file the model loads, from where it starts and where it ends", () => {
      expect(() => loadOrgText(to, `${edit.id} (to)`)).not.toThrow();
      expect(() => loadOrgText(from, `${edit.id} (from)`)).not.toThrow();
    });

    it("changes its own environment and nothing else of the file, or only organization fields for an edit of a group", () => {
      const a = parse(from) as Doc;
      const b = parse(to) as Doc;
      if (edit.group !== undefined) {
        expect(b.environments).toEqual(a.environments);
        expect(b).not.toEqual(a);
        return;
      }
      expect(b.environments[edit.stack]).not.toEqual(a.environments[edit.stack]);
      const others = (d: Doc) => ({ ...d, environments: Object.fromEntries(Object.entries(d.environments).filter(([n]) => n !== edit.stack)) });
      expect(others(b)).toEqual(others(a));
    });

    it("plans a stack that exists exactly when the edit does not add it", () => {
      const names = loadOrgText(BASE).environments.map((e) => e.name);
      expect(names.includes(edit.stack)).toBe(!edit.newStack);
    });
  });

  it("fits in rounds of one edit per stack, all of which load together", () => {
    for (const round of scheduleRounds(ROUTINE_EDITS)) expect(() => loadOrgText(roundText(BASE, round.edits))).not.toThrow();
  });
});

describe("the README's routine-edit table", () => {
  it("is the one generated from ROUTINE_EDITS", () => {
    const readme = readFileSync(join(__dirname, "..", "..", "..", "README.md"), "utf8");
    const start = readme.indexOf(README_TABLE_START);
    const end = readme.indexOf(README_TABLE_END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(readme.slice(start, end + README_TABLE_END.length)).toBe(editTableMarkdown(ROUTINE_EDITS));
  });
});
