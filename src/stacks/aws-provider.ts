/**
 * The aws provider of a stack: region, the account it may touch, the deploy role it assumes
 * and the default tags every resource carries. One place, so every stack gets the same guard rails.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { Construct } from "constructs";

export interface AwsProviderOptions {
  /** Region of the resources. */
  readonly region: string;
  /** The only account the provider may act in (allowed_account_ids). */
  readonly accountId?: string;
  /** Role to assume; undefined means the caller's credentials. */
  readonly roleArn?: string;
  /** Tags on every resource through default_tags. */
  readonly tags: Readonly<Record<string, string>>;
  /** Provider alias, for stacks that act in several accounts. @default - the default provider */
  readonly alias?: string;
  /** Session name shown in CloudTrail. @default "cdktf-landing-zone" */
  readonly sessionName?: string;
}

/** Adds an aws provider configured from the model. */
export function addAwsProvider(scope: Construct, id: string, options: AwsProviderOptions): AwsProvider {
  return new AwsProvider(scope, id, {
    region: options.region,
    alias: options.alias,
    allowedAccountIds: options.accountId ? [options.accountId] : undefined,
    assumeRole: options.roleArn
      ? [{ roleArn: options.roleArn, sessionName: options.sessionName ?? "cdktf-landing-zone" }]
      : undefined,
    defaultTags: [{ tags: { ...options.tags } }],
  });
}
