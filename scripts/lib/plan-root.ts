/**
 * One Terraform root configuration that holds several synthesized stacks as child modules, so a
 * single `terraform plan` (one provider start, one schema load) covers all of them. Pure.
 *
 * Each stack becomes `module.<name>` with its own resources, outputs and data sources, exactly as
 * written; only its backend goes (a root has one) and its provider blocks move to the root, where
 * identical configurations are shared: a stack's `aws` and `aws.dns` become the root's
 * `aws.p<digest of the block>`, passed to the module through `providers`. Nothing crosses between
 * modules, so each module plans exactly as its stack would on its own.
 */
import { createHash } from "node:crypto";
import { providerAddress, type TerraformJson } from "./terraform-json";

/** A stack to place in the root as `module.<name>`. */
export interface RootModule {
  /** Module name: letters, digits, `-` and `_`. */
  readonly name: string;
  /** The stack's synthesized JSON (already rewritten for offline use, if needed). */
  readonly json: TerraformJson;
}

/** The root configuration and the module files to write beside it. */
export interface PlanRoot {
  /** `main.tf.json` of the root. */
  readonly root: TerraformJson;
  /** `modules/<name>/cdk.tf.json` per module. */
  readonly modules: Readonly<Record<string, TerraformJson>>;
  /**
   * The state's provider address for a resource of `module` whose `provider` argument is
   * `localProvider` (`aws`, `aws.dns`; undefined for the type's default), e.g.
   * `provider["registry.terraform.io/hashicorp/aws"].p1a2b3c4d`.
   */
  stateProvider(module: string, resourceType: string, localProvider: string | undefined): string;
}

type ProviderBlock = Record<string, unknown>;

/** Builds the root. Throws on an invalid or repeated module name (a bug in the caller). */
export function buildPlanRoot(modules: readonly RootModule[]): PlanRoot {
  const rootProviders: Record<string, ProviderBlock[]> = {};
  const requiredProviders: Record<string, unknown> = {};
  const moduleCalls: Record<string, unknown> = {};
  const moduleFiles: Record<string, TerraformJson> = {};
  /** module -> local provider (`aws`, `aws.dns`) -> root provider reference (`aws.p1234abcd`). */
  const mappings: Record<string, Record<string, string>> = {};
  /** Root alias -> provider type's full address. */
  const addresses: Record<string, string> = {};

  for (const { name, json } of modules) {
    if (!/^[A-Za-z][\w-]*$/.test(name)) throw new Error(`module name ${JSON.stringify(name)} is not a Terraform identifier`);
    if (name in moduleCalls) throw new Error(`module ${name} is given twice`);
    const copy = structuredClone(json) as Record<string, unknown>;
    delete copy["//"];
    const terraform = { ...((copy.terraform ?? {}) as Record<string, unknown>) };
    delete terraform.backend;
    const required = { ...((terraform.required_providers ?? {}) as Record<string, Record<string, unknown>>) };
    const providers = (copy.provider ?? {}) as Record<string, ProviderBlock | ProviderBlock[]>;
    delete copy.provider;
    const mapping: Record<string, string> = {};

    for (const [type, blocks] of Object.entries(providers)) {
      const aliases: string[] = [];
      for (const block of Array.isArray(blocks) ? blocks : [blocks]) {
        const { alias, ...settings } = block as { alias?: string } & ProviderBlock;
        const rootAlias = `p${createHash("sha256").update(`${type}\n${canonicalJson(settings)}`).digest("hex").slice(0, 10)}`;
        const list = (rootProviders[type] ??= []);
        if (!list.some((b) => b.alias === rootAlias)) list.push({ alias: rootAlias, ...settings });
        const local = alias ? `${type}.${alias}` : type;
        mapping[local] = `${type}.${rootAlias}`;
        if (alias) aliases.push(local);
        const spec = required[type];
        addresses[`${type}.${rootAlias}`] = providerAddress(typeof spec === "object" && typeof spec.source === "string" ? spec.source : type);
      }
      if (aliases.length > 0) {
        const spec = typeof required[type] === "object" ? required[type] : {};
        required[type] = { ...spec, configuration_aliases: aliases };
      }
    }
    for (const [type, spec] of Object.entries(required)) {
      const { configuration_aliases: _aliases, ...rest } = (typeof spec === "object" ? spec : { version: spec }) as Record<string, unknown>;
      requiredProviders[type] ??= rest;
    }
    terraform.required_providers = required;
    copy.terraform = terraform;
    moduleFiles[name] = copy;
    mappings[name] = mapping;
    moduleCalls[name] = { source: `./modules/${name}`, ...(Object.keys(mapping).length > 0 ? { providers: mapping } : {}) };
  }

  const root: TerraformJson = {
    terraform: { required_providers: requiredProviders },
    ...(Object.keys(rootProviders).length > 0 ? { provider: rootProviders } : {}),
    module: moduleCalls,
  };
  return {
    root,
    modules: moduleFiles,
    stateProvider(module, resourceType, localProvider) {
      const local = localProvider ?? resourceType.split("_")[0];
      const target = mappings[module]?.[local];
      if (!target) throw new Error(`module ${module} has no provider ${local}`);
      const [type, alias] = target.split(".");
      return `provider[${JSON.stringify(addresses[target] ?? providerAddress(type))}].${alias}`;
    },
  };
}

/** JSON with object keys sorted at every level, so equal settings hash alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}
