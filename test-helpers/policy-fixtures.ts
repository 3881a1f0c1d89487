/**
 * Fixtures for the policy rule tests: a tiny Terraform JSON builder and the shared check that
 * every rule flags its failing fixtures and passes its passing one (so no rule is vacuous).
 */
import { evaluateStack } from "../src/policy/engine";
import type { PolicyRule, TfJson } from "../src/policy/types";

/** One block of a stack: [type (`data.` prefix for data sources), name, body]. */
export type Part = [string, string, Record<string, unknown>];

/** A stack's Terraform JSON from [type, name, body] parts. */
export function stack(...parts: Part[]): TfJson {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [type, name, body] of parts) {
    const [section, t] = type.startsWith("data.") ? ["data", type.slice(5)] : ["resource", type];
    ((out[section] ??= {})[t] ??= {})[name] = body;
  }
  return out as TfJson;
}

/** Per rule id: stacks that must be flagged (with a message matching `message`) and one that must pass. */
export type RuleCases = Record<string, { fail: TfJson[]; pass: TfJson; message: RegExp }>;

/** Declares, inside a describe block, that every rule has cases and behaves on them. */
export function itChecksEveryRuleAgainstItsFixtures(rules: readonly PolicyRule[], cases: RuleCases): void {
  it("has failing and passing fixtures for every rule", () => {
    expect(Object.keys(cases).sort()).toEqual(rules.map((r) => r.id).sort());
  });

  describe.each(rules.map((r) => [r.id, r] as const))("%s", (id, rule) => {
    it.each(cases[id].fail.map((json, i) => [i, json] as const))("flags failing fixture %i", (_i, json) => {
      const findings = evaluateStack("test", json, [rule]);
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.every((f) => f.ruleId === id)).toBe(true);
      expect(findings.map((f) => f.message).join("\n")).toMatch(cases[id].message);
    });

    it("passes its passing fixture", () => {
      expect(evaluateStack("test", cases[id].pass, [rule])).toEqual([]);
    });
  });
}
