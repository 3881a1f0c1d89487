/** POLICY.md "EKS": the cluster's endpoint, encryption, logs, access, node launch templates and the VPC CNI. */
import { decodeJsonencode } from "../hcl-expression";
import { blocks, isTrue, num, strings } from "../stack-context";
import { customerManagedKey } from "./key-references";
import { launchTemplateOf } from "./instance-rules";
import type { PolicyResource, PolicyRule } from "../types";

const OPEN = ["0.0.0.0/0", "::/0"];

/** The cluster's vpc_config block (cdktf writes it as an object or a one-element list). */
function vpcConfig(cluster: PolicyResource) {
  return blocks(cluster.body.vpc_config)[0] ?? {};
}

/** The public endpoint is on unless `endpoint_public_access` is explicitly false (the API's default is true). */
function publicEndpoint(cluster: PolicyResource): boolean {
  const v = vpcConfig(cluster).endpoint_public_access;
  return v !== false && v !== "false";
}

export const eksPrivateEndpoint: PolicyRule = {
  id: "CKV_AWS_39",
  aliases: ["AWS-0040", "AWS-0041", "CIS EKS 5.4.2"],
  section: "EKS",
  title: "aws_eks_cluster endpoint_public_access is false (listed exception: a public endpoint limited to CIDRs)",
  resourceTypes: ["aws_eks_cluster"],
  check(cluster) {
    if (!publicEndpoint(cluster)) return [];
    const cidrs = strings(vpcConfig(cluster).public_access_cidrs);
    return [
      {
        message: cidrs.length
          ? `the public endpoint is enabled for ${cidrs.join(", ")}; if that is intended, record the AWS-0040 exception POLICY.md allows in policy/exceptions.yaml`
          : "the public endpoint is enabled (endpoint_public_access is not false)",
        detail: { publicAccessCidrs: cidrs },
      },
    ];
  },
};

export const eksPublicCidrs: PolicyRule = {
  id: "CKV_AWS_38",
  aliases: ["CIS EKS 5.4.1"],
  section: "EKS",
  title: "When the public endpoint is on, public_access_cidrs is non-empty and never 0.0.0.0/0",
  resourceTypes: ["aws_eks_cluster"],
  check(cluster) {
    if (!publicEndpoint(cluster)) return [];
    const cidrs = strings(vpcConfig(cluster).public_access_cidrs);
    if (cidrs.length === 0) return ["the public endpoint is on with no public_access_cidrs (AWS opens it to 0.0.0.0/0)"];
    const open = cidrs.filter((c) => OPEN.includes(c));
    return open.length ? [`public_access_cidrs includes ${open.join(", ")}`] : [];
  },
};

export const eksSecretsEncryption: PolicyRule = {
  id: "CKV_AWS_58",
  aliases: ["AWS-0039", "CIS EKS 5.3.1"],
  section: "EKS",
  title: 'aws_eks_cluster encryption_config covers ["secrets"] with a customer-managed key_arn',
  resourceTypes: ["aws_eks_cluster"],
  check(cluster, ctx) {
    const configs = blocks(cluster.body.encryption_config);
    if (configs.length === 0) return ["no encryption_config: Kubernetes secrets are not envelope-encrypted"];
    const ok = configs.some(
      (c) => strings(c.resources).includes("secrets") && blocks(c.provider).some((p) => customerManagedKey(p.key_arn, ctx)),
    );
    return ok ? [] : ['encryption_config does not cover "secrets" with a customer-managed key_arn'];
  },
};

const LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

export const eksControlPlaneLogs: PolicyRule = {
  id: "CKV_AWS_37",
  aliases: ["AWS-0038", "CIS EKS 2.1.1", "CIS EKS 2.1.2"],
  section: "EKS",
  title: "aws_eks_cluster enables all five control-plane log types, into a pre-created /aws/eks/<name>/cluster log group",
  resourceTypes: ["aws_eks_cluster"],
  check(cluster, ctx) {
    const out: string[] = [];
    const enabled = strings(cluster.body.enabled_cluster_log_types);
    const missing = LOG_TYPES.filter((t) => !enabled.includes(t));
    if (missing.length) out.push(`enabled_cluster_log_types lacks ${missing.join(", ")}`);
    const name = cluster.body.name;
    const groups = ctx.resources("aws_cloudwatch_log_group").map((g) => g.body.name);
    const precreated =
      typeof name === "string" && !name.includes("${")
        ? groups.includes(`/aws/eks/${name}/cluster`)
        : groups.some((g) => typeof g === "string" && /^\/aws\/eks\/.+\/cluster$/.test(g));
    if (!precreated) out.push(`no aws_cloudwatch_log_group named /aws/eks/${String(name)}/cluster in the stack (EKS would create one without KMS or retention)`);
    return out;
  },
};

export const eksAccess: PolicyRule = {
  id: "CIS EKS 4.1.7",
  aliases: ["CIS EKS 5.5.1"],
  section: "EKS",
  title: "aws_eks_cluster uses authentication_mode API, does not bootstrap the creator as admin, and has access entries",
  resourceTypes: ["aws_eks_cluster"],
  check(cluster, ctx) {
    const out: string[] = [];
    const access = blocks(cluster.body.access_config)[0] ?? {};
    if (access.authentication_mode !== "API") out.push(`access_config.authentication_mode is ${String(access.authentication_mode ?? "unset")}, not API`);
    const bootstrap = access.bootstrap_cluster_creator_admin_permissions;
    if (bootstrap !== false && bootstrap !== "false") out.push("access_config.bootstrap_cluster_creator_admin_permissions is not false");
    const name = cluster.body.name;
    const entries = ctx
      .resources("aws_eks_access_entry")
      .filter((e) => ctx.refersTo(e.body.cluster_name, cluster) || (typeof name === "string" && e.body.cluster_name === name));
    if (entries.length === 0) out.push("no aws_eks_access_entry for this cluster");
    return out;
  },
};

