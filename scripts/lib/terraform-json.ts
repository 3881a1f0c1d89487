/**
 * Pure rewrites and reads of a synthesized `cdk.tf.json`, for the offline `terraform validate`
 * and `terraform plan` of `npm run validate`. Every function returns a new object; none touches disk.
 */

/** A synthesized stack (`cdk.tf.json`), as parsed JSON. */
export type TerraformJson = Record<string, unknown>;

/** A provider a stack requires, with its full registry address. */
export interface RequiredProvider {
  /** Local name in required_providers, e.g. `aws`. */
  readonly name: string;
  /** Full address, e.g. `registry.terraform.io/hashicorp/aws`. */
  readonly address: string;
  /** The version constraint as written, e.g. `5.100.0`. */
  readonly version?: string;
}

/** The data source types that Terraform evaluates locally, without calling a provider's API. */
export const LOCAL_DATA_SOURCES: ReadonlySet<string> = new Set(["aws_iam_policy_document"]);

/** `aws` / `hashicorp/aws` / `registry.terraform.io/hashicorp/aws` -> the full address. */
export function providerAddress(source: string): string {
  const parts = source.toLowerCase().split("/");
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts[0]}/${parts[1]}`;
  return parts.join("/");
}

/** `registry.terraform.io/hashicorp/helm` -> `hashicorp/helm` (the registry host is the default one). */
export function shortAddress(address: string): string {
  return address.startsWith("registry.terraform.io/") ? address.slice("registry.terraform.io/".length) : address;
}

/** The stack's required_providers, sorted by address. */
export function requiredProviders(json: TerraformJson): RequiredProvider[] {
  const terraform = (json.terraform ?? {}) as { required_providers?: Record<string, { source?: string; version?: string } | string> };
  return Object.entries(terraform.required_providers ?? {})
    .map(([name, spec]): RequiredProvider => {
      if (typeof spec === "string") return { name, address: providerAddress(name), version: spec };
      return { name, address: providerAddress(spec.source ?? name), version: spec.version };
    })
    .sort((a, b) => a.address.localeCompare(b.address));
}

/** A copy of the stack with its backend replaced by a local state file at `statePath`. */
export function withLocalBackend(json: TerraformJson, statePath: string): TerraformJson {
  const copy = structuredClone(json);
  const terraform = { ...((copy.terraform ?? {}) as Record<string, unknown>) };
  terraform.backend = { local: { path: statePath } };
  copy.terraform = terraform;
  return copy;
}

/** Fake static credentials: the plan never reaches AWS, so they are never checked. */
export const FAKE_AWS_CREDENTIALS = { access_key: "AKIAVALIDATEOFFLINE00", secret_key: "offline-plan-fake-secret-key" } as const;

/**
 * A copy of the stack whose aws providers plan without AWS: no role to assume, fake static keys,
 * every start-up call (STS, IMDS, region list) skipped. `allowed_account_ids` goes too: with
 * `skip_requesting_account_id` the provider knows no account id and rejects every plan
 * ("AWS account ID not allowed"), as measured with hashicorp/aws 5.100.0.
 */
export function withOfflineAwsProviders(json: TerraformJson): TerraformJson {
  const copy = structuredClone(json);
  const providers = (copy.provider ?? {}) as Record<string, unknown>;
  const aws = providers.aws;
  if (aws === undefined) return copy;
  const blocks = (Array.isArray(aws) ? aws : [aws]) as Record<string, unknown>[];
  providers.aws = blocks.map((block) => {
    const { assume_role: _role, assume_role_with_web_identity: _web, allowed_account_ids: _allowed, forbidden_account_ids: _forbidden, profile: _profile, ...rest } = block;
    return {
      ...rest,
      ...FAKE_AWS_CREDENTIALS,
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
    };
  });
  return copy;
}

/** Data source types the stack declares, sorted. */
export function dataSourceTypes(json: TerraformJson): string[] {
  return Object.keys((json.data ?? {}) as Record<string, unknown>).sort();
}

/** Data source types that would call an API at plan time (everything but the local ones and remote state). */
export function remoteDataSourceTypes(json: TerraformJson): string[] {
  return dataSourceTypes(json).filter((t) => !LOCAL_DATA_SOURCES.has(t) && t !== "terraform_remote_state");
}

/** Whether the stack reads another stack's state (cdktf cross-stack references). */
export function readsRemoteState(json: TerraformJson): boolean {
  return dataSourceTypes(json).includes("terraform_remote_state");
}

/** The `provider` argument of a resource in a stack's JSON (undefined: the type's default). */
export function providerArg(json: TerraformJson, type: string, name: string): string | undefined {
  const resource = ((json.resource as Record<string, Record<string, { provider?: string }>> | undefined)?.[type] ?? {})[name];
  return resource?.provider;
}

/** `lifecycle.prevent_destroy` of every resource of the stack, by address (`type.name`). */
export function preventDestroyByAddress(json: TerraformJson): Map<string, { preventDestroy: boolean }> {
  const out = new Map<string, { preventDestroy: boolean }>();
  for (const [type, resources] of Object.entries((json.resource ?? {}) as Record<string, Record<string, { lifecycle?: { prevent_destroy?: boolean } }>>)) {
    for (const [name, r] of Object.entries(resources)) out.set(`${type}.${name}`, { preventDestroy: r.lifecycle?.prevent_destroy === true });
  }
  return out;
}
