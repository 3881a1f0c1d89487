/** Policy knobs an organization decides: the log retention its environments chose, who owns shared account settings. No constructs. */
import { accountSettingsOwnerOf } from "../model/account-settings";
import { stackNames } from "../model/naming";
import type { Org } from "../model/org";
import { DEFAULT_MIN_LOG_RETENTION_DAYS } from "./stack-context";
import type { PolicyOptions } from "./types";

/**
 * Per stack, the retention floor CKV_AWS_338 is held to: 365 days, or less where the model
 * lowered it for that environment (the loader warns about it at synth).
 */
export function policyOptionsFor(org: Org): PolicyOptions {
  const floors = new Map<string, number>();
  for (const env of org.environments) {
    const days = Math.min(DEFAULT_MIN_LOG_RETENTION_DAYS, env.logRetentionDays, env.eks?.logRetentionDays ?? DEFAULT_MIN_LOG_RETENTION_DAYS);
    floors.set(stackNames.environment(env.name), days);
    floors.set(stackNames.platform(env.name), days);
  }
  const settingsOwner = new Map(
    org.environments.map((env) => [stackNames.environment(env.name), stackNames.environment(accountSettingsOwnerOf(env, org.environments))]),
  );
  return {
    minLogRetentionDays: (stack) => floors.get(stack) ?? DEFAULT_MIN_LOG_RETENTION_DAYS,
    accountSettingsStack: (stack) => settingsOwner.get(stack) ?? stack,
  };
}