/** A launch template with the instance metadata endpoint on (the default). */
function metadataOptions(lt: PolicyResource) {
  return blocks(lt.body.metadata_options)[0];
}

export const launchTemplateImdsv2: PolicyRule = {
  id: "CKV_AWS_79",
  aliases: ["CKV_AWS_341", "AWS-0130", "CIS AWS 5.7"],
  section: "EKS",
  title: "aws_launch_template and aws_instance (its own metadata_options, else its template's) require IMDSv2 tokens with http_put_response_hop_limit 1",
  resourceTypes: ["aws_launch_template", "aws_instance"],
  check(r, ctx) {
    // An instance without metadata_options of its own gets its launch template's.
    const template = r.type === "aws_instance" && !metadataOptions(r) ? launchTemplateOf(r, ctx) : undefined;
    const m = metadataOptions(template ?? r);
    if (m?.http_endpoint === "disabled") return [];
    const out: string[] = [];
    if (m?.http_tokens !== "required") out.push("metadata_options.http_tokens is not required (IMDSv1 stays available)");
    const hops = num(m?.http_put_response_hop_limit);
    if (hops !== 1) out.push(`metadata_options.http_put_response_hop_limit is ${hops ?? "unset"}, not 1`);
    return out;
  },
};

export const launchTemplateNoPublicIp: PolicyRule = {
  id: "CKV_AWS_88",
  aliases: [],
  section: "EKS",
  title: "aws_launch_template gives no public IP on its network interfaces",
  resourceTypes: ["aws_launch_template"],
  check(lt) {
    return blocks(lt.body.network_interfaces)
      .map((n, i) => (isTrue(n.associate_public_ip_address) ? `network_interfaces[${i}] associates a public IP` : ""))
      .filter(Boolean);
  },
};

export const launchTemplateEbsEncrypted: PolicyRule = {
  id: "LZ_LAUNCH_TEMPLATE_EBS_ENCRYPTED",
  aliases: [],
  section: "EKS",
  title: "Every EBS block device of an aws_launch_template is encrypted (no scanner rule; best practice)",
  resourceTypes: ["aws_launch_template"],
  check(lt) {
    return blocks(lt.body.block_device_mappings).flatMap((d, i) =>
      blocks(d.ebs).filter((e) => !isTrue(e.encrypted)).map(() => `block_device_mappings[${i}] (${String(d.device_name ?? "?")}) is not encrypted`),
    );
  },
};

/**
 * A managed node group whose launch template names no security group runs in the EKS cluster
 * security group, which EKS creates outside Terraform with all egress to 0.0.0.0/0: CKV_AWS_382
 * and POLICY.md's 443-only AWS-0104 exception, broken where no scanner sees it. So every node group
 * has a launch template in the stack, and the template names security groups (at its top level or
 * on its network interfaces); EKS then attaches those instead
 * (https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html).
 */
export const nodeGroupSecurityGroup: PolicyRule = {
  id: "LZ_EKS_NODE_SECURITY_GROUP",
  aliases: [],
  section: "EKS",
  title: "Every aws_eks_node_group's launch template names its security groups (no nodes in the EKS-managed cluster security group)",
  resourceTypes: ["aws_eks_node_group"],
  check(group, ctx) {
    if (!blocks(group.body.launch_template)[0]) return ["has no launch_template: EKS puts its nodes in the cluster security group (all egress to 0.0.0.0/0)"];
    const template = launchTemplateOf(group, ctx);
    if (!template) return ["its launch_template is not an aws_launch_template of the stack, so what security groups the nodes get cannot be checked"];
    const named = [...strings(template.body.vpc_security_group_ids), ...blocks(template.body.network_interfaces).flatMap((n) => strings(n.security_groups))];
    return named.length > 0 ? [] : [`${template.address} names no security group: EKS puts the nodes in the cluster security group (all egress to 0.0.0.0/0)`];
  },
};

/** `enableNetworkPolicy` of the vpc-cni add-on's configuration_values (JSON or jsonencode). */
function networkPolicyEnabled(config: unknown): boolean {
  if (typeof config !== "string" || config === "") return false;
  let parsed: unknown = decodeJsonencode(config);
  if (parsed === undefined) {
    try {
      parsed = JSON.parse(config);
    } catch {
      return false;
    }
  }
  const v = (parsed as { enableNetworkPolicy?: unknown } | null)?.enableNetworkPolicy;
  return v === true || v === "true";
}

export const vpcCniNetworkPolicy: PolicyRule = {
  id: "CIS EKS 4.3.1",
  aliases: ["CIS EKS 5.4.4"],
  section: "EKS",
  title: "The vpc-cni aws_eks_addon enables network policy enforcement in configuration_values",
  resourceTypes: ["aws_eks_addon"],
  check(addon) {
    if (addon.body.addon_name !== "vpc-cni") return [];
    return networkPolicyEnabled(addon.body.configuration_values)
      ? []
      : ['configuration_values does not set enableNetworkPolicy "true": NetworkPolicies would not be enforced'];
  },
};

export const eksRules: readonly PolicyRule[] = [
  eksPrivateEndpoint,
  eksPublicCidrs,
  eksSecretsEncryption,
  eksControlPlaneLogs,
  eksAccess,
  launchTemplateImdsv2,
  launchTemplateNoPublicIp,
  launchTemplateEbsEncrypted,
  nodeGroupSecurityGroup,
  vpcCniNetworkPolicy,
];
