/**
 * IAM policy documents in synthesized Terraform, whatever their form: a
 * `data.aws_iam_policy_document` (statement blocks, source/override documents), a literal JSON
 * string, or a `${jsonencode(...)}` expression. All become one statement shape. No constructs.
 */
import { decodeJsonencode } from "./hcl-expression";
import type { StackContext } from "./stack-context";
import { blocks, strings } from "./stack-context";
import type { PolicyResource, TfBlock } from "./types";

export interface Principal {
  /** `AWS`, `Service`, `Federated`, `CanonicalUser` or `*`. */
  readonly type: string;
  readonly identifiers: readonly string[];
}

export interface Condition {
  /** Operator, e.g. `StringEquals`, `Bool`. */
  readonly test: string;
  /** Context key, e.g. `aws:SecureTransport`, `oidc.eks...:sub`. */
  readonly variable: string;
  readonly values: readonly string[];
}

export interface Statement {
  readonly sid?: string;
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly principals: readonly Principal[];
  readonly notPrincipals: readonly Principal[];
  readonly conditions: readonly Condition[];
}

export interface PolicyDocumentResult {
  /** `none`: no document; `unreadable`: an expression the engine cannot evaluate. */
  readonly kind: "none" | "unreadable" | "document";
  readonly statements: readonly Statement[];
  /** The data source the value referenced, when it referenced one. */
  readonly source?: PolicyResource;
  /** Why the document could not be read. */
  readonly reason?: string;
}

const DOC_TYPE = "data.aws_iam_policy_document";

/** The policy document `value` holds or references. */
export function policyDocumentOf(value: unknown, ctx: StackContext): PolicyDocumentResult {
  if (value === undefined || value === null || value === "") return { kind: "none", statements: [] };
  if (typeof value === "object") return { kind: "document", statements: statementsFromJson(value) };
  if (typeof value !== "string") return { kind: "unreadable", statements: [], reason: `not a document: ${String(value)}` };
  const dataRef = /^\$\{(data\.aws_iam_policy_document\.[\w-]+)\.(json|minified_json)\}$/.exec(value.trim());
  if (dataRef) {
    const source = ctx.byAddress(dataRef[1]);
    if (!source) return { kind: "unreadable", statements: [], reason: `${dataRef[1]} is not in the stack` };
    return { kind: "document", statements: dataSourceStatements(source, ctx), source };
  }
  if (/^\s*\$\{\s*jsonencode\(/.test(value)) {
    const decoded = decodeJsonencode(value);
    if (decoded === undefined) return { kind: "unreadable", statements: [], reason: "jsonencode expression the engine cannot read" };
    return { kind: "document", statements: statementsFromJson(decoded) };
  }
  try {
    return { kind: "document", statements: statementsFromJson(JSON.parse(value)) };
  } catch {
    return { kind: "unreadable", statements: [], reason: `not JSON and not a policy document reference: ${value.slice(0, 80)}` };
  }
}

/** Statements of a `data.aws_iam_policy_document`, its source and override documents included. */
export function dataSourceStatements(source: PolicyResource, ctx: StackContext, seen = new Set<string>()): Statement[] {
  if (seen.has(source.address)) return [];
  seen.add(source.address);
  const body = source.body;
  const included = [...strings(body.source_policy_documents), ...strings(body.override_policy_documents)].flatMap((doc) => {
    const ref = ctx.resolve(doc, DOC_TYPE);
    if (ref && /^\$\{data\.aws_iam_policy_document\.[\w-]+\.(json|minified_json)\}$/.test(doc.trim())) {
      return dataSourceStatements(ref, ctx, seen);
    }
    return policyDocumentOf(doc, ctx).statements;
  });
  return [...included, ...ownStatements(source)];
}

/** The statements written in a data source itself (its source and override documents left out). */
export function ownStatements(source: PolicyResource): Statement[] {
  return blocks(source.body.statement).map(statementFromBlock);
}

function statementFromBlock(b: TfBlock): Statement {
  const principals = (v: unknown): Principal[] =>
    blocks(v).map((p) => ({ type: String(p.type ?? ""), identifiers: strings(p.identifiers) }));
  return {
    sid: typeof b.sid === "string" ? b.sid : undefined,
    effect: b.effect === "Deny" ? "Deny" : "Allow",
    actions: strings(b.actions),
    notActions: strings(b.not_actions),
    resources: strings(b.resources),
    notResources: strings(b.not_resources),
    principals: principals(b.principals),
    notPrincipals: principals(b.not_principals),
    conditions: blocks(b.condition).map((c) => ({
      test: String(c.test ?? ""),
      variable: String(c.variable ?? ""),
      values: strings(c.values),
    })),
  };
}

/** Statements of a policy in IAM JSON grammar (already parsed). */
export function statementsFromJson(doc: unknown): Statement[] {
  if (!doc || typeof doc !== "object") return [];
  const raw = (doc as { Statement?: unknown }).Statement;
  return blocks(raw).map((s) => ({
    sid: typeof s.Sid === "string" ? s.Sid : undefined,
    effect: s.Effect === "Deny" ? "Deny" : "Allow",
    actions: strings(s.Action),
    notActions: strings(s.NotAction),
    resources: strings(s.Resource),
    notResources: strings(s.NotResource),
    principals: principalsFromJson(s.Principal),
    notPrincipals: principalsFromJson(s.NotPrincipal),
    conditions: conditionsFromJson(s.Condition),
  }));
}

function principalsFromJson(p: unknown): Principal[] {
  if (p === undefined || p === null) return [];
  if (typeof p === "string") return [{ type: p === "*" ? "*" : "AWS", identifiers: [p] }];
  if (typeof p !== "object") return [];
  return Object.entries(p as Record<string, unknown>).map(([type, ids]) => ({ type, identifiers: strings(ids) }));
}

function conditionsFromJson(c: unknown): Condition[] {
  if (!c || typeof c !== "object") return [];
  return Object.entries(c as Record<string, unknown>).flatMap(([test, byKey]) =>
    byKey && typeof byKey === "object"
      ? Object.entries(byKey as Record<string, unknown>).map(([variable, values]) => ({
          test,
          variable,
          values: strings(Array.isArray(values) ? values.map(String) : values === undefined ? [] : [String(values)]),
        }))
      : [],
  );
}

/** `*` (anonymous) or `{"AWS": "*"}`: anyone. */
export function isWildcardPrincipal(p: Principal): boolean {
  return (p.type === "*" || p.type === "AWS") && p.identifiers.includes("*");
}

/** An action pattern matches an action name, IAM-style (case-insensitive, `*` and `?`). */
export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
  return re.test(action);
}
