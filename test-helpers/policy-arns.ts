/**
 * Checks over a synthesized stack's policy documents for the ARNs src/model/arns.ts builds at
 * synth: that each literal ARN naming a resource of the stack is the ARN that resource will have,
 * that a policy naming a role of the stack as principal is put only after the role exists, and
 * which documents still depend on values known only after apply.
 */
import { partitionOf } from "../src/model";
import { StackContext } from "../src/policy/stack-context";
import type { Statement } from "../src/policy/policy-document";
import type { PolicyResource, TfJson } from "../src/policy/types";

/** Resource types whose ARN src/model/arns.ts builds from the name. */
export const NAMED_ARN_TYPES = ["aws_iam_role", "aws_cloudwatch_log_group", "aws_sns_topic", "aws_sqs_queue", "aws_cloudwatch_event_rule", "aws_s3_bucket"] as const;

/** Attributes of a resource that hold an IAM policy document. */
const POLICY_ATTRIBUTES = ["policy", "assume_role_policy"] as const;

/** The region and account of a resource's aws provider (its `provider` alias, or the default one). */
function placeOf(json: TfJson, resource: PolicyResource): { region?: string; accountId?: string } {
  const providers = ([] as Record<string, unknown>[]).concat((json.provider as { aws?: Record<string, unknown>[] } | undefined)?.aws ?? []);
  const alias = typeof resource.body.provider === "string" ? resource.body.provider.replace(/^aws\./, "") : undefined;
  const block = providers.find((p) => (alias ? p.alias === alias : p.alias === undefined));
  const accounts = block?.allowed_account_ids as string[] | undefined;
  return { region: block?.region as string | undefined, accountId: accounts?.length === 1 ? accounts[0] : undefined };
}

/**
 * The ARN AWS gives a resource of NAMED_ARN_TYPES, from its configuration and provider; undefined
 * when a part is not a literal (a name from a reference, an account the provider does not pin).
 * Written out here rather than through src/model/arns.ts, so that a test comparing the two checks
 * the formats, not a function against itself.
 */
export function expectedArn(json: TfJson, resource: PolicyResource): string | undefined {
  const { region, accountId } = placeOf(json, resource);
  const literal = (key: string) => {
    const v = resource.body[key];
    return typeof v === "string" && !v.includes("${") ? v : undefined;
  };
  const name = literal(resource.type === "aws_s3_bucket" ? "bucket" : "name");
  if (!region || !name) return undefined;
  const p = partitionOf(region);
  if (resource.type === "aws_s3_bucket") return `arn:${p}:s3:::${name}`;
  if (!accountId) return undefined;
  switch (resource.type) {
    case "aws_iam_role":
      return `arn:${p}:iam::${accountId}:role${literal("path") ?? "/"}${name}`;
    case "aws_cloudwatch_log_group":
      return `arn:${p}:logs:${region}:${accountId}:log-group:${name}`;
    case "aws_sns_topic":
      return `arn:${p}:sns:${region}:${accountId}:${name}`;
    case "aws_sqs_queue":
      return `arn:${p}:sqs:${region}:${accountId}:${name}`;
    case "aws_cloudwatch_event_rule":
      // A rule on another bus is `rule/<bus>/<name>`; the stacks put theirs on the default bus.
      return (resource.body.event_bus_name ?? "default") === "default" ? `arn:${p}:events:${region}:${accountId}:rule/${name}` : undefined;
    default:
      return undefined;
  }
}

/** A policy document of the stack: a data source, or an inline policy attribute of a resource. */
export interface StackDocument {
  /** `data.aws_iam_policy_document.x` or `aws_iam_policy.y.policy`. */
  readonly label: string;
  /** Its configuration as written (to find references). */
  readonly raw: unknown;
  readonly statements: readonly Statement[];
}

/** Every policy document of the stack: each data.aws_iam_policy_document, each inline policy attribute. */
export function stackDocuments(ctx: StackContext): StackDocument[] {
  const docs: StackDocument[] = ctx.resources("data.aws_iam_policy_document").map((d) => ({ label: d.address, raw: d.body, statements: ctx.policyDocument(`\${${d.address}.json}`).statements }));
  for (const r of ctx.all().filter((r) => !r.type.startsWith("data.") && !r.type.startsWith("terraform."))) {
    for (const attribute of POLICY_ATTRIBUTES) {
      const value = r.body[attribute];
      if (typeof value !== "string" || /^\$\{data\.aws_iam_policy_document\.[\w-]+\.(json|minified_json)\}$/.test(value)) continue;
      docs.push({ label: `${r.address}.${attribute}`, raw: value, statements: ctx.policyDocument(value).statements });
    }
  }
  return docs;
}

