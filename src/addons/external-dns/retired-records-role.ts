/**
 * Upgrade path for the records role's move out of the `<env>` stacks. Before the `dns` stack
 * existed, each `<env>` stack of a cluster outside the zone's account created
 * `<cluster id>_external-dns-records_role` and `..._policy` through an aws provider aliased `dns`
 * that assumed the zone account's deploy role. Now the `dns` stack owns that role, so the
 * `<env>` stack forgets both addresses without destroying them (`removed`, destroy = false), and
 * the `dns` stack imports the live role (README, "ExternalDNS across accounts").
 *
 * Terraform needs the provider configuration recorded in state even to forget an object
 * (without it: "Error: Provider configuration not present ... (orphan)"; measured with
 * Terraform 1.11 and a state holding such a role). So the stack keeps an `aws.dns` provider, but
 * one that acts in the environment's own account with the environment's deploy role: it holds no
 * rights in the zone's account, and forgetting calls no API.
 */
import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { Environment } from "../../model/org";
import { forgetWithoutDestroying } from "../../moves/state-blocks";
import { addAwsProvider } from "../../stacks/aws-provider";

/** Construct id, under the cluster, of the records role the `<env>` stacks created before the `dns` stack owned it. */
export const RETIRED_RECORDS_ROLE_ID = "external-dns-records";

/** The alias the retired role's provider had; the state records it, so it must keep existing. */
export const RETIRED_PROVIDER_ALIAS = "dns";

/** Makes the cluster's stack forget the retired records role and its policy, keeping the live objects. */
export function forgetRetiredRecordsRole(cluster: Construct, env: Environment): void {
  const stack = TerraformStack.of(cluster);
  const base = [...cluster.node.scopes.slice(stack.node.scopes.length).map((s) => s.node.id), RETIRED_RECORDS_ROLE_ID].join("_");
  forgetWithoutDestroying(stack, `aws_iam_role_policy.${base}_policy`);
  forgetWithoutDestroying(stack, `aws_iam_role.${base}_role`);
  addAwsProvider(stack, "aws-dns", {
    alias: RETIRED_PROVIDER_ALIAS,
    region: env.region,
    accountId: env.accountId,
    roleArn: env.deployRoleArn,
    tags: env.tags,
  });
}
