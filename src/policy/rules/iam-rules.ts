/**
 * POLICY.md "IAM": wildcards in policy documents, Resource "*" on scopable actions, role trust,
 * AdministratorAccess. Documents are read wherever they sit (data.aws_iam_policy_document, or a
 * JSON / jsonencode string in a policy attribute); a reference to a data source is checked once,
 * at the data source.
 */
import { actionMatches, isWildcardPrincipal, ownStatements, type PolicyDocumentResult, type Statement } from "../policy-document";
import { blocks, strings, type StackContext } from "../stack-context";
import type { PolicyResource, PolicyRule, RuleResult } from "../types";

const DOC = "data.aws_iam_policy_document";

/** Attributes that hold identity policies (attached to a principal), by resource type. */
const IDENTITY_POLICIES: Record<string, (r: PolicyResource) => { where: string; value: unknown }[]> = {
  aws_iam_policy: (r) => [{ where: "policy", value: r.body.policy }],
  aws_iam_role_policy: (r) => [{ where: "policy", value: r.body.policy }],
  aws_iam_user_policy: (r) => [{ where: "policy", value: r.body.policy }],
  aws_iam_group_policy: (r) => [{ where: "policy", value: r.body.policy }],
  aws_iam_role: (r) => blocks(r.body.inline_policy).map((p, i) => ({ where: `inline_policy[${i}]`, value: p.policy })),
};

/** Attributes that hold resource-based or trust policies. */
const OTHER_POLICIES: Record<string, (r: PolicyResource) => { where: string; value: unknown }[]> = {
  aws_iam_role: (r) => [{ where: "assume_role_policy", value: r.body.assume_role_policy }],
  aws_kms_key: (r) => [{ where: "policy", value: r.body.policy }],
  aws_kms_key_policy: (r) => [{ where: "policy", value: r.body.policy }],
  aws_s3_bucket_policy: (r) => [{ where: "policy", value: r.body.policy }],
};

const IDENTITY_TYPES = Object.keys(IDENTITY_POLICIES);
const ALL_CARRIER_TYPES = [...new Set([...IDENTITY_TYPES, ...Object.keys(OTHER_POLICIES)])];

/** The documents a resource holds, except references to a data source (checked at the data source). */
function ownDocuments(r: PolicyResource, ctx: StackContext, identityOnly: boolean): { where: string; doc: PolicyDocumentResult }[] {
  if (r.type === DOC) return [{ where: "", doc: { kind: "document", statements: ownStatements(r) } }];
  const sources = identityOnly ? [IDENTITY_POLICIES[r.type]] : [IDENTITY_POLICIES[r.type], OTHER_POLICIES[r.type]];
  return sources
    .flatMap((f) => (f ? f(r) : []))
    .filter(({ value }) => value !== undefined && value !== null && value !== "")
    .map(({ where, value }) => ({ where, doc: ctx.policyDocument(value) }))
    .filter(({ doc }) => !doc.source);
}

function label(where: string, s: Statement, i: number): string {
  return `${where ? `${where} ` : ""}statement ${s.sid ?? `#${i + 1}`}`;
}

export const noWildcardActions: PolicyRule = {
  id: "CKV_AWS_1",
  aliases: ["CKV_AWS_62", "CKV_AWS_63"],
  section: "IAM",
  title: 'No policy or policy document allows Action "*" or "*:*"',
  resourceTypes: [DOC, ...ALL_CARRIER_TYPES],
  check(r, ctx) {
    const out: string[] = [];
    for (const { where, doc } of ownDocuments(r, ctx, false)) {
      if (doc.kind === "unreadable") out.push(`${where} cannot be evaluated: ${doc.reason}`);
      doc.statements.forEach((s, i) => {
        if (s.effect !== "Allow") return;
        const wild = s.actions.filter((a) => a === "*" || a === "*:*");
        if (wild.length) out.push(`${label(where, s, i)} allows Action ${wild.map((a) => `"${a}"`).join(", ")}`);
      });
    }
    return out;
  },
};

