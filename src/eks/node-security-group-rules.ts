/**
 * The rules of a cluster's node security group, as data: one entry per rule, each with a stable
 * construct id (from what the rule is: its peer, protocol and port, never a position) and a
 * description a reviewer reads in `terraform plan`. Pure: no constructs (node-security-group.ts
 * turns them into aws_vpc_security_group_{ingress,egress}_rule resources).
 *
 * What EKS needs (https://docs.aws.amazon.com/eks/latest/userguide/sec-group-reqs.html,
 * "Restricting cluster traffic"): the control plane reaches the kubelets on TCP 10250 and the
 * nodes reach the control plane on TCP 443; nodes talk to each other (CoreDNS on 53, pod to pod).
 * Beyond that, here: the admission webhooks and aggregated APIs the add-ons serve (the API server
 * calls pod IPs directly, as pods share the node's security group under the VPC CNI), HTTPS out
 * (ECR, AWS APIs, through NAT or interface endpoints), DNS to the VPC resolver, and the data stores
 * the persistence security groups admit the nodes to.
 *
 * Not here, as security groups do not filter it (Amazon VPC User Guide, "Security group rules":
 * "Security groups don't filter traffic destined to and from ... Amazon DNS, DHCP, EC2 instance
 * metadata, ... Amazon Time Sync Service"): the instance metadata service and NTP at
 * 169.254.169.123. The resolver rules below are therefore documentation of intent as much as a
 * filter; they keep the rule set readable and stay correct if the VPC's resolver is reached at
 * its VPC address (base + 2).
 *
 * Descriptions stay within the characters AWS accepts in a rule description.
 */
import { cidrId } from "../network/network-names";
import { portLabel } from "../network/security-group-rules";

/** The other side of a node rule: a CIDR, the node group itself, or the control plane's security group. */
export type NodeRulePeer = { readonly cidrIpv4: string } | { readonly self: true } | { readonly controlPlane: true };

/** One rule of the node security group. */
export interface NodeSecurityGroupRule {
  /** Construct id: `ingress-…` or `egress-…` and what the rule is. */
  readonly id: string;
  readonly direction: "ingress" | "egress";
  /** Rule description shown in the console and in plans. */
  readonly description: string;
  /** `tcp`, `udp`, or `-1` (all protocols: node to node only). */
  readonly ipProtocol: "tcp" | "udp" | "-1";
  /** First port; absent with `-1`. */
  readonly fromPort?: number;
  /** Last port; absent with `-1`. */
  readonly toPort?: number;
  readonly peer: NodeRulePeer;
}

/** A TCP port the control plane calls on pods or nodes, and what listens there. */
export interface ControlPlanePort {
  readonly port: number;
  /** What serves on the port, for the description (`AWS Load Balancer Controller webhooks`). */
  readonly purpose: string;
}

/** A data tier the nodes' pods may reach: its ranges and ports, as its security group admits them. */
export interface DataTierEgress {
  /** Identity of the tier in construct ids: `persistence` for the cluster's own, `peer-<env>` for a peered one. */
  readonly name: string;
  /** What it is, for descriptions (`persistence subnet a`, `peered environment production`). */
  readonly label: string;
  /** The tier's ranges, each with its identity (`a`, or the CIDR's id). */
  readonly ranges: readonly { readonly key: string; readonly cidr: string }[];
  /** TCP ports its security group admits from this cluster's nodes. */
  readonly ports: readonly number[];
}

/** Extra egress the operator lists (the model's `eks.nodeEgress`). */
export interface ExtraNodeEgress {
  /** Name of the entry: part of the construct id. */
  readonly name: string;
  readonly description: string;
  readonly protocol: "tcp" | "udp";
  readonly ports: readonly number[];
  readonly cidrs: readonly string[];
}

/** Options of {@link nodeSecurityGroupRules}. */
export interface NodeSecurityGroupRuleOptions {
  /** Name of the cluster, for descriptions. */
  readonly clusterName: string;
  /** Ports the control plane calls besides the kubelet's 10250 (webhooks, aggregated APIs). @default - none */
  readonly controlPlanePorts?: readonly ControlPlanePort[];
  /** The VPC resolver as a /32 (VPC base + 2). */
  readonly vpcResolverCidr: string;
  /** Data tiers the pods reach. @default - none */
  readonly dataTiers?: readonly DataTierEgress[];
  /** Extra egress the model lists. @default - none */
  readonly extraEgress?: readonly ExtraNodeEgress[];
}

/** The kubelet's port: `kubectl logs/exec/port-forward` and the API server's node proxy. */
export const KUBELET_PORT = 10250;

function distinct<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/**
 * Every rule of the node security group, ingress first. Egress to the internet is TCP 443 only
 * (POLICY.md's listed AWS-0104 exception), never all traffic (CKV_AWS_382).
 */
