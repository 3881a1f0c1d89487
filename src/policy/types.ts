/**
 * The shapes the policy engine works on: a synthesized stack's Terraform JSON, the "resources"
 * a rule looks at (resources, data sources and the backend block, each with an address), the
 * rules themselves and their findings. No constructs.
 */
import type { StackContext } from "./stack-context";

/** A JSON object of synthesized Terraform (`resource.aws_vpc.x`, a nested block, ...). */
export type TfBlock = Record<string, unknown>;

/** One synthesized stack: `cdk.tf.json` parsed. */
export interface TfJson {
  readonly resource?: Record<string, Record<string, TfBlock>>;
  readonly data?: Record<string, Record<string, TfBlock>>;
  readonly terraform?: { readonly backend?: Record<string, TfBlock> } & TfBlock;
  readonly [key: string]: unknown;
}

/**
 * Something a rule checks. `type` is the Terraform resource type (`aws_vpc`), `data.<type>` for
 * a data source, or `terraform.backend.<kind>` for the stack's backend block.
 */
export interface PolicyResource {
  readonly type: string;
  readonly name: string;
  /** `aws_vpc.network_vpc`, `data.aws_iam_policy_document.x` or `terraform.backend.s3`. */
  readonly address: string;
  readonly body: TfBlock;
}

/** A rule violation. */
export interface Finding {
  /** The rule's primary id (`CKV_AWS_130`). */
  readonly ruleId: string;
  /** Stack name (the directory under cdktf.out/stacks). */
  readonly stack: string;
  /** Address of the offending resource. */
  readonly address: string;
  readonly message: string;
  /**
   * Facts about the violation that an allowed exception may require (ports of an egress rule,
   * whether a bucket is an access-log target, public endpoint CIDRs).
   */
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** What a rule's check returns for one resource: messages, or messages with detail. */
export type RuleResult = readonly (string | { readonly message: string; readonly detail?: Record<string, unknown> })[];

export interface PolicyRule {
  /** Primary id, the first one POLICY.md lists for the row (`CKV2_AWS_11`). */
  readonly id: string;
  /** The row's other ids (Trivy `AWS-0178`, `CIS AWS 3.7`, ...); an exception may name any of them. */
  readonly aliases: readonly string[];
  /** POLICY.md section: Network, Encryption, EKS, IAM, State; Monitoring for the second wave's alerting rules, Compute for its aws_instance rules. */
  readonly section: "Network" | "Encryption" | "EKS" | "IAM" | "State" | "Monitoring" | "Compute";
  /** What must hold, as a sentence. */
  readonly title: string;
  /** Resource types checked; a rule with no matching resource in a stack passes there. */
  readonly resourceTypes: readonly string[];
  check(resource: PolicyResource, ctx: StackContext): RuleResult;
}

/** Knobs that depend on the organization rather than on the rule. */
export interface PolicyOptions {
  /**
   * Minimum CloudWatch Logs retention per stack (CKV_AWS_338); the model may lower it below 365,
   * and synth then warns. @default 365 for every stack
   */
  readonly minLogRetentionDays?: (stack: string) => number;
  /**
   * The stack that owns the account-wide settings (EBS encryption by default) of a stack's
   * account and region, when several environments share them; that stack is held to
   * CKV_AWS_106 for both. @default - every stack owns its own
   */
  readonly accountSettingsStack?: (stack: string) => string;
  /**
   * Whether a stack's clusters, keys and audit log groups must carry prevent_destroy (the
   * environment's `deletionProtection`). @default true for every stack
   */
  readonly deletionProtection?: (stack: string) => boolean;
}
