/**
 * Runs the policy rules over synthesized stacks and applies the recorded exceptions.
 * Input is Terraform JSON (a parsed cdk.tf.json, or the string `Testing.synth(stack)` returns).
 * No constructs.
 */
import { assertAllowedExceptions, exceptionCovers, type PolicyException } from "./exceptions";
import { ALL_RULES } from "./rules";
import { StackContext } from "./stack-context";
import type { Finding, PolicyOptions, PolicyRule, TfJson } from "./types";

/** A synthesized stack by name. */
export interface SynthesizedStack {
  readonly name: string;
  /** The stack's Terraform JSON, parsed or as text. */
  readonly json: TfJson | string;
}

export interface WaivedFinding {
  readonly finding: Finding;
  readonly exception: PolicyException;
}

export interface PolicyReport {
  readonly rules: readonly PolicyRule[];
  readonly stacks: readonly string[];
  /** Findings no exception covers: any one fails the run. */
  readonly findings: readonly Finding[];
  /** Findings an exception covers. */
  readonly waived: readonly WaivedFinding[];
  /** Exceptions that covered nothing in these stacks. */
  readonly unusedExceptions: readonly PolicyException[];
}

export interface RunPolicyOptions extends PolicyOptions {
  /** @default ALL_RULES */
  readonly rules?: readonly PolicyRule[];
  /** @default - none */
  readonly exceptions?: readonly PolicyException[];
  /** Exceptions the environments file records (`policyOptionsFor(org).modelExceptions`), applied with `exceptions`. @default - none */
  readonly modelExceptions?: readonly PolicyException[];
}

/** Every finding of `rules` in one stack, exceptions not applied. */
export function evaluateStack(
  name: string,
  json: TfJson | string,
  rules: readonly PolicyRule[] = ALL_RULES,
  options: PolicyOptions = {},
): Finding[] {
  const ctx = new StackContext(name, typeof json === "string" ? (JSON.parse(json) as TfJson) : json, options);
  const findings: Finding[] = [];
  for (const rule of rules) {
    for (const resource of ctx.resources(...rule.resourceTypes)) {
      for (const result of rule.check(resource, ctx)) {
        const { message, detail } = typeof result === "string" ? { message: result, detail: undefined } : result;
        findings.push({ ruleId: rule.id, stack: name, address: resource.address, message, ...(detail ? { detail } : {}) });
      }
    }
  }
  return findings;
}

/** Runs every rule over every stack and sorts the findings into failing and waived. */
export function runPolicy(stacks: readonly SynthesizedStack[], options: RunPolicyOptions = {}): PolicyReport {
  const rules = options.rules ?? ALL_RULES;
  const exceptions = [...(options.exceptions ?? []), ...(options.modelExceptions ?? [])];
  assertAllowedExceptions(exceptions);
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const used = new Set<PolicyException>();
  const findings: Finding[] = [];
  const waived: WaivedFinding[] = [];
  for (const stack of stacks) {
    for (const finding of evaluateStack(stack.name, stack.json, rules, options)) {
      const rule = ruleById.get(finding.ruleId)!;
      const exception = exceptions.find((e) => exceptionCovers(e, finding, rule));
      if (exception) {
        used.add(exception);
        waived.push({ finding, exception });
      } else findings.push(finding);
    }
  }
  return {
    rules,
    stacks: stacks.map((s) => s.name),
    findings,
    waived,
    unusedExceptions: exceptions.filter((e) => !used.has(e)),
  };
}

/** The report as text: findings by stack, exceptions applied, and the totals line. */
export function formatReport(report: PolicyReport): string {
  const lines: string[] = [];
  const byStack = new Map<string, Finding[]>();
  for (const f of report.findings) byStack.set(f.stack, [...(byStack.get(f.stack) ?? []), f]);
  for (const [stack, findings] of byStack) {
    lines.push(`${stack}:`);
    for (const f of findings) lines.push(`  ${f.ruleId} ${f.address}: ${f.message}`);
  }
  if (report.waived.length) {
    lines.push("exceptions applied (policy/exceptions.yaml, or the environments file where named):");
    for (const { finding: f, exception: e } of report.waived) lines.push(`  ${e.rule} ${f.stack}/${f.address}: ${e.rationale}${e.source ? ` [${e.source}]` : ""}`);
  }
  for (const e of report.unusedExceptions) lines.push(`note: exception ${e.rule} ${e.stack ?? "*"}/${e.resource} matched nothing`);
  lines.push(`${report.rules.length} rules x ${report.stacks.length} stacks, ${report.findings.length} findings`);
  return lines.join("\n");
}
