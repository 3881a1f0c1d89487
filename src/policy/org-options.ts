/**
 * Policy knobs an organization decides: the log retention its environments chose, who owns shared
 * account settings, which environments are protected from destroy, and the listed exceptions the
 * environments file itself records (a public endpoint the file opts into). No constructs.
 */
import { accountSettingsOwnerOf } from "../model/account-settings";
import { stackNames } from "../model/naming";
import type { Org } from "../model/org";
import { DEFAULT_MIN_LOG_RETENTION_DAYS } from "./stack-context";
import type { PolicyException } from "./exceptions";
import type { PolicyOptions } from "./types";

/** Address of an environment's EKS cluster in its `<env>` stack (construct `eks`, resource `cluster`). */
export const CLUSTER_ADDRESS = "aws_eks_cluster.eks_cluster";

/** Policy options of an organization, with the exceptions its environments file records. */
export interface OrgPolicyOptions extends PolicyOptions {
  /** Listed exceptions the environments file records (not policy/exceptions.yaml); each scoped to one resource of one stack. */
  readonly modelExceptions: readonly PolicyException[];
}

/**
 * The listed exception (POLICY.md: AWS-0040/AWS-0041 for a public endpoint an operator configured
 * with CIDRs) that setting `eks.publicAccessCidrs` opts into, with the file's rationale: one per
 * such cluster, scoped to that cluster's resource in its own stack. The engine still applies it
 * only while the CIDRs are not open (CKV_AWS_38 keeps holding).
 */
export function modelExceptionsFor(org: Org): PolicyException[] {
  return org.environments.flatMap((env) =>
    env.eks && env.eks.publicAccessCidrs.length > 0
      ? [
          {
            rule: "AWS-0040",
            stack: stackNames.environment(env.name),
            resource: CLUSTER_ADDRESS,
            rationale: `${env.eks.publicAccessRationale} (AWS-0040/AWS-0041, recorded by environments.${env.name}.eks.publicAccessCidrs)`,
            source: `environments.${env.name}.eks.publicAccessCidrs`,
          },
        ]
      : [],
  );
}

/**
 * Per stack, the retention floor CKV_AWS_338 is held to: 365 days, or less where the model
 * lowered it for that environment (the loader warns about it at synth).
 */
export function policyOptionsFor(org: Org): OrgPolicyOptions {
  const floors = new Map<string, number>();
  for (const env of org.environments) {
    const days = Math.min(DEFAULT_MIN_LOG_RETENTION_DAYS, env.logRetentionDays, env.eks?.logRetentionDays ?? DEFAULT_MIN_LOG_RETENTION_DAYS);
    floors.set(stackNames.environment(env.name), days);
    floors.set(stackNames.platform(env.name), days);
  }
  const settingsOwner = new Map(
    org.environments.map((env) => [stackNames.environment(env.name), stackNames.environment(accountSettingsOwnerOf(env, org.environments))]),
  );
  const unprotected = new Set(org.environments.filter((env) => !env.deletionProtection).map((env) => stackNames.environment(env.name)));
  return {
    minLogRetentionDays: (stack) => floors.get(stack) ?? DEFAULT_MIN_LOG_RETENTION_DAYS,
    accountSettingsStack: (stack) => settingsOwner.get(stack) ?? stack,
    deletionProtection: (stack) => !unprotected.has(stack),
    modelExceptions: modelExceptionsFor(org),
  };
}
