/**
 * The values of the project's own `karpenter-node-pools` chart (./chart): the EC2NodeClass and
 * the NodePools, rendered from plain options. No constructs.
 *
 * Why a chart of our own: kubernetes_manifest needs the CRDs and the API server at plan time, so
 * a fresh cluster would need two applies. A helm_release of a local chart plans without the API
 * (Helm renders at apply) and is applied after the karpenter-crd and karpenter releases in the
 * same run. `helm` is not installed where the tests run, so the templates are kept trivial: each
 * one wraps a list entry's `spec` in apiVersion/kind/metadata.name (`toYaml .spec`), and
 * `nodePoolManifests` below is that same mapping in TypeScript; node-pools.test.ts checks the
 * templates are exactly that mapping and the manifests against the Karpenter v1 API.
 *
 * Node hardening, as the managed nodes have it: IMDSv2 required with a hop limit of 1, an
 * encrypted gp3 root volume, the cluster's node security group (selected by its discovery tag), the
 * private subnets (by theirs), an Amazon Linux 2023 AMI alias.
 */
import type { NodePool } from "./model";
import { KARPENTER_DISCOVERY_TAG } from "./service-account";

/** The one EC2NodeClass every pool uses. */
export const NODE_CLASS_NAME = "default";

/** `spec` of a karpenter.k8s.aws/v1 EC2NodeClass (the fields this project sets). */
export interface Ec2NodeClassSpec {
  readonly role: string;
  readonly amiSelectorTerms: readonly { readonly alias: string }[];
  readonly subnetSelectorTerms: readonly { readonly tags: Readonly<Record<string, string>> }[];
  readonly securityGroupSelectorTerms: readonly { readonly tags: Readonly<Record<string, string>> }[];
  readonly metadataOptions: {
    readonly httpEndpoint: "enabled";
    readonly httpProtocolIPv6: "disabled";
    readonly httpPutResponseHopLimit: 1;
    readonly httpTokens: "required";
  };
  readonly blockDeviceMappings: readonly {
    readonly deviceName: string;
    readonly rootVolume: true;
    readonly ebs: { readonly volumeSize: string; readonly volumeType: "gp3"; readonly encrypted: true; readonly deleteOnTermination: true };
  }[];
  readonly tags: Readonly<Record<string, string>>;
}

/** `spec` of a karpenter.sh/v1 NodePool (the fields this project sets). */
export interface NodePoolSpec {
  readonly template: {
    readonly metadata?: { readonly labels: Readonly<Record<string, string>> };
    readonly spec: {
      readonly nodeClassRef: { readonly group: "karpenter.k8s.aws"; readonly kind: "EC2NodeClass"; readonly name: string };
      readonly requirements: readonly { readonly key: string; readonly operator: "In" | "Gt"; readonly values: readonly string[] }[];
      readonly taints?: readonly { readonly key: string; readonly value?: string; readonly effect: string }[];
      readonly expireAfter: string;
    };
  };
  readonly disruption: {
    readonly consolidationPolicy: string;
    readonly consolidateAfter: string;
    readonly budgets: readonly { readonly nodes: string; readonly schedule?: string; readonly duration?: string; readonly reasons?: readonly string[] }[];
  };
  readonly limits: { readonly cpu: string; readonly memory: string };
  readonly weight?: number;
}

/** The chart's values. */
export interface NodePoolsChartValues {
  readonly nodeClasses: readonly { readonly name: string; readonly spec: Ec2NodeClassSpec }[];
  readonly nodePools: readonly { readonly name: string; readonly spec: NodePoolSpec }[];
}

/** Inputs of the chart's values. */
export interface NodePoolsChartOptions {
  /** Cluster name: the discovery tag's value on the private subnets and the node security group. */
  readonly clusterName: string;
  /** Name of the node role (Karpenter creates the instance profile for it). */
  readonly nodeRoleName: string;
  /** AMI alias, `al2023@latest` or `al2023@v<YYYYMMDD>`. */
  readonly amiAlias: string;
  /** Root volume size in GiB. */
  readonly diskSizeGiB: number;
  /** Tags of the instances, volumes and network interfaces Karpenter launches (besides its own). @default - Name only */
  readonly tags?: Readonly<Record<string, string>>;
  /** The pools. */
  readonly nodePools: readonly NodePool[];
}

