/**
 * Policy exceptions: the one file that records them (policy/exceptions.yaml, like a
 * `.checkov.yaml` / `.trivyignore`), and the closed list of rule ids POLICY.md allows an
 * exception for. An entry naming any other rule id is refused, not ignored. No constructs.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { Finding, PolicyRule } from "./types";

/** One rule id POLICY.md lets the project waive, and the condition a waived finding must meet. */
export interface AllowedException {
  readonly rule: string;
  /** Where POLICY.md allows it, in its words. */
  readonly scope: string;
  /** Facts the finding must show for the exception to apply. @default - any finding of the rule */
  readonly waives?: (finding: Finding) => boolean;
}

const OPEN = ["0.0.0.0/0", "::/0"];
const webPortsOnly = (f: Finding) => {
  const d = f.detail ?? {};
  return ["tcp", "6"].includes(String(d.protocol).toLowerCase()) && d.fromPort === d.toPort && (d.fromPort === 443 || d.fromPort === 80);
};
const limitedPublicEndpoint = (f: Finding) => {
  const cidrs = (f.detail?.publicAccessCidrs ?? []) as string[];
  return cidrs.length > 0 && !cidrs.some((c) => OPEN.includes(c));
};
const accessLogBucket = (f: Finding) => f.detail?.accessLogTarget === true;

/**
 * The exceptions POLICY.md lists in its section "Listed exceptions" (the project's policy page,
 * ../shared/POLICY.md from the repository root). Keep this list and that section identical:
 * nothing else may be waived, and `waives` encodes the condition POLICY.md puts on each.
 */
export const ALLOWED_EXCEPTIONS: readonly AllowedException[] = [
  { rule: "AWS-0104", scope: "egress to 0.0.0.0/0 on TCP 443 (80 only if the model asks), never all ports", waives: webPortsOnly },
  { rule: "CKV_AWS_144", scope: "state bucket: cross-region replication" },
  { rule: "CKV2_AWS_62", scope: "state bucket: event notifications" },
  { rule: "CKV_AWS_143", scope: "state bucket: object lock" },
  { rule: "CKV_AWS_18", scope: "the access-log bucket: no access logging of its own", waives: accessLogBucket },
  {
    rule: "AWS-0132",
    scope: "the access-log bucket: SSE-S3, as S3 log delivery requires",
    waives: (f) => accessLogBucket(f) && f.detail?.sseAlgorithm === "AES256",
  },
  { rule: "AWS-0040", scope: "a public endpoint an operator configured with CIDRs (CKV_AWS_38 still holds)", waives: limitedPublicEndpoint },
  { rule: "AWS-0041", scope: "a public endpoint an operator configured with CIDRs (CKV_AWS_38 still holds)", waives: limitedPublicEndpoint },
];

/** One entry of policy/exceptions.yaml. */
export interface PolicyException {
  /** A rule id from ALLOWED_EXCEPTIONS (a rule's primary id or alias). */
  readonly rule: string;
  /** Resource address or glob (`aws_s3_bucket.access-logs`, `aws_security_group.*`). */
  readonly resource: string;
  /** Stack name or glob. @default "*" */
  readonly stack?: string;
  /** Why the exception is acceptable. */
  readonly rationale: string;
  /** Where it is recorded, when not in policy/exceptions.yaml (the environments file's field). @default - policy/exceptions.yaml */
  readonly source?: string;
}

/** The project's exceptions file. */
export const DEFAULT_EXCEPTIONS_FILE = join(__dirname, "..", "..", "policy", "exceptions.yaml");

export class PolicyExceptionError extends Error {
  constructor(
    public readonly source: string,
    public readonly problems: readonly string[],
  ) {
    super(`${source}: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "PolicyExceptionError";
  }
}

const KEYS = ["rule", "resource", "stack", "rationale"];

/** Parses and checks exceptions YAML (`exceptions: [...]`); throws PolicyExceptionError listing every problem. */
export function parseExceptions(text: string, source = "exceptions file"): PolicyException[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new PolicyExceptionError(source, [`not YAML: ${(e as Error).message.split("\n")[0]}`]);
  }
  const list = doc === null || doc === undefined ? [] : (doc as { exceptions?: unknown }).exceptions ?? [];
  if (!Array.isArray(list)) throw new PolicyExceptionError(source, ["exceptions: must be a list"]);
  const allowed = ALLOWED_EXCEPTIONS.map((a) => a.rule);
  const problems: string[] = [];
  list.forEach((entry: unknown, i) => {
    const at = `exceptions[${i}]`;
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) {
      problems.push(`${at}: must be a mapping with rule, resource, rationale`);
      return;
    }
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e).filter((k) => !KEYS.includes(k))) problems.push(`${at}.${key}: unknown key; allowed keys: ${KEYS.join(", ")}`);
    if (typeof e.rule !== "string" || !allowed.includes(e.rule)) {
      problems.push(
        `${at}.rule: ${JSON.stringify(e.rule)} is not an exception POLICY.md allows; allowed: ${allowed.join(", ")}. Fix the resource instead.`,
      );
    }
    if (typeof e.resource !== "string" || e.resource.trim() === "") problems.push(`${at}.resource: required, a resource address or glob`);
    if (e.stack !== undefined && (typeof e.stack !== "string" || e.stack.trim() === "")) problems.push(`${at}.stack: must be a stack name or glob`);
    if (typeof e.rationale !== "string" || e.rationale.trim() === "") problems.push(`${at}.rationale: required, say why the exception is acceptable`);
  });
  if (problems.length) throw new PolicyExceptionError(source, problems);
  return list.map((e: Record<string, string>) => ({
    rule: e.rule,
    resource: e.resource,
    ...(e.stack !== undefined ? { stack: e.stack } : {}),
    rationale: e.rationale.trim(),
  }));
}

/** Throws PolicyExceptionError when an exception names a rule POLICY.md does not allow, or has no rationale. */
export function assertAllowedExceptions(exceptions: readonly PolicyException[], source = "exceptions"): void {
  parseExceptions(JSON.stringify({ exceptions: exceptions.map(({ source: _where, ...e }) => e) }), source);
}

/** Reads the exceptions file (the project's by default). */
export function loadExceptionsFile(path: string = DEFAULT_EXCEPTIONS_FILE): PolicyException[] {
  return parseExceptions(readFileSync(path, "utf8"), path);
}

/** `*` matches any run of characters, `?` one. */
export function globMatches(glob: string, value: string): boolean {
  const re = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${re}$`).test(value);
}

/** True when `exception` waives `finding` of `rule`: same rule (any of its ids), resource and stack match, and the allowed condition holds. */
export function exceptionCovers(exception: PolicyException, finding: Finding, rule: PolicyRule): boolean {
  if (exception.rule !== rule.id && !rule.aliases.includes(exception.rule)) return false;
  if (!globMatches(exception.resource, finding.address)) return false;
  if (!globMatches(exception.stack ?? "*", finding.stack)) return false;
  const allowed = ALLOWED_EXCEPTIONS.find((a) => a.rule === exception.rule);
  if (!allowed) return false;
  return allowed.waives ? allowed.waives(finding) : true;
}
