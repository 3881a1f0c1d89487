/**
 * The Terraform CLI configuration for offline runs: providers come only from a filesystem mirror,
 * never from the registry. Pure: returns the file's text.
 */

/** Name of the environment variable that says where the provider mirror is. */
export const MIRROR_ENV_VAR = "TF_PLUGIN_MIRROR";

/** The CLI config text (HCL) with a filesystem mirror at `mirrorPath` and direct installation off for the public registry. */
export function offlineCliConfig(mirrorPath: string): string {
  // JSON string escaping is valid HCL string escaping for paths.
  return [
    "provider_installation {",
    "  filesystem_mirror {",
    `    path = ${JSON.stringify(mirrorPath)}`,
    "  }",
    "  direct {",
    '    exclude = ["registry.terraform.io/*/*"]',
    "  }",
    "}",
    "",
  ].join("\n");
}

/** The message when the mirror variable is missing or wrong. */
export function mirrorProblem(value: string | undefined, exists: (path: string) => boolean): string | undefined {
  const how =
    `set ${MIRROR_ENV_VAR} to a Terraform provider filesystem mirror holding hashicorp/aws ` +
    `(layout <path>/registry.terraform.io/hashicorp/aws/<version>/<os_arch>/), e.g. ` +
    `${MIRROR_ENV_VAR}=/path/to/tf-plugins npm run validate`;
  if (!value) return `${MIRROR_ENV_VAR} is not set: npm run validate runs Terraform offline and needs a provider mirror; ${how}`;
  if (!exists(value)) return `${MIRROR_ENV_VAR}=${value} does not exist; ${how}`;
  return undefined;
}
