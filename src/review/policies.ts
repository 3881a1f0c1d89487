/**
 * IAM and KMS policy documents in a plan, as readable statements: the policies a change adds or
 * changes (trust policies, inline and managed policies, key, bucket, topic, queue and endpoint
 * policies). A document only known after apply (an `aws_iam_policy_document` data source fed by
 * a resource attribute) is rendered from the plan's configuration section instead: its statement
 * blocks with each reference shown as a placeholder, so that every trust policy can be read
 * before it exists. Pure.
 */
import { configAddress, configResources, isUnknown, valueAt, type ConfigExpression, type ConfigExpressions, type PlanJson, type PlanResourceChange } from "./plan-json";

/** One statement, normalized: every list a list, principals and conditions flattened. */
export interface ReadableStatement {
  readonly sid?: string;
  readonly effect: string;
  /** `Action` or, with `notActions`, `NotAction`. */
  readonly actions: readonly string[];
  readonly notActions?: boolean;
  readonly resources: readonly string[];
  readonly notResources?: boolean;
  /** `Service: eks.amazonaws.com`, `AWS: arn:...`, `*`. */
  readonly principals: readonly string[];
  readonly notPrincipals?: boolean;
  /** `StringEquals <key> = <value>, <value>`. */
  readonly conditions: readonly string[];
}

/** A policy the plan adds or changes. */
export interface PolicyChange {
  /** The resource holding it. */
  readonly address: string;
  /** Its attribute, e.g. `assume_role_policy`, `policy`, `inline_policy[0].policy`. */
  readonly attribute: string;
  /** What the policy is, in words: `trust policy`, `key policy`, `policy`. */
  readonly what: string;
  readonly kind: "added" | "changed";
  /** Statements added, or changed (new version), against the prior document. */
  readonly statements: readonly ReadableStatement[];
  /** Statements the prior document had and the new one has not. */
  readonly removed: readonly ReadableStatement[];
  /** Set when the document is only known after apply and was rendered from the configuration. */
  readonly fromConfiguration?: string;
  /** Set when the document could not be rendered at all (why). */
  readonly unreadable?: string;
  /** For a policy attachment: the policy attached (its ARN, or a placeholder) and to what. */
  readonly attachment?: { readonly policy: string; readonly to: string };
}

/** Attachment types: the attribute naming the policy, and the one naming what it is attached to. */
const ATTACHMENTS: Readonly<Record<string, readonly [string, string]>> = {
  aws_iam_role_policy_attachment: ["policy_arn", "role"],
  aws_iam_user_policy_attachment: ["policy_arn", "user"],
  aws_iam_group_policy_attachment: ["policy_arn", "group"],
  aws_iam_policy_attachment: ["policy_arn", "roles"],
};

/** Resource types and the attributes that hold a policy document, with what it is called. */
const POLICY_ATTRIBUTES: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  aws_iam_role: [["assume_role_policy", "trust policy"]],
  aws_iam_role_policy: [["policy", "inline policy"]],
  aws_iam_policy: [["policy", "managed policy"]],
  aws_iam_user_policy: [["policy", "inline policy"]],
  aws_iam_group_policy: [["policy", "inline policy"]],
  aws_kms_key: [["policy", "key policy"]],
  aws_kms_key_policy: [["policy", "key policy"]],
  aws_s3_bucket_policy: [["policy", "bucket policy"]],
  aws_sns_topic_policy: [["policy", "topic policy"]],
  aws_sns_topic: [["policy", "topic policy"]],
  aws_sqs_queue_policy: [["policy", "queue policy"]],
  aws_vpc_endpoint: [["policy", "endpoint policy"]],
  aws_vpc_endpoint_policy: [["policy", "endpoint policy"]],
  aws_ecr_repository_policy: [["policy", "repository policy"]],
  aws_secretsmanager_secret_policy: [["policy", "secret policy"]],
  aws_cloudwatch_log_resource_policy: [["policy_document", "log resource policy"]],
};

