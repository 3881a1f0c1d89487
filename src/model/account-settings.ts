/**
 * Which environment's stack owns the account-wide settings (EBS encryption by default, and any
 * later one) of each account and region. Several environments may share an account; exactly one
 * stack may hold such a setting, or destroying any of them would turn it off for the others.
 * Pure: no constructs.
 *
 * The owner is the environment whose name sorts first among those in the same account and
 * region: identity, not file order, so reordering environments never moves the setting. Adding
 * or removing an environment can move it; the stack that gives it up forgets it without turning
 * it off (see EnvironmentStack), and the new owner's apply sets it again.
 */
import type { Environment } from "./org";

/** The account-and-region key environments share settings under. */
function accountRegion(env: Pick<Environment, "accountId" | "region">): string {
  return `${env.accountId}/${env.region}`;
}

/** Owner environment name by `<accountId>/<region>`. */
export function accountSettingsOwners(environments: readonly Pick<Environment, "name" | "accountId" | "region">[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const env of environments) {
    const key = accountRegion(env);
    const owner = owners.get(key);
    if (owner === undefined || env.name < owner) owners.set(key, env.name);
  }
  return owners;
}

/** Whether `env` owns the account-wide settings of its account and region among `environments`. */
export function ownsAccountSettings(
  env: Pick<Environment, "name" | "accountId" | "region">,
  environments: readonly Pick<Environment, "name" | "accountId" | "region">[],
): boolean {
  return accountSettingsOwners(environments).get(accountRegion(env)) === env.name;
}

/** The environment that owns the settings of `env`'s account and region. */
export function accountSettingsOwnerOf(
  env: Pick<Environment, "name" | "accountId" | "region">,
  environments: readonly Pick<Environment, "name" | "accountId" | "region">[],
): string {
  return accountSettingsOwners(environments).get(accountRegion(env))!;
}
