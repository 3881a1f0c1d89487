/**
 * A small evaluator of IAM policy statements with string conditions, for tests that ask "would
 * AWS allow this request?" of a synthesized policy document. It follows the IAM User Guide:
 * - StringLike / StringNotLike: case-sensitive, the whole value; `*` matches any run of
 *   characters (dots included), `?` exactly one ("IAM JSON policy elements: Condition operators").
 * - Several values of one operator are ORed; of a negated operator (StringNotEquals,
 *   StringNotLike) NORed ("Conditions with multiple context keys or values").
 * - ForAllValues: true when every value in the request matches (and when there is none);
 *   ForAnyValue: true when at least one does ("Set operators for multivalued context keys").
 * - Several operators in one statement are ANDed.
 * Only what the project's documents use; anything else throws rather than guessing.
 */

/** One `condition` block of a synthesized aws_iam_policy_document statement. */
export interface ConditionBlock {
  readonly test: string;
  readonly variable: string;
  readonly values: readonly string[];
}

/** A synthesized aws_iam_policy_document statement (snake_case keys as in the JSON). */
export interface PolicyStatement {
  readonly effect?: string;
  readonly actions?: readonly string[];
  readonly resources?: readonly string[];
  readonly condition?: readonly ConditionBlock[];
}

/** A request: the action, the resource, and the request context's values by key. */
export interface IamRequest {
  readonly action: string;
  readonly resource: string;
  readonly context: Readonly<Record<string, readonly string[]>>;
}

/** IAM StringLike of one value against one pattern. */
export function stringLike(value: string, pattern: string): boolean {
  const source = [...pattern].map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[\\^$.|+()[\]{}]/g, "\\$&"))).join("");
  return new RegExp(`^${source}$`, "s").test(value);
}

const OPERATORS: Record<string, { match: (v: string, p: string) => boolean; negated: boolean }> = {
  StringEquals: { match: (v, p) => v === p, negated: false },
  StringNotEquals: { match: (v, p) => v === p, negated: true },
  StringLike: { match: stringLike, negated: false },
  StringNotLike: { match: stringLike, negated: true },
};

/** Whether one condition block holds for the request context. */
export function conditionHolds(block: ConditionBlock, context: IamRequest["context"]): boolean {
  const [qualifier, name] = block.test.includes(":") ? block.test.split(":") : [undefined, block.test];
  const operator = OPERATORS[name];
  if (!operator || (qualifier !== undefined && qualifier !== "ForAllValues" && qualifier !== "ForAnyValue")) {
    throw new Error(`iam-conditions: unsupported condition test ${block.test}`);
  }
  const valueHolds = (v: string) => {
    const any = block.values.some((p) => operator.match(v, p));
    return operator.negated ? !any : any;
  };
  const values = context[block.variable];
  if (qualifier === "ForAllValues") return (values ?? []).every(valueHolds);
  if (qualifier === "ForAnyValue") return (values ?? []).some(valueHolds);
  if (values === undefined) return operator.negated;
  if (values.length !== 1) throw new Error(`iam-conditions: ${block.variable} has ${values.length} values; use a set operator`);
  return valueHolds(values[0]);
}

/** Whether the statements allow the request: some Allow statement matches it and no Deny statement does. */
export function allows(statements: readonly PolicyStatement[], request: IamRequest): boolean {
  const matches = (s: PolicyStatement) =>
    (s.actions ?? []).some((a) => stringLike(request.action, a)) &&
    (s.resources ?? []).some((r) => stringLike(request.resource, r)) &&
    (s.condition ?? []).every((c) => conditionHolds(c, request.context));
  const deny = statements.some((s) => s.effect === "Deny" && matches(s));
  return !deny && statements.some((s) => (s.effect ?? "Allow") === "Allow" && matches(s));
}