/** Every policy the plan's managed resources add or change, in plan order. */
export function policyChanges(plan: PlanJson): PolicyChange[] {
  const out: PolicyChange[] = [];
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode !== "managed") continue;
    const a = rc.change.actions;
    if (!a.includes("create") && !a.includes("update")) continue;
    for (const [attribute, what] of POLICY_ATTRIBUTES[rc.type] ?? []) {
      const change = attributeChange(plan, rc, attribute, what);
      if (change) out.push(change);
    }
    const attachment = ATTACHMENTS[rc.type] && attachmentChange(plan, rc, ...ATTACHMENTS[rc.type]);
    if (attachment) out.push(attachment);
  }
  return out;
}

/** A policy attached by a create (or re-pointed by an update): the policy and its holder, placeholders where unknown. */
function attachmentChange(plan: PlanJson, rc: PlanResourceChange, policyAttr: string, toAttr: string): PolicyChange | undefined {
  const config = configResources(plan).get(configAddress(rc.address));
  const value = (attr: string): string => {
    const v = valueAt(rc.change.after, [attr]);
    if (v !== null && v !== undefined && !isUnknown(rc.change.after_unknown, [attr])) return Array.isArray(v) ? v.join(", ") : String(v);
    const e = config?.expressions?.[attr] as ConfigExpression | undefined;
    return e ? expressionStrings(e).join(", ") || "‹known after apply›" : "‹known after apply›";
  };
  const before = valueAt(rc.change.before, [policyAttr]);
  const policy = value(policyAttr);
  const same = (attr: string) => JSON.stringify(valueAt(rc.change.before, [attr])) === JSON.stringify(valueAt(rc.change.after, [attr])) && !isUnknown(rc.change.after_unknown, [attr]);
  if (before !== null && before !== undefined && same(policyAttr) && same(toAttr)) return undefined;
  return { address: rc.address, attribute: policyAttr, what: "policy attachment", kind: before ? "changed" : "added", statements: [], removed: [], attachment: { policy, to: value(toAttr) } };
}

/** The policy at `attribute` of one resource change, when it is added or changed. */
function attributeChange(plan: PlanJson, rc: PlanResourceChange, attribute: string, what: string): PolicyChange | undefined {
  const before = parseDocument(valueAt(rc.change.before, [attribute]));
  const kind = before ? "changed" : "added";
  if (isUnknown(rc.change.after_unknown, [attribute])) {
    // An attribute the configuration does not set is the provider's computed copy (an SNS
    // topic's policy, written by its aws_sns_topic_policy, which is reported on its own).
    const own = configResources(plan).get(configAddress(rc.address));
    if (own && own.expressions?.[attribute] === undefined) return undefined;
    const rendered = statementsFromConfiguration(plan, rc.address, attribute);
    const base = { address: rc.address, attribute, what, kind, removed: [] } as const;
    if ("error" in rendered) return { ...base, statements: [], unreadable: rendered.error };
    return { ...base, statements: rendered.statements, fromConfiguration: rendered.source };
  }
  const afterValue = valueAt(rc.change.after, [attribute]);
  if (afterValue === null || afterValue === undefined || afterValue === "") return undefined;
  const after = parseDocument(afterValue);
  if (!after) return { address: rc.address, attribute, what, kind, statements: [], removed: [], unreadable: "the value is not a JSON policy document" };
  const beforeKeys = new Set((before ?? []).map(statementKey));
  const afterKeys = new Set(after.map(statementKey));
  const added = after.filter((s) => !beforeKeys.has(statementKey(s)));
  const removed = (before ?? []).filter((s) => !afterKeys.has(statementKey(s)));
  if (added.length === 0 && removed.length === 0) return undefined;
  return { address: rc.address, attribute, what, kind, statements: added, removed };
}

/** A statement's identity for comparing two versions of a document. */
function statementKey(s: ReadableStatement): string {
  return JSON.stringify(s);
}