export function nodeSecurityGroupRules(options: NodeSecurityGroupRuleOptions): NodeSecurityGroupRule[] {
  const c = options.clusterName;
  // One rule per port: two add-ons on the same port (9443) share it and both show in its description.
  const byPort = new Map<number, string[]>([[KUBELET_PORT, ["kubelet"]]]);
  for (const p of options.controlPlanePorts ?? []) byPort.set(p.port, distinct([...(byPort.get(p.port) ?? []), p.purpose]));
  const fromControlPlane: NodeSecurityGroupRule[] = [...byPort.entries()]
    .sort(([a], [b]) => a - b)
    .map(([port, purposes]) => ({
      id: `ingress-control-plane-tcp-${port}`,
      direction: "ingress",
      description: `TCP ${port} from the ${c} control plane: ${purposes.join(", ")}`,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      peer: { controlPlane: true },
    }));
  const rules: NodeSecurityGroupRule[] = [
    {
      id: "ingress-nodes-all",
      direction: "ingress",
      description: `All traffic from nodes and pods of ${c} (pod to pod, CoreDNS, kubelet probes)`,
      ipProtocol: "-1",
      peer: { self: true },
    },
    ...fromControlPlane,
    {
      id: "egress-nodes-all",
      direction: "egress",
      description: `All traffic to nodes and pods of ${c} (pod to pod, CoreDNS)`,
      ipProtocol: "-1",
      peer: { self: true },
    },
    {
      id: "egress-control-plane-tcp-443",
      direction: "egress",
      description: `HTTPS to the ${c} Kubernetes API (kubelet, pods)`,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      peer: { controlPlane: true },
    },
    {
      id: "egress-internet-tcp-443",
      direction: "egress",
      description: "HTTPS to AWS APIs and container registries (ECR, EKS, STS, EC2) through NAT or interface endpoints",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      peer: { cidrIpv4: "0.0.0.0/0" },
    },
    ...(["udp", "tcp"] as const).map(
      (protocol): NodeSecurityGroupRule => ({
        id: `egress-vpc-resolver-${protocol}-53`,
        direction: "egress",
        description: `DNS (${protocol.toUpperCase()} 53) to the VPC resolver ${options.vpcResolverCidr}`,
        ipProtocol: protocol,
        fromPort: 53,
        toPort: 53,
        peer: { cidrIpv4: options.vpcResolverCidr },
      }),
    ),
  ];
  for (const tier of options.dataTiers ?? []) {
    for (const range of tier.ranges) {
      for (const port of distinct(tier.ports)) {
        rules.push({
          id: `egress-${tier.name}-${range.key}-tcp-${port}`,
          direction: "egress",
          description: `${portLabel(port)} to ${tier.label} (${range.cidr})`,
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
          peer: { cidrIpv4: range.cidr },
        });
      }
    }
  }
  for (const extra of options.extraEgress ?? []) {
    for (const cidr of distinct(extra.cidrs)) {
      for (const port of distinct(extra.ports)) {
        rules.push({
          id: `egress-extra-${extra.name}-${cidrId(cidr)}-${extra.protocol}-${port}`,
          direction: "egress",
          description: `${extra.protocol.toUpperCase()} ${port} to ${cidr}: ${extra.description}`,
          ipProtocol: extra.protocol,
          fromPort: port,
          toPort: port,
          peer: { cidrIpv4: cidr },
        });
      }
    }
  }
  return rules;
}

/** A rule of the migration bridge: on the node group or on the EKS cluster security group, the other group its peer. */
export interface BridgeRule {
  readonly id: string;
  /** The group that holds the rule. */
  readonly on: "nodes" | "cluster";
  readonly direction: "ingress" | "egress";
  readonly description: string;
}

/**
 * The bridge for the rollout that moves an existing cluster's nodes out of the EKS cluster security
 * group: while the node groups roll (and Karpenter replaces its drifted nodes), old nodes are in the
 * cluster security group and new ones in the node group. The cluster security group admits only
 * itself and the node group only its own members, so without these CoreDNS and ingress traffic
 * between old and new nodes would fail. All traffic both ways; the cluster security group's own
 * egress is EKS's allow-all, so it needs no egress rule. Removed once every node is new.
 */
export function clusterSecurityGroupBridgeRules(clusterName: string): BridgeRule[] {
  return [
    { id: "ingress-cluster-security-group-all", on: "nodes", direction: "ingress", description: `Migration bridge: all traffic from the EKS cluster security group of ${clusterName} (old nodes)` },
    { id: "egress-cluster-security-group-all", on: "nodes", direction: "egress", description: `Migration bridge: all traffic to the EKS cluster security group of ${clusterName} (old nodes)` },
    { id: "cluster-security-group-ingress-nodes-all", on: "cluster", direction: "ingress", description: `Migration bridge: all traffic from the node security group of ${clusterName} (new nodes)` },
  ];
}
