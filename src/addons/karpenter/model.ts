/**
 * The node-autoscaling fragment of the environments file: `environments.<name>.eks.autoscaling`,
 * `eks.nodePools[]` and `eks.karpenter`, with their derivation into the model and their
 * cross-field rules. Zod and plain functions only (no constructs): src/model/schema.ts spreads
 * `nodeAutoscalingFields` into the eks block, src/model/derive.ts calls `deriveNodeAutoscaling`
 * and src/model/rules.ts `checkNodeAutoscaling`.
 *
 * With `autoscaling: karpenter` (the default) the eks block's node groups are the small system
 * group that runs Karpenter and the add-ons, and the pools here are what Karpenter provisions
 * for everything else. With `cluster-autoscaler` the node groups themselves scale between their
 * `min` and `max`. With `none` nothing scales: node groups keep the size they were created with.
 */
import { z } from "zod";
import type { FilePath, Problem } from "../../model/problems";

/** The three modes. */
export const AUTOSCALING_MODES = ["karpenter", "cluster-autoscaler", "none"] as const;
export type AutoscalingMode = (typeof AUTOSCALING_MODES)[number];

/** A Karpenter duration (`30s`, `1m`, `720h`, `1h30m`). */
const duration = z.string().regex(/^([0-9]+(s|m|h))+$/, { message: "must be a duration such as 30s, 10m or 720h" });

const kubernetesKey = z.string().min(1, { message: "must not be empty" }).max(317, { message: "a Kubernetes key is at most 253 characters of prefix, '/' and 63 of name" });
const kubernetesValue = z.string().max(63, { message: "a Kubernetes label or taint value is at most 63 characters" });

const disruptionBudget = z.strictObject({
  nodes: z
    .string()
    .regex(/^((100|[0-9]{1,2})%|[0-9]+)$/, { message: "must be a node count such as \"2\" or a percentage such as \"10%\"" })
    .describe("Nodes Karpenter may disrupt at once: a count or a percentage of the pool."),
  schedule: z.string().min(1).optional().describe("Cron schedule (UTC) when the budget is active; needs `duration`. @default always active"),
  duration: z
    .string()
    .regex(/^([0-9]+h)?([0-9]+m)?$/, { message: "must be a duration in hours and minutes such as 8h or 1h30m" })
    .optional()
    .describe("How long the budget is active after each `schedule` start."),
  reasons: z.array(z.enum(["Underutilized", "Empty", "Drifted"])).optional().describe("Disruption reasons the budget applies to. @default all"),
});

const nodePool = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, { message: "must be a DNS label: lowercase letters, digits and '-'" })
      .max(63, { message: "must be at most 63 characters" })
      .describe("NodePool name, unique in the cluster."),
    capacityTypes: z
      .array(z.enum(["spot", "onDemand"]))
      .min(1)
      .optional()
      .describe("Capacity types Karpenter may launch; with both it prefers spot. @default [onDemand] in production, else [spot, onDemand]"),
    instanceCategories: z
      .array(z.string().regex(/^[a-z]$/, { message: "must be an instance category letter such as c, m or r" }))
      .min(1)
      .optional()
      .describe("Instance categories (c, m, r, ...). @default [c, m, r], generation 3 or newer, unless families, sizes or types are given"),
    instanceFamilies: z
      .array(z.string().regex(/^[a-z][a-z0-9-]*$/, { message: "must be an instance family such as m6i" }))
      .min(1)
      .optional()
      .describe("Instance families (m6i, c7g, ...)."),
    instanceSizes: z
      .array(z.string().regex(/^[a-z0-9]+$/, { message: "must be an instance size such as large or 2xlarge" }))
      .min(1)
      .optional()
      .describe("Instance sizes (large, xlarge, 2xlarge, ...)."),
    instanceTypes: z
      .array(z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { message: "must be an EC2 instance type such as m6i.large" }))
      .min(1)
      .optional()
      .describe("Explicit instance types; conflicts with instanceCategories, instanceFamilies and instanceSizes."),
    architectures: z.array(z.enum(["amd64", "arm64"])).min(1).default(["amd64"]).describe("CPU architectures."),
    labels: z.record(kubernetesKey, kubernetesValue).default({}).describe("Kubernetes labels on the pool's nodes."),
    taints: z
      .array(z.strictObject({ key: kubernetesKey, value: kubernetesValue.optional(), effect: z.enum(["NoSchedule", "NoExecute", "PreferNoSchedule"]) }))
      .default([])
      .describe("Kubernetes taints on the pool's nodes; only pods that tolerate them land there."),
    limits: z
      .strictObject({
        cpu: z.number().int().min(1).describe("Most vCPUs the pool's nodes may have together."),
        memoryGiB: z.number().int().min(1).describe("Most memory (GiB) the pool's nodes may have together."),
      })
      .optional()
      .describe("Caps on the pool's total size. @default 256 vCPU / 1024 GiB in production, else 32 vCPU / 128 GiB"),
    consolidationPolicy: z
      .enum(["WhenEmpty", "WhenEmptyOrUnderutilized"])
      .default("WhenEmptyOrUnderutilized")
      .describe("Which nodes Karpenter consolidates: only empty ones, or also underutilized ones."),
    consolidateAfter: duration.default("1m").describe("How long a node must be consolidatable before Karpenter acts."),
    disruptionBudgets: z.array(disruptionBudget).min(1).default([{ nodes: "10%" }]).describe("Limits on how many nodes Karpenter disrupts at once."),
    expireAfter: z
      .union([duration, z.literal("Never")])
      .default("720h")
      .describe("Node lifetime: nodes older than this are replaced (fresh AMI, patched kernel); Never keeps them."),
    weight: z.number().int().min(1).max(100).optional().describe("Priority among pools that fit a pod (higher first). @default - none"),
  })
  .describe("A Karpenter NodePool: what Karpenter may launch for pending pods.");