/**
 * Actions that accept no resource ARN (the Service Authorization Reference lists no resource
 * type for them), so Resource "*" is the only choice. Patterns, IAM-style. Extend with care:
 * an action that does accept an ARN must be scoped instead.
 */
export const UNSCOPABLE_ACTIONS: readonly string[] = [
  "ec2:Describe*",
  "ec2:GetEbsEncryptionByDefault",
  "ec2:GetEbsDefaultKmsKeyId",
  // Cluster Autoscaler's instance-requirements lookup (its AWS README's policy has it on "*").
  "ec2:GetInstanceTypesFromInstanceRequirements",
  "autoscaling:Describe*",
  "elasticloadbalancing:Describe*",
  "route53:ListHostedZones",
  "route53:ListHostedZonesByName",
  "route53:GetHostedZoneCount",
  "route53:ListHealthChecks",
  "sts:GetCallerIdentity",
  "logs:DescribeLogGroups",
  "logs:DescribeDestinations",
  "logs:DescribeExportTasks",
  "logs:DescribeQueries",
  "logs:DescribeResourcePolicies",
  "ecr:GetAuthorizationToken",
  "eks:ListClusters",
  "eks:DescribeAddonVersions",
  "eks:ListAccessPolicies",
  "kms:ListAliases",
  "kms:ListKeys",
  "kms:CreateKey",
  "iam:ListRoles",
  "iam:ListPolicies",
  // Karpenter's template calls this statement "AllowUnscopedInstanceProfileListAction".
  "iam:ListInstanceProfiles",
  // The Price List API has no resources (Karpenter's instance pricing).
  "pricing:GetProducts",
  "s3:ListAllMyBuckets",
  "tag:GetResources",
  "tag:GetTagKeys",
  "tag:GetTagValues",
  "cloudwatch:PutMetricData",
  "cloudwatch:ListMetrics",
  "cloudwatch:GetMetricData",
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
  "acm:ListCertificates",
  "shield:GetSubscriptionState",
  "wafv2:ListWebACLs",
];

/** True when an action (pattern) needs Resource "*": it is, or lies within, an unscopable pattern. */
export function isUnscopable(action: string): boolean {
  if (UNSCOPABLE_ACTIONS.some((u) => u.toLowerCase() === action.toLowerCase())) return true;
  return !/[*?]/.test(action) && UNSCOPABLE_ACTIONS.some((u) => actionMatches(u, action));
}

export const scopedResources: PolicyRule = {
  id: "CKV_AWS_355",
  aliases: ["CKV_AWS_356"],
  section: "IAM",
  title: 'No identity policy allows Resource "*" for actions that can be scoped to an ARN',
  resourceTypes: [DOC, ...IDENTITY_TYPES],
  check(r, ctx) {
    const out: string[] = [];
    for (const { where, doc } of ownDocuments(r, ctx, true)) {
      doc.statements.forEach((s, i) => {
        // Statements with a principal belong to resource or trust policies, where "*" means "this resource".
        if (s.effect !== "Allow" || s.principals.length > 0 || !s.resources.includes("*")) return;
        if (s.notActions.length) out.push(`${label(where, s, i)} combines NotAction with Resource "*"`);
        const scopable = s.actions.filter((a) => !isUnscopable(a));
        if (scopable.length) out.push(`${label(where, s, i)} allows ${scopable.join(", ")} on Resource "*"; scope them to ARNs`);
      });
    }
    return out;
  },
};

/** Problems of one trust statement. */
function trustProblems(s: Statement, name: string): string[] {
  if (s.effect !== "Allow") return [];
  const out: string[] = [];
  for (const p of s.principals) {
    if (isWildcardPrincipal(p)) out.push(`${name} trusts principal *`);
    if (p.type === "AWS") {
      const whole = p.identifiers.filter((id) => /^\d{12}$/.test(id) || /:root$/.test(id));
      if (whole.length) out.push(`${name} trusts whole accounts (${whole.join(", ")}); name the role ARNs`);
    }
    if (p.type === "Federated") {
      const keys = s.conditions
        .filter((c) => /^String(Equals|Like)$/.test(c.test) && c.values.length > 0)
        .map((c) => c.variable);
      for (const claim of [":sub", ":aud"]) {
        if (!keys.some((k) => k.endsWith(claim))) out.push(`${name} trusts a federated principal without a StringEquals condition on ${claim.slice(1)}`);
      }
    }
  }
  return out;
}

