/**
 * A small evaluator of IAM policy statements (the shape policy-document.ts parses), enough to
 * prove access properties of the synthesized policies: Allow and Deny, actions and NotAction,
 * resources with `*` and `?` wildcards, principals, and the condition operators this project
 * writes (String*, Arn*, Bool, Null, with `IfExists` and `ForAllValues:` / `ForAnyValue:`).
 * An operator it does not know throws: an unknown condition must never read as "holds".
 *
 * Cross-policy decision (IAM User Guide, "Policy evaluation logic", simplified to what the
 * state account needs): an explicit Deny anywhere wins; within one account an S3 request is
 * allowed by an identity or a bucket-policy Allow, a KMS request or a role assumption needs the
 * key or trust policy to allow the principal itself or to delegate to its account (the `:root`
 * principal) with an identity Allow; across accounts both sides must allow. SCPs, permission
 * boundaries and session policies are not modelled. No constructs.
 */
import { actionMatches, type Condition, type Principal, type Statement } from "./policy-document";

/** One request to decide. */
export interface AccessRequest {
  /** ARN of the calling principal: a role (an assumed-role session's `aws:PrincipalArn`) or a user. */
  readonly principalArn: string;
  /** The action, e.g. `s3:PutObject`. */
  readonly action: string;
  /** The resource ARN, e.g. `arn:aws:s3:::bucket/key`. */
  readonly resource: string;
  /**
   * Request context keys. `aws:PrincipalArn` and `aws:PrincipalAccount` are added from
   * `principalArn`. @default {}
   */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

/** How the resource's own policy takes part in the decision. */
export type ResourcePolicyKind = "s3" | "kms" | "trust";

export interface PolicySet {
  /** Identity policies of the principal (inline and attached). */
  readonly identity: readonly Statement[];
  /** The resource's policy (bucket policy, key policy, role trust policy). @default [] */
  readonly resource?: readonly Statement[];
  /** Account that owns the resource. */
  readonly resourceAccount: string;
  readonly kind: ResourcePolicyKind;
}

/** The account id in an IAM or STS ARN. */
export function accountOf(arn: string): string {
  return arn.split(":")[4] ?? "";
}

function wildcard(pattern: string, value: string, ignoreCase = false): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${re}$`, ignoreCase ? "i" : "").test(value);
}

/** True when `resource` is matched by one of the statement's Resource patterns (or not by its NotResource). */
export function resourceMatches(s: Statement, resource: string): boolean {
  if (s.notResources.length) return !s.notResources.some((p) => wildcard(p, resource));
  // A statement without Resource is a trust or key policy statement: it applies to its resource.
  return s.resources.length === 0 || s.resources.some((p) => wildcard(p, resource));
}

function actionMatchesStatement(s: Statement, action: string): boolean {
  if (s.notActions.length) return !s.notActions.some((p) => actionMatches(p, action));
  return s.actions.some((p) => actionMatches(p, action));
}

/** How a resource-policy statement's principals name the caller: itself, its account, or not at all. */
export function principalMatch(principals: readonly Principal[], principalArn: string): "direct" | "account" | "none" {
  const account = accountOf(principalArn);
  let result: "direct" | "account" | "none" = "none";
  for (const p of principals) {
    if (p.type !== "AWS" && p.type !== "*") continue;
    for (const id of p.identifiers) {
      if (id === "*" || id === principalArn) return "direct";
      if (id === account || id === `arn:${principalArn.split(":")[1]}:iam::${account}:root`) result = "account";
    }
  }
  return result;
}

function contextValues(request: AccessRequest, key: string): string[] | undefined {
  const builtIn: Record<string, string> = {
    "aws:principalarn": request.principalArn,
    "aws:principalaccount": accountOf(request.principalArn),
  };
  const lower = key.toLowerCase();
  const found = Object.entries(request.context ?? {}).find(([k]) => k.toLowerCase() === lower);
  if (found) return typeof found[1] === "string" ? [found[1]] : [...found[1]];
  return builtIn[lower] !== undefined ? [builtIn[lower]] : undefined;
}

const MATCHERS: Record<string, { negated: boolean; match: (pattern: string, value: string) => boolean }> = {
  StringEquals: { negated: false, match: (p, v) => p === v },
  StringNotEquals: { negated: true, match: (p, v) => p === v },
  StringEqualsIgnoreCase: { negated: false, match: (p, v) => p.toLowerCase() === v.toLowerCase() },
  StringNotEqualsIgnoreCase: { negated: true, match: (p, v) => p.toLowerCase() === v.toLowerCase() },
  StringLike: { negated: false, match: (p, v) => wildcard(p, v) },
  StringNotLike: { negated: true, match: (p, v) => wildcard(p, v) },
  ArnEquals: { negated: false, match: (p, v) => wildcard(p, v) },
  ArnLike: { negated: false, match: (p, v) => wildcard(p, v) },
  ArnNotEquals: { negated: true, match: (p, v) => wildcard(p, v) },
  ArnNotLike: { negated: true, match: (p, v) => wildcard(p, v) },
  Bool: { negated: false, match: (p, v) => p.toLowerCase() === v.toLowerCase() },
};

/** Whether one condition holds for the request (IAM semantics for missing keys and multiple values). */
export function conditionHolds(c: Condition, request: AccessRequest): boolean {
  const values = contextValues(request, c.variable);
  if (c.test === "Null") {
    const wantsMissing = c.values.some((v) => v.toLowerCase() === "true");
    return wantsMissing ? values === undefined : values !== undefined;
  }
  const setMatch = /^(ForAllValues|ForAnyValue):(.+)$/.exec(c.test);
  const operator = (setMatch ? setMatch[2] : c.test).replace(/IfExists$/, "");
  const ifExists = c.test.endsWith("IfExists");
  const matcher = MATCHERS[operator];
  if (!matcher) throw new Error(`policy-evaluator: condition operator ${c.test} is not supported`);
  if (values === undefined) {
    // A missing key: IfExists and ForAllValues hold; a negated operator holds; any other does not.
    return ifExists || setMatch?.[1] === "ForAllValues" || (matcher.negated && !setMatch);
  }
  const matchesAny = (v: string) => c.values.some((p) => matcher.match(p, v));
  if (setMatch?.[1] === "ForAllValues") return values.every((v) => (matcher.negated ? !matchesAny(v) : matchesAny(v)));
  if (setMatch?.[1] === "ForAnyValue") return values.some((v) => (matcher.negated ? !matchesAny(v) : matchesAny(v)));
  // A single-valued key: a positive operator holds when a value matches, a negated one when none does.
  return matcher.negated ? !values.some(matchesAny) : values.some(matchesAny);
}

/** Statements of `statements` that apply to the request (principals are not checked here). */
export function applicableStatements(statements: readonly Statement[], request: AccessRequest): Statement[] {
  return statements.filter(
    (s) => actionMatchesStatement(s, request.action) && resourceMatches(s, request.resource) && s.conditions.every((c) => conditionHolds(c, request)),
  );
}

/** Resource-policy statements that apply to the request and name the caller (or everyone). */
function resourceStatements(statements: readonly Statement[], request: AccessRequest) {
  return applicableStatements(statements, request)
    .map((s) => ({
      s,
      // NotPrincipal applies to everyone it does not name.
      by: s.notPrincipals.length ? (principalMatch(s.notPrincipals, request.principalArn) === "none" ? "direct" : "none") : principalMatch(s.principals, request.principalArn),
    }))
    .filter((x) => x.by !== "none");
}

/** The decision for one request against the principal's identity policies and the resource's policy. */
export function isAllowed(request: AccessRequest, policies: PolicySet): boolean {
  const identity = applicableStatements(policies.identity, request);
  const resource = resourceStatements(policies.resource ?? [], request);
  if (identity.some((s) => s.effect === "Deny") || resource.some((x) => x.s.effect === "Deny")) return false;
  const identityAllows = identity.some((s) => s.effect === "Allow");
  const allows = resource.filter((x) => x.s.effect === "Allow");
  const direct = allows.some((x) => x.by === "direct");
  const viaAccount = allows.some((x) => x.by === "account");
  if (accountOf(request.principalArn) !== policies.resourceAccount) return (direct || viaAccount) && identityAllows;
  if (policies.kind === "s3") return identityAllows || direct;
  return direct || (viaAccount && identityAllows);
}