/** Every string of a statement that could be an ARN: resources, principals, condition values. */
function statementStrings(s: Statement): string[] {
  return [...s.resources, ...s.notResources, ...s.principals.flatMap((p) => p.identifiers), ...s.notPrincipals.flatMap((p) => p.identifiers), ...s.conditions.flatMap((c) => c.values)];
}

/** One literal ARN of a policy document that names a resource of the stack, with the ARN that resource will have. */
export interface NamedArn {
  readonly document: string;
  readonly literal: string;
  readonly resource: string;
  readonly expected: string;
}

/**
 * Literal ARNs in the stack's policy documents that name (by the resource name they end in) a
 * resource of NAMED_ARN_TYPES the stack declares, each with the ARN that resource will have.
 * A bucket is matched with or without an object path (`<bucket ARN>/<key>`); a log group with
 * or without its streams (`:*`).
 */
export function namedArns(json: TfJson, stack = "stack"): NamedArn[] {
  const ctx = new StackContext(stack, json);
  const declared = NAMED_ARN_TYPES.flatMap((type) => ctx.resources(type)).flatMap((r) => {
    const expected = expectedArn(json, r);
    const name = (r.type === "aws_s3_bucket" ? r.body.bucket : r.body.name) as unknown;
    return expected && typeof name === "string" ? [{ r, expected, name }] : [];
  });
  const service: Record<string, string> = {
    aws_iam_role: "iam",
    aws_cloudwatch_log_group: "logs",
    aws_sns_topic: "sns",
    aws_sqs_queue: "sqs",
    aws_cloudwatch_event_rule: "events",
    aws_s3_bucket: "s3",
  };
  const out: NamedArn[] = [];
  for (const doc of stackDocuments(ctx)) {
    for (const value of new Set(doc.statements.flatMap(statementStrings))) {
      if (!value.startsWith("arn:") || value.includes("${")) continue;
      const base = value.split(":")[2] === "s3" ? value.replace(/\/.*$/, "") : value.replace(/:\*$/, "");
      for (const { r, expected, name } of declared) {
        if (base.split(":")[2] !== service[r.type]) continue;
        // Every format ends in the name, after `/` (role/, rule/) or `:` (log-group:, sns, sqs, s3:::).
        if (base.endsWith(`/${name}`) || base.endsWith(`:${name}`)) out.push({ document: doc.label, literal: base, resource: r.address, expected });
      }
    }
  }
  return out;
}

/** A policy whose principal is a role of the same stack, named by literal ARN, put without waiting for that role. */
export interface UnorderedPrincipal {
  readonly consumer: string;
  readonly principal: string;
  readonly role: string;
}

/**
 * Resources that put a policy (a key policy, a trust policy, a bucket, topic or queue policy)
 * naming as AWS principal, by literal ARN, a role the same stack creates, without referencing or
 * depending on that role: AWS rejects such a policy while the role does not exist (KMS
 * MalformedPolicyDocumentException, IAM MalformedPolicyDocument, S3 "Invalid principal").
 */
export function unorderedPrincipals(json: TfJson, stack = "stack"): UnorderedPrincipal[] {
  const ctx = new StackContext(stack, json);
  const roles = new Map(ctx.resources("aws_iam_role").flatMap((r) => {
    const arn = expectedArn(json, r);
    return arn ? [[arn, r] as const] : [];
  }));
  const out: UnorderedPrincipal[] = [];
  for (const consumer of ctx.all().filter((r) => !r.type.startsWith("data.") && !r.type.startsWith("terraform."))) {
    for (const attribute of POLICY_ATTRIBUTES) {
      const document = ctx.policyDocument(consumer.body[attribute]);
      const principals = document.statements.flatMap((s) => [...s.principals, ...s.notPrincipals]).filter((p) => p.type === "AWS").flatMap((p) => p.identifiers);
      for (const principal of new Set(principals)) {
        const role = roles.get(principal);
        if (!role || role === consumer) continue;
        const dependsOn = (consumer.body.depends_on as string[] | undefined) ?? [];
        const ordered = dependsOn.includes(role.address) || ctx.refersTo(consumer.body, role) || (document.source !== undefined && ctx.refersTo(document.source.body, role));
        if (!ordered) out.push({ consumer: consumer.address, principal, role: role.address });
      }
    }
  }
  return out;
}

/**
 * The policy documents whose content Terraform knows only after apply on a first plan: those
 * whose configuration references an attribute of a resource (not another policy document), with
 * the resource types they reference.
 */
export function documentsKnownAfterApply(json: TfJson, stack = "stack"): { readonly document: string; readonly references: readonly string[] }[] {
  const ctx = new StackContext(stack, json);
  return stackDocuments(ctx)
    .map((doc) => ({
      document: doc.label,
      references: [...new Set(ctx.references(doc.raw).filter((a) => !a.startsWith("data.aws_iam_policy_document.")).map((a) => a.replace(/\.[^.]+$/, "")))].sort(),
    }))
    .filter((d) => d.references.length > 0);
}