/** A policy JSON string (or object) as readable statements; undefined when it is not one. */
export function parseDocument(value: unknown): ReadableStatement[] | undefined {
  let doc: unknown = value;
  if (typeof value === "string") {
    try {
      doc = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!doc || typeof doc !== "object") return undefined;
  const raw = (doc as { Statement?: unknown }).Statement;
  if (raw === undefined) return undefined;
  return (Array.isArray(raw) ? raw : [raw]).map((s) => readableStatement(s as Record<string, unknown>));
}

const list = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/** One statement of a policy JSON document, normalized. */
export function readableStatement(s: Record<string, unknown>): ReadableStatement {
  const principals = (p: unknown): string[] => {
    if (p === undefined || p === null) return [];
    if (typeof p === "string") return [p];
    return Object.entries(p as Record<string, unknown>).flatMap(([type, ids]) => list(ids).map((id) => `${type}: ${id}`));
  };
  const conditions = Object.entries((s.Condition ?? {}) as Record<string, Record<string, unknown>>).flatMap(([test, entries]) =>
    Object.entries(entries).map(([key, values]) => `${test} ${key} = ${list(values).join(", ")}`),
  );
  return {
    ...(typeof s.Sid === "string" && s.Sid !== "" ? { sid: s.Sid } : {}),
    effect: String(s.Effect ?? "Allow"),
    actions: list(s.Action ?? s.NotAction),
    ...(s.NotAction !== undefined ? { notActions: true } : {}),
    resources: list(s.Resource ?? s.NotResource),
    ...(s.NotResource !== undefined ? { notResources: true } : {}),
    principals: principals(s.Principal ?? s.NotPrincipal),
    ...(s.NotPrincipal !== undefined ? { notPrincipals: true } : {}),
    conditions,
  };
}

/** A `replace(<ref>, "<from>", "<to>")` call, as cdktf writes it for IRSA condition keys. */
const REPLACE_CALL = /^replace\(\s*([^,]+?)\s*,\s*"((?:[^"\\]|\\.)*)"\s*,\s*"((?:[^"\\]|\\.)*)"\s*\)$/;

/**
 * A configuration string with each `${...}` interpolation as a readable placeholder:
 * `${aws_iam_openid_connect_provider.x.arn}` -> `‹aws_iam_openid_connect_provider.x.arn›`,
 * `${replace(<ref>, "https://", "")}` -> `‹<ref> without "https://"›`.
 */
export function placeholderText(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf("${", i);
    if (start < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, start);
    // The interpolation ends at its matching brace (string literals inside may hold braces).
    let depth = 0;
    let j = start + 2;
    let inString = false;
    for (; j < text.length; j++) {
      const c = text[j];
      if (inString) {
        if (c === "\\") j++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === "{") depth++;
      else if (c === "}") {
        if (depth === 0) break;
        depth--;
      }
    }
    const inner = text.slice(start + 2, j).trim();
    const call = REPLACE_CALL.exec(inner);
    out += call ? `‹${call[1]} without ${JSON.stringify(JSON.parse(`"${call[2]}"`))}›` : `‹${inner}›`;
    i = j + 1;
  }
  return out;
}

/** An expression's value as readable strings: literals as they are, interpolations as placeholders. */
function expressionStrings(e: ConfigExpression | undefined): string[] {
  if (!e) return [];
  if (e.constant_value === undefined) return e.references && e.references.length > 0 ? [`‹${e.references[0]}›`] : [];
  return list(e.constant_value).map(placeholderText);
}

const expr = (block: ConfigExpressions, key: string) => block[key] as ConfigExpression | undefined;
const blocks = (block: ConfigExpressions, key: string) => (Array.isArray(block[key]) ? (block[key] as readonly ConfigExpressions[]) : []);

/** The statement blocks of an `aws_iam_policy_document` data source's configuration, readable. */
export function statementsOfDocumentConfig(expressions: ConfigExpressions): ReadableStatement[] {
  return blocks(expressions, "statement").map((s) => {
    const principalsOf = (key: string) =>
      blocks(s, key).flatMap((p) => {
        const type = expressionStrings(expr(p, "type"))[0] ?? "?";
        return expressionStrings(expr(p, "identifiers")).map((id) => (type === "*" && id === "*" ? "*" : `${type}: ${id}`));
      });
    const notActions = expr(s, "not_actions") !== undefined;
    const notResources = expr(s, "not_resources") !== undefined;
    const notPrincipals = blocks(s, "not_principals").length > 0;
    const sid = expressionStrings(expr(s, "sid"))[0];
    return {
      ...(sid ? { sid } : {}),
      effect: expressionStrings(expr(s, "effect"))[0] ?? "Allow",
      actions: expressionStrings(expr(s, notActions ? "not_actions" : "actions")),
      ...(notActions ? { notActions } : {}),
      resources: expressionStrings(expr(s, notResources ? "not_resources" : "resources")),
      ...(notResources ? { notResources } : {}),
      principals: principalsOf(notPrincipals ? "not_principals" : "principals"),
      ...(notPrincipals ? { notPrincipals } : {}),
      conditions: blocks(s, "condition").map(
        (c) => `${expressionStrings(expr(c, "test"))[0] ?? "?"} ${expressionStrings(expr(c, "variable"))[0] ?? "?"} = ${expressionStrings(expr(c, "values")).join(", ")}`,
      ),
    };
  });
}

/**
 * The statements of a resource's policy attribute that is unknown in the plan, from the
 * configuration: the `aws_iam_policy_document` data source it references, or the attribute's
 * own literal (a JSON document with interpolations).
 */
export function statementsFromConfiguration(
  plan: PlanJson,
  address: string,
  attribute: string,
): { statements: ReadableStatement[]; source: string } | { error: string } {
  const config = configResources(plan);
  const resource = config.get(configAddress(address));
  const e = resource?.expressions?.[attribute] as ConfigExpression | undefined;
  if (!resource || !e) return { error: `only known after apply, and the plan's configuration has no ${attribute} for ${configAddress(address)}` };
  const docRef = (e.references ?? []).find((r) => /^data\.aws_iam_policy_document\.[\w-]+$/.test(r));
  if (docRef) {
    const doc = config.get(docRef);
    if (!doc?.expressions) return { error: `only known after apply, and ${docRef} is not in the plan's configuration` };
    const statements = statementsOfDocumentConfig(doc.expressions);
    const merged = ["source_policy_documents", "override_policy_documents"].filter((k) => doc.expressions![k] !== undefined);
    const extra = merged.length > 0 ? ` (also merges ${merged.join(", ")}, not shown)` : "";
    return { statements, source: `${docRef}${extra}` };
  }
  if (typeof e.constant_value === "string") {
    const parsed = parseDocument(e.constant_value);
    if (parsed) return { statements: parsed.map((s) => mapStrings(s, placeholderText)), source: `the ${attribute} argument` };
  }
  const refs = (e.references ?? []).join(", ");
  return { error: `only known after apply: computed from ${refs || "an expression"}, which the plan does not show` };
}

function mapStrings(s: ReadableStatement, f: (t: string) => string): ReadableStatement {
  return {
    ...s,
    actions: s.actions.map(f),
    resources: s.resources.map(f),
    principals: s.principals.map(f),
    conditions: s.conditions.map(f),
  };
}

/** A statement as indented Markdown list lines (no escaped JSON). */
export function statementLines(s: ReadableStatement, indent = ""): string[] {
  const not = (flag: boolean | undefined, word: string) => (flag ? `Not${word}` : word);
  const code = (xs: readonly string[]) => (xs.length === 0 ? "(none)" : xs.map((x) => `\`${x}\``).join(", "));
  const lines = [`${indent}- **${s.effect}**${s.sid ? ` (${s.sid})` : ""}`];
  if (s.principals.length > 0) lines.push(`${indent}  - ${not(s.notPrincipals, "Principal")}: ${code(s.principals)}`);
  lines.push(`${indent}  - ${not(s.notActions, "Action")}: ${code(s.actions)}`);
  if (s.resources.length > 0) lines.push(`${indent}  - ${not(s.notResources, "Resource")}: ${code(s.resources)}`);
  for (const c of s.conditions) lines.push(`${indent}  - Condition: \`${c}\``);
  return lines;
}
