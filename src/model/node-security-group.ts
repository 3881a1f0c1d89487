/**
 * The node security group fragment of the environments file (src/eks/node-security-group.ts):
 * - `environments.<name>.eks.nodeEgress`: what a cluster's nodes and pods may reach beyond what the
 *   node security group always allows (HTTPS out, DNS to the VPC resolver, the control plane, each
 *   other, and the data tiers the persistence security groups admit them to). Secure default: none.
 *   An entry names its CIDRs, protocol and ports; the internet (0.0.0.0/0) only on TCP 80, the one
 *   port besides 443 that POLICY.md's AWS-0104 exception admits ("80 only if the model asks").
 * - `environments.<name>.eks.clusterSecurityGroupBridge`: for the one rollout that moves an existing
 *   cluster's nodes from the EKS cluster security group into the node security group, all traffic
 *   between the two groups, so old and new nodes (CoreDNS, ingress to pods) keep talking while the
 *   node groups roll. Default off; on, the loader warns until it is removed.
 * Zod fields (spread into the eks block by schema.ts), the rules, the derivation. No constructs.
 */
import { z } from "zod";
import { parseCidr } from "./cidr";
import type { FilePath, Problem } from "./problems";
import type { EnvironmentsFile } from "./schema";
import { stackNames } from "./naming";

const ipv4Cidr = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, { message: "must be an IPv4 CIDR such as 10.0.0.0/8" });

const nodeEgressEntry = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/, { message: "must be lowercase letters, digits and dashes, at most 32 characters (it is part of rule ids)" })
      .describe("Name of the entry, unique in the cluster: part of each rule's Terraform address."),
    description: z
      .string()
      .min(1)
      .max(120)
      .regex(/^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/, { message: "may use letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* only (what AWS accepts in a rule description)" })
      .describe("Why the nodes need it; every rule's description ends with it."),
    protocol: z.enum(["tcp", "udp"]).default("tcp").describe("Protocol of the rules."),
    ports: z.array(z.number().int().min(1).max(65535)).min(1, { message: "needs at least one port" }).describe("Destination ports, one rule each."),
    cidrs: z.array(ipv4Cidr).min(1, { message: "needs at least one CIDR" }).describe("Destination ranges, one rule each per port."),
  })
  .describe("Egress of the nodes and pods to listed ranges on listed ports.");

/** Fields of `environments.<name>.eks` (spread by schema.ts). */
export const nodeEgressFields = {
  nodeEgress: z
    .array(nodeEgressEntry)
    .default([])
    .describe(
      "Extra egress of the cluster's nodes and pods (its node security group). They always reach HTTPS anywhere, DNS at the VPC resolver, the control plane, each other and the data tiers that admit them. 0.0.0.0/0 only on TCP 80. @default none",
    ),
  clusterSecurityGroupBridge: z
    .boolean()
    .default(false)
    .describe(
      "All traffic between the node security group and the EKS cluster security group, for the rollout that moves an existing cluster's nodes into the node security group (old and new nodes keep talking). Set true for that deploy, false once every node has been replaced. @default false",
    ),
};

/** One entry as the model carries it. */
export interface NodeEgressRule {
  readonly name: string;
  readonly description: string;
  readonly protocol: "tcp" | "udp";
  readonly ports: readonly number[];
  readonly cidrs: readonly string[];
}

/** What the model's EnvironmentCluster carries about the node security group. */
export interface NodeEgressSettings {
  /** Extra egress of the node security group; empty by default. */
  readonly nodeEgress: readonly NodeEgressRule[];
  /** All traffic between the node security group and the cluster security group (the migration rollout only). */
  readonly clusterSecurityGroupBridge: boolean;
}

/** The rules of the fragment: valid CIDRs, unique names, the internet on TCP 80 only, no repeats of what is always allowed. */
export function checkNodeEgress(file: EnvironmentsFile, problems: Problem[], warnings: { path: FilePath; message: string; stack?: string }[]): void {
  for (const [name, env] of Object.entries(file.environments)) {
    if (env.eks?.clusterSecurityGroupBridge) {
      warnings.push({
        path: ["environments", name, "eks", "clusterSecurityGroupBridge"],
        message:
          "is on: the nodes and the EKS cluster security group admit each other on every port. Keep it only for the rollout that moves existing nodes into the node security group, then set it false (README, Node security group)",
        stack: stackNames.environment(name),
      });
    }
    const entries = env.eks?.nodeEgress ?? [];
    const seen = new Set<string>();
    entries.forEach((entry, i) => {
      const at = (...rest: (string | number)[]): FilePath => ["environments", name, "eks", "nodeEgress", i, ...rest];
      if (seen.has(entry.name)) problems.push({ path: at("name"), message: `${entry.name} names another entry already; give each entry its own name` });
      seen.add(entry.name);
      entry.cidrs.forEach((text, j) => {
        const parsed = parseCidr(text);
        if (typeof parsed === "string") {
          problems.push({ path: at("cidrs", j), message: `${text} ${parsed}` });
          return;
        }
        // The only /0 network without host bits is 0.0.0.0/0 itself.
        if (parsed.prefix !== 0) return;
        const notWeb = entry.ports.filter((p) => entry.protocol !== "tcp" || p !== 80);
        if (notWeb.length > 0) {
          problems.push({
            path: at("cidrs", j),
            message: `0.0.0.0/0 is allowed only on TCP 80 (POLICY.md, AWS-0104); ${entry.protocol.toUpperCase()} ${notWeb.join(", ")} to the internet is refused. Name the destination's ranges instead (HTTPS to anywhere is always allowed)`,
          });
        }
      });
      const repeated = entry.ports.filter((p, k) => entry.ports.indexOf(p) !== k);
      if (repeated.length > 0) problems.push({ path: at("ports"), message: `repeats ${[...new Set(repeated)].join(", ")}; list each port once` });
    });
  }
}

/** The model's node egress from the eks block as parsed. */
export function deriveNodeEgress(eks: { nodeEgress?: readonly NodeEgressRule[]; clusterSecurityGroupBridge?: boolean }): NodeEgressSettings {
  return {
    nodeEgress: (eks.nodeEgress ?? []).map((e) => ({ name: e.name, description: e.description, protocol: e.protocol, ports: [...e.ports], cidrs: [...e.cidrs] })),
    clusterSecurityGroupBridge: eks.clusterSecurityGroupBridge ?? false,
  };
}