export const roleTrust: PolicyRule = {
  id: "CKV_AWS_60",
  aliases: ["CKV_AWS_61"],
  section: "IAM",
  title: "Role trust policies name specific role ARNs, services, or the OIDC provider with :sub and :aud conditions; never * or a whole account",
  resourceTypes: ["aws_iam_role"],
  check(role, ctx): RuleResult {
    const doc = ctx.policyDocument(role.body.assume_role_policy);
    if (doc.kind === "none") return ["no assume_role_policy"];
    if (doc.kind === "unreadable") return [`assume_role_policy cannot be evaluated: ${doc.reason}`];
    const from = doc.source ? ` (${doc.source.address})` : "";
    return doc.statements.flatMap((s, i) => trustProblems(s, `trust statement ${s.sid ?? `#${i + 1}`}${from}`));
  },
};

const ADMIN = /:policy\/AdministratorAccess$/;

export const noAdministratorAccess: PolicyRule = {
  id: "CKV_AWS_274",
  aliases: [],
  section: "IAM",
  title: "AdministratorAccess is never attached",
  resourceTypes: [
    "aws_iam_role_policy_attachment",
    "aws_iam_policy_attachment",
    "aws_iam_user_policy_attachment",
    "aws_iam_group_policy_attachment",
    "aws_iam_role_policy_attachments_exclusive",
    "aws_iam_role",
  ],
  check(r) {
    const arns = [...strings(r.body.policy_arn), ...strings(r.body.policy_arns), ...strings(r.body.managed_policy_arns)];
    return arns.filter((a) => ADMIN.test(a)).map((a) => `attaches ${a}`);
  },
};

/** Route 53's condition key for the names a ChangeResourceRecordSets batch changes. */
const RECORD_NAMES_KEY = "route53:ChangeResourceRecordSetsNormalizedRecordNames";

/**
 * POLICY.md, Helm releases, ExternalDNS: record changes "further limited by Route 53 record-name
 * conditions to the names the environment owns". An Allow of ChangeResourceRecordSets must name
 * the names with ForAllValues:StringLike on the normalized-names key (ForAllValues: every change
 * of the batch; a plain StringLike on a multivalued key is not what AWS documents), and none of
 * its patterns may be `*` alone (the whole zone through the back door).
 */
export const route53RecordNames: PolicyRule = {
  id: "LZ_ROUTE53_RECORD_NAMES",
  aliases: [],
  section: "IAM",
  title: "Route 53 record changes are limited by ForAllValues:StringLike on the normalized record names",
  resourceTypes: [DOC, ...IDENTITY_TYPES],
  check(r, ctx) {
    const out: string[] = [];
    for (const { where, doc } of ownDocuments(r, ctx, true)) {
      doc.statements.forEach((s, i) => {
        if (s.effect !== "Allow" || !s.actions.some((a) => actionMatches(a, "route53:ChangeResourceRecordSets"))) return;
        const names = s.conditions.filter((c) => c.variable === RECORD_NAMES_KEY && c.test === "ForAllValues:StringLike");
        if (names.length === 0) out.push(`${label(where, s, i)} allows route53:ChangeResourceRecordSets without ForAllValues:StringLike on ${RECORD_NAMES_KEY}`);
        else if (names.some((c) => c.values.includes("*"))) out.push(`${label(where, s, i)} allows every record name ("*")`);
      });
    }
    return out;
  },
};

export const iamRules: readonly PolicyRule[] = [noWildcardActions, scopedResources, roleTrust, noAdministratorAccess, route53RecordNames];
