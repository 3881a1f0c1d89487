/** Renders typed Helm values to the YAML document a helm_release takes. No constructs. */
import { stringify } from "yaml";

/**
 * YAML of `values`, keys in insertion order. Lines are never folded, so cdktf tokens
 * (`${TfToken[...]}`) embedded in strings stay intact and resolve to Terraform references.
 */
export function renderHelmValues(values: object): string {
  return stringify(values, { lineWidth: 0, minContentWidth: 0 });
}