/** The AMI alias of EC2NodeClass: Amazon Linux 2023, latest or a release (`al2023@v20250101`). */
const amiAlias = z
  .string()
  .regex(/^al2023@(latest|v\d{8})$/, { message: "must be an Amazon Linux 2023 alias: al2023@latest or al2023@v<YYYYMMDD> (an amazon-eks-ami release)" });

/** The fields spread into `environments.<name>.eks`. */
export const nodeAutoscalingFields = {
  autoscaling: z
    .enum(AUTOSCALING_MODES)
    .default("karpenter")
    .describe(
      "Node autoscaling: karpenter (node groups are the system group; nodePools say what Karpenter launches), cluster-autoscaler (node groups scale between min and max), or none.",
    ),
  nodePools: z.array(nodePool).optional().describe("Karpenter NodePools; only with autoscaling karpenter. @default one pool named default"),
  karpenter: z
    .strictObject({
      amiAlias: amiAlias
        .default("al2023@latest")
        .describe("AMI alias of the nodes Karpenter launches. @default al2023@latest (synth warns: pin an amazon-eks-ami release such as al2023@vYYYYMMDD)"),
      diskSizeGiB: z.number().int().min(20).max(16384).default(50).describe("Encrypted gp3 root volume of Karpenter's nodes in GiB."),
    })
    .optional()
    .describe("The EC2NodeClass every NodePool uses; only with autoscaling karpenter."),
};

type NodePoolSpec = z.output<typeof nodePool>;

/** One Karpenter NodePool of the model, defaults applied. */
export interface NodePool {
  readonly name: string;
  /** In Karpenter's spelling. */
  readonly capacityTypes: readonly ("spot" | "on-demand")[];
  readonly instanceCategories?: readonly string[];
  /** Instance generation greater than this; set with the default categories. */
  readonly minInstanceGenerationExclusive?: number;
  readonly instanceFamilies?: readonly string[];
  readonly instanceSizes?: readonly string[];
  readonly instanceTypes?: readonly string[];
  readonly architectures: readonly ("amd64" | "arm64")[];
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly { readonly key: string; readonly value?: string; readonly effect: "NoSchedule" | "NoExecute" | "PreferNoSchedule" }[];
  readonly limits: { readonly cpu: number; readonly memoryGiB: number };
  readonly consolidationPolicy: "WhenEmpty" | "WhenEmptyOrUnderutilized";
  readonly consolidateAfter: string;
  readonly disruptionBudgets: readonly { readonly nodes: string; readonly schedule?: string; readonly duration?: string; readonly reasons?: readonly string[] }[];
  readonly expireAfter: string;
  readonly weight?: number;
}

/** The EC2NodeClass settings of the model. */
export interface KarpenterNodeClass {
  readonly amiAlias: string;
  readonly diskSizeGiB: number;
}

/** What the model's EnvironmentCluster carries about node autoscaling. */
export interface NodeAutoscaling {
  readonly autoscaling: AutoscalingMode;
  /** Karpenter's pools; empty unless `autoscaling` is karpenter. */
  readonly nodePools: readonly NodePool[];
  /** The node class; set only with karpenter. */
  readonly karpenter?: KarpenterNodeClass;
}

/** The AMI alias when the file names none. Not a pinned release: no release version could be verified offline; synth warns. */
export const DEFAULT_AMI_ALIAS = "al2023@latest";

/** Default caps of a pool (vCPU, GiB). */
export const DEFAULT_POOL_LIMITS = {
  production: { cpu: 256, memoryGiB: 1024 },
  other: { cpu: 32, memoryGiB: 128 },
} as const;

/** The pool when the file lists none (and the defaults of every listed pool). */
export function defaultNodePoolSpec(): NodePoolSpec {
  return nodePool.parse({ name: "default" });
}

