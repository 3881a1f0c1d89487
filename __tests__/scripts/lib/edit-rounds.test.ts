import { parse } from "yaml";
import {
  editTableMarkdown,
  environment,
  outcomeText,
  parseDoc,
  README_TABLE_END,
  README_TABLE_START,
  roundText,
  scheduleRounds,
  tableProblems,
  type RoutineEdit,
} from "../../../scripts/lib/edit-rounds";

const BASE = ["organization: acme", "environments:", "  a: { azs: [x, y], nat: single }", "  b: { azs: [x], nat: perAz }", ""].join("\n");

const edit = (id: string, stack: string, more: Partial<RoutineEdit> = {}): RoutineEdit => ({
  id,
  title: id,
  change: `${stack}: ${id}`,
  stack,
  apply: () => undefined,
  expect: {},
  ...more,
});

describe("scheduleRounds", () => {
  it("puts edits of different stacks in one round and a second edit of a stack in the next, in table order", () => {
    const rounds = scheduleRounds([edit("a1", "a"), edit("a2", "a"), edit("b1", "b"), edit("a3", "a"), edit("c1", "c")]);
    expect(rounds.map((r) => r.edits.map((e) => e.id))).toEqual([["a1", "b1", "c1"], ["a2"], ["a3"]]);
  });

  it("gives each round at most one edit per stack", () => {
    const rounds = scheduleRounds([edit("a1", "a"), edit("b1", "b"), edit("b2", "b"), edit("a2", "a")]);
    for (const r of rounds) expect(new Set(r.edits.map((e) => e.stack)).size).toBe(r.edits.length);
  });

  it("keeps an edit that also changes another stack out of that stack's edits' rounds, both ways", () => {
    const spoke = edit("new-spoke", "s", { alsoChanges: ["hub"] });
    const rounds = scheduleRounds([edit("hub1", "hub"), spoke, edit("b1", "b"), edit("hub2", "hub")]);
    expect(rounds.map((r) => r.edits.map((e) => e.id))).toEqual([["hub1", "b1"], ["new-spoke"], ["hub2"]]);
  });
});

describe("scheduleRounds with a group", () => {
  it("gives the edits of a group one round of their own, which no other edit joins", () => {
    const rounds = scheduleRounds([edit("a1", "a"), edit("ga", "a", { group: "g" }), edit("b1", "b"), edit("gb", "b", { group: "g" })]);
    expect(rounds.map((r) => r.edits.map((e) => e.id))).toEqual([["a1", "b1"], ["ga", "gb"]]);
  });

  it("reports a group that plans one stack twice", () => {
    expect(tableProblems([edit("g1", "a", { group: "g" }), edit("g2", "a", { group: "g" })])).toEqual(["group g plans a twice; give each edit of a group its own stack"]);
  });
});

describe("roundText", () => {
  const natNone = edit("nat", "a", { apply: (doc) => void (environment(doc, "a").nat = "none") });
  const reorder = edit("order", "b", { apply: (doc) => void (environment(doc, "b").azs as string[]).push("z") });
  const fromNone = edit("back", "a", { from: (doc) => void (environment(doc, "a").nat = "none") });

  it("applies every edit of the round to one copy of the file", () => {
    const doc = parse(roundText(BASE, [natNone, reorder])) as { environments: Record<string, { nat: string; azs: string[] }> };
    expect(doc.environments.a.nat).toBe("none");
    expect(doc.environments.b.azs).toEqual(["x", "z"]);
  });

  it("leaves the base text's document untouched for the next round", () => {
    roundText(BASE, [natNone]);
    expect((parse(roundText(BASE, [])) as { environments: { a: { nat: string } } }).environments.a.nat).toBe("single");
  });

  it("applies the starting points instead with side from", () => {
    expect((parse(roundText(BASE, [fromNone, natNone], "from")) as { environments: { a: { nat: string } } }).environments.a.nat).toBe("none");
    expect((parse(roundText(BASE, [reorder], "from")) as { environments: { b: { azs: string[] } } }).environments.b.azs).toEqual(["x"]);
  });
});

describe("parseDoc and environment", () => {
  it("refuses text without an environments map", () => {
    expect(() => parseDoc("organization: acme\n")).toThrow("the environments file has no environments map");
  });

  it("names the environments the file has when an edit needs another", () => {
    expect(() => environment(parseDoc(BASE), "staging")).toThrow("the edit needs environment staging; the file has a, b");
  });
});

describe("tableProblems", () => {
  it("finds ids that cannot name a module, and repeated ids", () => {
    expect(tableProblems([edit("Add AZ", "a"), edit("x", "a"), edit("x", "b")])).toEqual([
      'edit id "Add AZ" must be lowercase letters, digits and \'-\'',
      "edit id x is used twice",
    ]);
    expect(tableProblems([edit("add-az", "a")])).toEqual([]);
  });
});

describe("outcomeText and editTableMarkdown", () => {
  const replaceGroup = edit("types", "a", {
    title: "change types",
    change: "a: types [x | y]",
    expect: { replace: { aws_eks_node_group: { count: 1, order: "create-before-destroy", reason: "new group first" } } },
    note: "keeps compute",
  });

  it("describes a new stack's outcome as the model's creates", () => {
    expect(outcomeText(edit("new", "c", { newStack: true }))).toBe("creates the new stack as the model says (every resource a create)");
  });

  it("writes one row per edit between the markers, with the replacement's reason and the note, pipes escaped", () => {
    const table = editTableMarkdown([replaceGroup]);
    expect(table.split("\n")[0]).toBe(README_TABLE_START);
    expect(table.split("\n").at(-1)).toBe(README_TABLE_END);
    expect(table).toContain(
      "| change types | a: types [x \\| y] | replaces 1 aws_eks_node_group (create-before-destroy) | aws_eks_node_group replaced create-before-destroy: new group first. keeps compute |",
    );
  });
});