/** The EC2NodeClass spec. */
export function ec2NodeClassSpec(options: Omit<NodePoolsChartOptions, "nodePools">): Ec2NodeClassSpec {
  if (!/^al2023@/.test(options.amiAlias)) {
    // The root device below is Amazon Linux's; Bottlerocket's layout differs.
    throw new Error(`amiAlias ${options.amiAlias}: only Amazon Linux 2023 aliases (al2023@...) are supported`);
  }
  // A fresh object per use: one shared object would render as a YAML anchor and alias.
  const discovery = () => ({ [KARPENTER_DISCOVERY_TAG]: options.clusterName });
  return {
    role: options.nodeRoleName,
    amiSelectorTerms: [{ alias: options.amiAlias }],
    subnetSelectorTerms: [{ tags: discovery() }],
    securityGroupSelectorTerms: [{ tags: discovery() }],
    metadataOptions: { httpEndpoint: "enabled", httpProtocolIPv6: "disabled", httpPutResponseHopLimit: 1, httpTokens: "required" },
    blockDeviceMappings: [
      {
        // Root device of the EKS-optimized Amazon Linux AMIs, as on the managed nodes' launch template.
        deviceName: "/dev/xvda",
        rootVolume: true,
        ebs: { volumeSize: `${options.diskSizeGiB}Gi`, volumeType: "gp3", encrypted: true, deleteOnTermination: true },
      },
    ],
    tags: { ...options.tags, Name: `${options.clusterName}-karpenter` },
  };
}

/** A NodePool spec from the model's pool. */
export function nodePoolSpec(pool: NodePool): NodePoolSpec {
  const requirement = (key: string, values: readonly string[] | undefined) => (values ? [{ key, operator: "In" as const, values: [...values] }] : []);
  const requirements = [
    ...requirement("kubernetes.io/arch", pool.architectures),
    ...requirement("kubernetes.io/os", ["linux"]),
    ...requirement("karpenter.sh/capacity-type", pool.capacityTypes),
    ...requirement("karpenter.k8s.aws/instance-category", pool.instanceCategories),
    ...(pool.minInstanceGenerationExclusive !== undefined
      ? [{ key: "karpenter.k8s.aws/instance-generation", operator: "Gt" as const, values: [String(pool.minInstanceGenerationExclusive)] }]
      : []),
    ...requirement("karpenter.k8s.aws/instance-family", pool.instanceFamilies),
    ...requirement("karpenter.k8s.aws/instance-size", pool.instanceSizes),
    ...requirement("node.kubernetes.io/instance-type", pool.instanceTypes),
  ];
  return {
    template: {
      ...(Object.keys(pool.labels).length > 0 ? { metadata: { labels: { ...pool.labels } } } : {}),
      spec: {
        nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: NODE_CLASS_NAME },
        requirements,
        ...(pool.taints.length > 0 ? { taints: pool.taints.map((t) => ({ ...t })) } : {}),
        expireAfter: pool.expireAfter,
      },
    },
    disruption: {
      consolidationPolicy: pool.consolidationPolicy,
      consolidateAfter: pool.consolidateAfter,
      budgets: pool.disruptionBudgets.map((b) => ({ ...b })),
    },
    limits: { cpu: String(pool.limits.cpu), memory: `${pool.limits.memoryGiB}Gi` },
    ...(pool.weight !== undefined ? { weight: pool.weight } : {}),
  };
}

/** The chart's values for the cluster's node class and pools. */
export function nodePoolsChartValues(options: NodePoolsChartOptions): NodePoolsChartValues {
  if (options.nodePools.length === 0) throw new Error("nodePools is empty; Karpenter launches nothing without a NodePool");
  return {
    nodeClasses: [{ name: NODE_CLASS_NAME, spec: ec2NodeClassSpec(options) }],
    nodePools: options.nodePools.map((pool) => ({ name: pool.name, spec: nodePoolSpec(pool) })),
  };
}

/** The API objects the chart's templates render from `values` (the same mapping, in TypeScript). */
export function nodePoolManifests(values: NodePoolsChartValues): { apiVersion: string; kind: string; metadata: { name: string }; spec: unknown }[] {
  return [
    ...values.nodeClasses.map((c) => ({ apiVersion: "karpenter.k8s.aws/v1", kind: "EC2NodeClass", metadata: { name: c.name }, spec: c.spec })),
    ...values.nodePools.map((p) => ({ apiVersion: "karpenter.sh/v1", kind: "NodePool", metadata: { name: p.name }, spec: p.spec })),
  ];
}
