/**
 * POLICY.md "Added with the second wave", aws_instance (the VPN server): encrypted root
 * (CKV_AWS_8), detailed monitoring (CKV_AWS_126), EBS-optimized (CKV_AWS_135) and an instance
 * profile (CKV2_AWS_41). IMDSv2 (CKV_AWS_79) is the launch-template rule of eks-rules.ts, which
 * covers instances too. An instance launched from a launch template in the same stack gets
 * what the template sets unless it sets the attribute itself, so the rules read both.
 */
import { blocks, isTrue, type StackContext } from "../stack-context";
import type { PolicyResource, PolicyRule, TfBlock } from "../types";

const SECTION = "Compute" as const;

/** The aws_launch_template an instance is launched from, when it is in the stack. */
export function launchTemplateOf(instance: PolicyResource, ctx: StackContext): PolicyResource | undefined {
  const spec = blocks(instance.body.launch_template)[0];
  if (!spec) return undefined;
  return ctx.resolve(spec.id, "aws_launch_template") ?? ctx.resources("aws_launch_template").find((t) => spec.name !== undefined && t.body.name === spec.name);
}

/** The instance's own value of `attribute`, else its launch template's `templateAttribute`. */
function effective(instance: PolicyResource, ctx: StackContext, attribute: string, templateAttribute = attribute): unknown {
  const own = instance.body[attribute];
  if (own !== undefined && own !== null) return own;
  return launchTemplateOf(instance, ctx)?.body[templateAttribute];
}

export const instanceRootEncrypted: PolicyRule = {
  id: "CKV_AWS_8",
  aliases: [],
  section: SECTION,
  title: "Every aws_instance declares its root volume (and every EBS volume) encrypted, on the instance or in its launch template",
  resourceTypes: ["aws_instance"],
  check(instance, ctx) {
    const devices: { readonly where: string; readonly ebs: TfBlock }[] = [
      ...blocks(instance.body.root_block_device).map((ebs) => ({ where: "root_block_device", ebs })),
      ...blocks(instance.body.ebs_block_device).map((ebs, i) => ({ where: `ebs_block_device[${i}]`, ebs })),
    ];
    const template = launchTemplateOf(instance, ctx);
    if (devices.length === 0 && template) {
      for (const [i, mapping] of blocks(template.body.block_device_mappings).entries()) {
        for (const ebs of blocks(mapping.ebs)) devices.push({ where: `${template.address} block_device_mappings[${i}] (${String(mapping.device_name ?? "?")})`, ebs });
      }
    }
    if (devices.length === 0) return ["no root_block_device on the instance nor block_device_mappings in its launch template: root volume encryption is not declared"];
    return devices.filter((d) => !isTrue(d.ebs.encrypted)).map((d) => `${d.where} is not encrypted`);
  },
};

export const instanceDetailedMonitoring: PolicyRule = {
  id: "CKV_AWS_126",
  aliases: [],
  section: SECTION,
  title: "Every aws_instance has detailed monitoring enabled",
  resourceTypes: ["aws_instance"],
  check(instance, ctx) {
    if (isTrue(instance.body.monitoring)) return [];
    if (instance.body.monitoring === undefined && blocks(launchTemplateOf(instance, ctx)?.body.monitoring).some((m) => isTrue(m.enabled))) return [];
    return ["monitoring is not true (detailed monitoring off)"];
  },
};

export const instanceEbsOptimized: PolicyRule = {
  id: "CKV_AWS_135",
  aliases: [],
  section: SECTION,
  title: "Every aws_instance is EBS-optimized",
  resourceTypes: ["aws_instance"],
  check(instance, ctx) {
    return isTrue(effective(instance, ctx, "ebs_optimized")) ? [] : ["ebs_optimized is not true"];
  },
};

export const instanceProfile: PolicyRule = {
  id: "CKV2_AWS_41",
  aliases: [],
  section: SECTION,
  title: "Every aws_instance has an IAM instance profile",
  resourceTypes: ["aws_instance"],
  check(instance, ctx) {
    const own = instance.body.iam_instance_profile;
    if (typeof own === "string" && own !== "") return [];
    const fromTemplate = blocks(launchTemplateOf(instance, ctx)?.body.iam_instance_profile).some((p) => p.arn || p.name);
    return fromTemplate ? [] : ["no iam_instance_profile on the instance or its launch template"];
  },
};

export const instanceRules: readonly PolicyRule[] = [instanceRootEncrypted, instanceDetailedMonitoring, instanceEbsOptimized, instanceProfile];
