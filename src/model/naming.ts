/**
 * Names the stacks give AWS resources, decided in one place so that the loader can check
 * them against AWS limits before anything is synthesized. No constructs.
 */

/** AWS partition of a region. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** `us-east-1a` -> `a`: the part of an AZ name after its region. */
export function azSuffix(az: string, region: string): string {
  return az.startsWith(region) ? az.slice(region.length) : az;
}

/** The role Terraform assumes in an environment account. */
export function deployRoleArn(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/** IAM role names an environment creates; each must stay within IAM's 64 characters. */
export function roleNames(prefix: string) {
  return {
    flowLogs: `${prefix}-vpc-flow-logs`,
    eksCluster: `${prefix}-eks-cluster`,
    eksNode: `${prefix}-eks-node`,
    vpcCni: `${prefix}-irsa-vpc-cni`,
    ebsCsi: `${prefix}-irsa-ebs-csi`,
    externalDns: `${prefix}-irsa-external-dns`,
    cloudwatchAgent: `${prefix}-irsa-cw-agent`,
    /** In the public zone's account, when it is not the environment's: the role ExternalDNS assumes to change records. */
    externalDnsRecords: `${prefix}-external-dns-records`,
    /** Karpenter's controller (IRSA) and the nodes it launches. */
    karpenter: `${prefix}-irsa-karpenter`,
    karpenterNode: `${prefix}-karpenter-node`,
    clusterAutoscaler: `${prefix}-irsa-autoscaler`,
    /** Cluster-admin of the platform stack's providers; only the environment's deploy role may assume it. */
    platformDeploy: `${prefix}-platform-deploy`,
  } as const;
}

/** IAM's limit on role names. */
export const IAM_ROLE_NAME_MAX = 64;

/** Names of the state stack's resources. */
export function stateNames(organization: string, bucket: string) {
  return {
    kmsAlias: `alias/${organization}-terraform-state`,
    accessLogBucket: `${bucket}-logs`,
    lockTable: `${organization}-terraform-locks`,
  } as const;
}

/** Stack names and their state keys. */
export const stackNames = {
  state: "state",
  environment: (env: string) => env,
  platform: (env: string) => `${env}-platform`,
  peering: "peering",
  /** ExternalDNS's records roles in the public zone's account, for clusters outside it. */
  dns: "dns",
} as const;

/** One stack of an organization, for the loader's check that no two stacks share a name. */
export interface OrganizationStack {
  /** The stack's name (its construct id and its folder in cdktf.out/stacks). */
  readonly name: string;
  /** What the stack is, in a message's words. */
  readonly what: string;
  /** The environment the stack belongs to; none for the state and peering stacks. */
  readonly environment?: string;
  /** True for an environment's own stack (named after the environment). */
  readonly environmentStack?: boolean;
}

/**
 * Every stack name an organization uses, built with stackNames as src/app.ts builds the stacks.
 * The peering stack is listed even when nothing peers yet: adding a peer later must not
 * turn a valid file into a synth crash.
 */
export function organizationStacks(environments: readonly { readonly name: string; readonly cluster: boolean }[]): OrganizationStack[] {
  return [
    { name: stackNames.state, what: "the state stack (the S3 state bucket)" },
    { name: stackNames.peering, what: "the peering stack (the peering connections and their routes)" },
    { name: stackNames.dns, what: "the dns stack (ExternalDNS's roles in the public zone's account)" },
    ...environments.flatMap(({ name, cluster }): OrganizationStack[] => [
      { name: stackNames.environment(name), what: `the stack of environment ${name}`, environment: name, environmentStack: true },
      ...(cluster ? [{ name: stackNames.platform(name), what: `the platform stack of ${name}'s cluster (its add-ons)`, environment: name }] : []),
    ]),
  ];
}

export const stateKeys = {
  /** The state stack's own state, once migrated into the bucket. */
  state: "state/state.tfstate",
  environment: (env: string) => `${env}/network-cluster.tfstate`,
  platform: (env: string) => `${env}/platform.tfstate`,
  peering: "peering/peering.tfstate",
  dns: "dns/dns.tfstate",
} as const;

/** S3 bucket naming rules: 3-63 characters of lowercase letters, digits, '.' and '-', starting and ending with a letter or digit, not an IP address. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `must be 3-63 characters long (it is ${name.length})`;
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) {
    return "may hold only lowercase letters, digits, '.' and '-', and must start and end with a letter or digit";
  }
  if (/\.\.|\.-|-\./.test(name)) return "must not have '..', '.-' or '-.'";
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return "must not look like an IP address";
  if (name.startsWith("xn--") || name.endsWith("-s3alias")) return "must not start with 'xn--' or end with '-s3alias'";
  return undefined;
}

/** Namespaces Kubernetes or the platform stack owns; application namespaces may not take these names. */
export const RESERVED_NAMESPACES: readonly string[] = [
  "default",
  "kube-system",
  "kube-public",
  "kube-node-lease",
  // The add-ons' own namespaces (src/addons/registry.test.ts checks every registered add-on's is here).
  "external-dns",
  "ingress-nginx",
  "metrics-server",
  "aws-load-balancer-controller",
  "amazon-cloudwatch",
  "karpenter",
  "cluster-autoscaler",
];

/**
 * Name prefix of an EKS managed node group: `<group>-`. The aws provider appends a 26-character
 * unique suffix, so a replacement group can exist beside the old one. Names need to be unique
 * only within their cluster, so the prefix leaves the cluster's name out and keeps room for it.
 */
export function nodeGroupNamePrefix(groupName: string): string {
  return `${groupName}-`;
}
