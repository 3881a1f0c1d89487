/**
 * Reads Karpenter's getting-started `cloudformation.yaml` (../shared/charts/karpenter/<version>)
 * with its CloudFormation short-form tags, and resolves the `!Sub` strings of its resources for
 * one cluster, so tests can compare the project's IAM and queue with it. Outside __tests__ so
 * jest does not collect it.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, type Tags } from "yaml";

/** A CloudFormation intrinsic as the loader keeps it. */
export interface Intrinsic {
  readonly fn: "Sub" | "GetAtt" | "Ref";
  readonly value: string;
}

const intrinsic = (fn: Intrinsic["fn"]) => ({ tag: `!${fn}`, resolve: (value: string): Intrinsic => ({ fn, value }) });
const CFN_TAGS: Tags = [intrinsic("Sub"), intrinsic("GetAtt"), intrinsic("Ref")];

/**
 * The template's `Resources`, intrinsics kept as {fn, value}; none when the file is missing (a
 * skipped chart folder: describe.skip still runs its body to collect the tests).
 */
export function templateResources(dir: string): Record<string, { Type: string; Properties: Record<string, unknown> }> {
  if (!existsSync(join(dir, "cloudformation.yaml"))) return {};
  const template = parse(readFileSync(join(dir, "cloudformation.yaml"), "utf8"), { customTags: CFN_TAGS });
  return template.Resources;
}

/** `!Sub` text with the given variables substituted; throws on a variable it was not given. */
export function substitute(text: string, variables: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{([^}]+)\}/g, (_m, name: string) => {
    const value = variables[name];
    if (value === undefined) throw new Error(`the template uses \${${name}}, which the test does not substitute`);
    return value;
  });
}

export function isIntrinsic(value: unknown): value is Intrinsic {
  return typeof value === "object" && value !== null && "fn" in value && "value" in value;
}