/** The eks block's autoscaling fields as the model has them. */
export function deriveNodeAutoscaling(
  eks: { autoscaling: AutoscalingMode; nodePools?: NodePoolSpec[]; karpenter?: { amiAlias: string; diskSizeGiB: number } },
  production: boolean,
): NodeAutoscaling {
  if (eks.autoscaling !== "karpenter") return { autoscaling: eks.autoscaling, nodePools: [] };
  const pools = eks.nodePools && eks.nodePools.length > 0 ? eks.nodePools : [defaultNodePoolSpec()];
  return {
    autoscaling: "karpenter",
    nodePools: pools.map((p) => derivePool(p, production)),
    karpenter: { amiAlias: eks.karpenter?.amiAlias ?? DEFAULT_AMI_ALIAS, diskSizeGiB: eks.karpenter?.diskSizeGiB ?? 50 },
  };
}

function derivePool(p: NodePoolSpec, production: boolean): NodePool {
  const explicit = p.instanceCategories ?? p.instanceFamilies ?? p.instanceSizes ?? p.instanceTypes;
  // Upstream's getting-started NodePool: categories c, m, r of generation 3 or newer.
  const categories = p.instanceCategories ?? (explicit ? undefined : ["c", "m", "r"]);
  const capacity = p.capacityTypes ?? (production ? ["onDemand"] : ["spot", "onDemand"]);
  return {
    name: p.name,
    capacityTypes: capacity.map((c) => (c === "onDemand" ? "on-demand" : "spot")),
    ...(categories ? { instanceCategories: [...categories] } : {}),
    ...(explicit ? {} : { minInstanceGenerationExclusive: 2 }),
    ...(p.instanceFamilies ? { instanceFamilies: [...p.instanceFamilies] } : {}),
    ...(p.instanceSizes ? { instanceSizes: [...p.instanceSizes] } : {}),
    ...(p.instanceTypes ? { instanceTypes: [...p.instanceTypes] } : {}),
    architectures: [...p.architectures],
    labels: { ...p.labels },
    taints: p.taints.map((t) => ({ ...t })),
    limits: { ...(p.limits ?? (production ? DEFAULT_POOL_LIMITS.production : DEFAULT_POOL_LIMITS.other)) },
    consolidationPolicy: p.consolidationPolicy,
    consolidateAfter: p.consolidateAfter,
    disruptionBudgets: p.disruptionBudgets.map((b) => ({ ...b, ...(b.reasons ? { reasons: [...b.reasons] } : {}) })),
    expireAfter: p.expireAfter,
    ...(p.weight !== undefined ? { weight: p.weight } : {}),
  };
}

/** A finding that does not stop synth (the shape of rules.ts's Warning). */
interface AutoscalingWarning {
  readonly path: FilePath;
  readonly message: string;
  readonly stack?: string;
}

/** Cross-field rules of the fragment; `at` builds paths under the environment. */
export function checkNodeAutoscaling(
  eks: { autoscaling: AutoscalingMode; nodePools?: NodePoolSpec[]; karpenter?: { amiAlias: string } },
  at: (...rest: (string | number)[]) => FilePath,
  problems: Problem[],
  warnings: AutoscalingWarning[],
  platformStack: string,
): void {
  if (eks.autoscaling !== "karpenter") {
    if (eks.nodePools !== undefined) {
      problems.push({
        path: at("eks", "nodePools"),
        message: `is set while autoscaling is ${eks.autoscaling}; node pools are what Karpenter launches, so set autoscaling: karpenter or remove nodePools`,
      });
    }
    if (eks.karpenter !== undefined) {
      problems.push({
        path: at("eks", "karpenter"),
        message: `is set while autoscaling is ${eks.autoscaling}; it configures Karpenter's nodes, so set autoscaling: karpenter or remove it`,
      });
    }
    return;
  }
  const names = new Set<string>();
  (eks.nodePools ?? []).forEach((pool, i) => {
    if (names.has(pool.name)) problems.push({ path: at("eks", "nodePools", i, "name"), message: `${pool.name} is listed twice; node pool names are unique in a cluster` });
    names.add(pool.name);
    const selectors = (["instanceCategories", "instanceFamilies", "instanceSizes"] as const).filter((k) => pool[k] !== undefined);
    if (pool.instanceTypes !== undefined && selectors.length > 0) {
      problems.push({
        path: at("eks", "nodePools", i, "instanceTypes"),
        message: `is set together with ${selectors.join(", ")}; list explicit instance types or describe them by category, family and size, not both`,
      });
    }
    pool.disruptionBudgets.forEach((b, j) => {
      if ((b.schedule === undefined) !== (b.duration === undefined)) {
        problems.push({
          path: at("eks", "nodePools", i, "disruptionBudgets", j),
          message: "has only one of schedule and duration; a scheduled budget needs both (the cron start and how long it lasts)",
        });
      }
    });
  });
  const alias = eks.karpenter?.amiAlias ?? DEFAULT_AMI_ALIAS;
  if (alias.endsWith("@latest")) {
    warnings.push({
      path: eks.karpenter ? at("eks", "karpenter", "amiAlias") : at("eks"),
      stack: platformStack,
      message: `Karpenter's nodes use ${alias}: every new Amazon Linux 2023 EKS AMI release drifts and replaces them; pin a release (al2023@vYYYYMMDD, an amazon-eks-ami release tag) and bump it deliberately`,
    });
  }
}
