/**
 * What a Terraform filesystem mirror holds. Reads the directory (both layouts Terraform accepts:
 * unpacked `<host>/<ns>/<type>/<version>/<os_arch>/` and packed
 * `<host>/<ns>/<type>/terraform-provider-<type>_<version>_<os_arch>.zip`).
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { shortAddress, type RequiredProvider } from "./terraform-json";

/** Versions of `address` (e.g. `registry.terraform.io/hashicorp/aws`) in the mirror, sorted. */
export function mirrorVersions(mirrorPath: string, address: string): string[] {
  const dir = join(mirrorPath, ...address.split("/"));
  if (!existsSync(dir)) return [];
  const type = address.split("/").pop()!;
  const versions = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && /^\d+\.\d+\.\d+/.test(entry.name)) versions.add(entry.name);
    const packed = entry.isFile() && new RegExp(`^terraform-provider-${type}_(\\d+\\.\\d+\\.\\d+[^_]*)_`).exec(entry.name);
    if (packed) versions.add(packed[1]);
  }
  return [...versions].sort();
}

/** Why a provider cannot be installed from the mirror, or undefined when it can. */
export function missingProviderReason(provider: RequiredProvider, available: readonly string[]): string | undefined {
  if (available.length === 0) return `${shortAddress(provider.address)} is not in the offline mirror`;
  const exact = provider.version && /^=?\s*(\d+\.\d+\.\d+\S*)$/.exec(provider.version.trim());
  if (exact && !available.includes(exact[1])) {
    return `${shortAddress(provider.address)} ${exact[1]} is not in the offline mirror (it has ${available.join(", ")})`;
  }
  return undefined;
}

/** One line naming every provider the mirror lacks, for the summary table. */
export function skipReason(missing: readonly RequiredProvider[], coveredBy: string): string {
  const names = missing.map((p) => shortAddress(p.address)).sort();
  const noun = names.length === 1 ? "provider" : "providers";
  const verb = names.length === 1 ? "is" : "are";
  return `${noun} ${names.join(", ")} ${verb} not in the offline mirror; ${coveredBy}`;
}
