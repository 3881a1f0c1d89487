/**
 * What an add-on is: one unit with an AWS side (its identity and IAM policy, in the `<env>`
 * stack, inside the cluster's construct so its addresses are `eks_<id>_...`) and a cluster side
 * (its namespace, Helm release and policies, in the `<env>-platform` stack). Both stacks loop
 * over the registry (registry.ts); an add-on's folder holds both sides, its typed values and its
 * tests. Only an add-on's `addTo*` functions read the model: its constructs take plain props.
 */
import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import type { ClusterAttributes } from "../eks/cluster-attributes";
import type { EksCluster } from "../eks/eks-cluster";
import type { Environment, Org, Platform } from "../model/org";

/** One value the AWS side hands to the cluster side: a Terraform output of the `<env>` stack. */
export interface AddonOutput {
  readonly value: string;
  /** What the value is, for the output's description. */
  readonly description: string;
}

/** Outputs by output name (`external-dns-role-arn`): unique across add-ons, as they share the stack's outputs. */
export type AddonOutputs = Readonly<Record<string, AddonOutput>>;

/** What an add-on's AWS side is given, in the `<env>` stack. */
export interface AddonAwsContext {
  readonly org: Org;
  /** The environment; it has a cluster. */
  readonly environment: Environment;
  /** The cluster: the scope of the add-on's AWS resources, and its IRSA factory. */
  readonly cluster: EksCluster;
}

/** What an add-on's cluster side is given, in the `<env>-platform` stack. */
export interface AddonClusterContext {
  readonly org: Org;
  readonly environment: Environment;
  /** The environment's platform block. */
  readonly platform: Platform;
  /** The cluster's attributes (tokens become cross-stack references). */
  readonly cluster: ClusterAttributes;
  /** This add-on's AWS-side output values by name (cross-stack references in a real app). */
  readonly outputs: Readonly<Record<string, string>>;
  /** Add-ons installed before this one, in registry order, by name. */
  readonly installed: ReadonlyMap<string, InstalledAddon>;
}

/** What the cluster side installed: what application namespaces and later add-ons need. */
export interface InstalledAddon {
  /** The add-on's namespace. */
  readonly namespace: string;
  /** The construct that holds it. */
  readonly construct: Construct;
  /** What a dependent waits for (its Helm release). */
  readonly ready: readonly ITerraformDependable[];
  /** Whether it is the cluster's ingress controller: application namespaces admit traffic from its namespace. @default false */
  readonly ingressController?: boolean;
}

export interface Addon {
  /** Name: the construct id of both sides and the key of the registry. */
  readonly name: string;
  /** The namespace its cluster side owns; application namespaces may not take it (RESERVED_NAMESPACES). */
  readonly namespace: string;
  /** Whether the environment (which has a cluster) runs this add-on. */
  isEnabled(environment: Environment): boolean;
  /** Creates the AWS side in the cluster's construct and returns what the cluster side needs. @default - no AWS side */
  addAwsResources?(context: AddonAwsContext): AddonOutputs;
  /** Creates the cluster side in `scope` (the platform stack). @default - no cluster side */
  addClusterResources?(scope: Construct, context: AddonClusterContext): InstalledAddon;
}
