/**
 * The typed, frozen organization model that every stack and construct is built from.
 * Everything here is decided by the loader before any construct exists: CIDR plan, names,
 * accounts, roles, peering graph. Constructs never read files, env vars or AWS.
 */
import type { Alerts } from "../observability/model";
import type { EnvironmentVpn } from "../vpn/model";
import type { NodeAutoscaling } from "../addons/karpenter/model";
import type { NodeEgressSettings } from "./node-security-group";

import type { ReadOnlyExtra } from "./security";
import type { NetworkAccess } from "./network-access";

/** Subnet tiers of every VPC. */
export type SubnetTier = "public" | "private" | "persistence";
export const SUBNET_TIERS: readonly SubnetTier[] = ["public", "private", "persistence"];

export type NatMode = "perAz" | "single" | "none";

/** The subnets of one availability zone: one of each tier, plus the EKS control plane's in environments with a cluster. */
export interface AzSubnets {
  /** Availability zone name, e.g. `us-east-1a`. */
  readonly az: string;
  /** Short AZ suffix used in ids and names, e.g. `a`. */
  readonly azSuffix: string;
  readonly public: string;
  readonly private: string;
  readonly persistence: string;
  /**
   * The dedicated subnet of the EKS control plane's cross-account network interfaces (a /28 by
   * the plan); set only in environments with `eks`. The API server calls admission webhooks
   * from these addresses, so the webhook NetworkPolicy admits exactly these CIDRs.
   */
  readonly controlPlane?: string;
  /**
   * The dedicated subnet of the Transit Gateway attachment's network interfaces (a /28 by the
   * plan); set only with `connectivity: transitGateway`, in environments attached to it.
   */
  readonly transitGateway?: string;
}

export interface NodeGroup {
  readonly name: string;
  readonly instanceTypes: readonly string[];
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredSize: number;
  readonly capacityType: "ON_DEMAND" | "SPOT";
  readonly diskSizeGiB: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly { readonly key: string; readonly value?: string; readonly effect: "NoSchedule" | "NoExecute" | "PreferNoSchedule" }[];
  readonly maxUnavailablePercent: number;
}

/** With `autoscaling` (karpenter, cluster-autoscaler or none), Karpenter's `nodePools` and node class (src/addons/karpenter/model.ts). */
export interface EnvironmentCluster extends NodeAutoscaling, NodeEgressSettings {
  /** Cluster name, `${org}-${env}`. */
  readonly clusterName: string;
  /** Kubernetes minor version, e.g. "1.33". */
  readonly version: string;
  /** Principals with cluster-admin access entries, as the file lists them (the deploy role only when listed). */
  readonly admins: readonly string[];
  readonly readOnly: readonly string[];
  /**
   * The cluster's platform-deploy role: cluster-admin through its own access entry, trusted only by
   * the environment's deploy role (exact ARN); the platform stack's providers log in as it.
   * Undefined with `ambientCredentials` (no deploy role is known): the providers then use the
   * caller's credentials, which need an entry in `admins`.
   */
  readonly platformDeployRole?: { readonly name: string; readonly arn: string; readonly trustedBy: string };
  /** What the read-only role may read beyond workload objects (`podLogs`, `secrets`); empty by default. */
  readonly readOnlyAlsoReads: readonly ReadOnlyExtra[];
  /** Why the public endpoint is acceptable; set whenever publicAccessCidrs is non-empty (the file's text or a generated one). */
  readonly publicAccessRationale?: string;
  /** Public endpoint CIDRs; empty means the public endpoint is off. */
  readonly publicAccessCidrs: readonly string[];
  /** CIDRs admitted to the private endpoint on 443 (VPN, plus peered hubs). */
  readonly apiAccessCidrs: readonly string[];
  readonly logRetentionDays: number;
  readonly nodeGroups: readonly NodeGroup[];
}

export interface Platform {
  readonly ingress: {
    readonly controller: "ingress-nginx" | "none";
    readonly replicas: number;
    readonly certificateArn?: string;
    readonly hostname?: string;
  };
  readonly externalDns: {
    readonly policy: "upsert-only" | "sync";
    /** Domains its ExternalDNS owns, each with every name under it (the default: see src/addons/external-dns/record-names.ts). */
    readonly domains: readonly string[];
    /** Other environments' domains under its own, which it does not own. */
    readonly excludedDomains: readonly string[];
  };
  readonly namespaces: readonly { readonly name: string; readonly podSecurity: "restricted" | "baseline" | "privileged" }[];
}

export interface Environment {
  /** Key in the environments file, e.g. `production`. */
  readonly name: string;
  /** `${organization}-${name}`: prefix of every resource name in the environment. */
  readonly prefix: string;
  /** The environment's account; providers pin it with allowed_account_ids. */
  readonly accountId: string;
  /** Role assumed by this environment's providers; undefined means ambient credentials. */
  readonly deployRoleArn?: string;
  readonly region: string;
  /** Production environments get high-availability defaults. */
  readonly production: boolean;
  /** `aws`, `aws-cn` or `aws-us-gov`, derived from the region. */
  readonly partition: string;
  readonly cidr: string;
  readonly azs: readonly string[];
  /** Per AZ, in `azs` order, the subnet CIDRs of each tier. */
  readonly subnets: readonly AzSubnets[];
  readonly nat: NatMode;
  readonly persistenceInternetAccess: boolean;
  readonly dataStorePorts: readonly number[];
  readonly logRetentionDays: number;
  /** Names of the environments this one peers with (either side declared it). */
  readonly peers: readonly string[];
  /**
   * Environments that requested a peering with this one (the hubs). Their `dataTierCidrs` (their
   * `dataTierClientCidrs`, by default their private subnets) may reach this environment's
   * persistence tier on `peeringPorts`; their `cidr` its cluster API on 443 (a hub whose VPN has `spokeAccess: vpn`
   * is admitted as its VPN server's address only, `<ip>/32`, for both).
   */
  readonly inboundPeers: readonly { readonly name: string; readonly cidr: string; readonly dataTierCidrs: readonly string[] }[];
  /** Ports a peer may reach on this environment's persistence tier. */
  readonly peeringPorts: readonly number[];
  readonly routePublicToPeers: boolean;
  /** Private hosted zone for internal DNS: `${name}.${internalDomain}`. */
  readonly internalZoneName: string;
  readonly eks?: EnvironmentCluster;
  readonly platform?: Platform;
  /** The environment's Pritunl VPN server, when it has a vpn block (src/vpn/vpn-plan.ts). */
  readonly vpn?: EnvironmentVpn;
  /** prevent_destroy on the cluster, KMS keys and log groups (the file's `deletionProtection`, default true). */
  readonly deletionProtection: boolean;
  /** Default tags for every resource of the environment. */
  readonly tags: Readonly<Record<string, string>>;
  /** Where the environment's alerts go and their thresholds; undefined with `alerts: none` (src/observability/model.ts). */
  readonly alerts?: Alerts;
  /** Interface endpoints, the organization's accounts and the connected VPCs: what NACLs and endpoint policies need (src/model/network-access.ts). */
  readonly networkAccess: NetworkAccess;
}

/** One peering connection: the hub side requests, the spoke side accepts. */
export interface PeeringEdge {
  /** Stable id, `${requester}-${accepter}`. */
  readonly id: string;
  readonly requester: string;
  readonly accepter: string;
  readonly crossAccount: boolean;
  readonly crossRegion: boolean;
}

export interface StateConfig {
  readonly bucket: string;
  readonly region: string;
  readonly locking: "lockfile" | "dynamodb";
  /** DynamoDB lock table name, set only with `locking: dynamodb`. */
  readonly lockTable?: string;
  readonly accountId?: string;
  /** Role the S3 backends and the state stack assume; undefined means ambient credentials. */
  readonly roleArn?: string;
  readonly kmsAlias: string;
  readonly accessLogBucket: string;
  readonly noncurrentVersionDays: number;
  /** Where the state stack keeps its own state: local (bootstrap) or in the bucket once migrated. */
  readonly ownState: "local" | "s3";
  /**
   * How stacks reach the state (src/state/model.ts): `perStack` roles, `transition` (the same
   * roles while `roleArn` keeps its access) or `shared` (every stack uses `roleArn`).
   * Undefined (a model built by hand) means shared.
   */
  readonly isolation?: "perStack" | "transition" | "shared";
  /** Every stack's state access (perStack and transition); undefined or empty means shared. */
  readonly stackAccess?: readonly StateStackAccess[];
  /** The only principal that may delete state versions and, besides `roleArn`, change the bucket policy; undefined means nobody. */
  readonly breakGlassPrincipal?: string;
}

/** One stack's access to the state bucket: what its backend role in the state account may do, and who may assume it. */
export interface StateStackAccess {
  /** The stack's name, e.g. `development-platform`. */
  readonly stack: string;
  /** Its own state key, the only one it writes (with its `.tflock` lock file). */
  readonly key: string;
  /** Keys of other stacks it reads through cdktf cross-stack references (terraform_remote_state). */
  readonly reads: readonly string[];
  /** The principal that runs the stack's Terraform: the only one the role trusts. */
  readonly deployer: string;
  /** Name of the backend role in the state account. */
  readonly roleName: string;
  /** Its ARN; the stack's backend and remote-state reads assume it. */
  readonly roleArn: string;
}

/**
 * The organization's DNS. A hosted zone lives in exactly one account and Route 53 has no resource
 * policies, so a cluster in another account reaches the public zone by assuming a role there.
 */
export interface PublicDns {
  /** Public Route53 zone ExternalDNS writes to, e.g. `acme.example.com`. */
  readonly publicZone: string;
  /** Its hosted zone id; set whenever an environment has eks. */
  readonly publicZoneId?: string;
  /** Account that owns the public zone; set whenever an environment has eks. */
  readonly publicZoneAccountId?: string;
  /**
   * Role Terraform assumes in `publicZoneAccountId` to create ExternalDNS's record-changing role
   * there for clusters of other accounts: the organization's deploy role in that account,
   * `arn:<partition>:iam::<publicZoneAccountId>:role/<deployRoleName>` (partition of the organization's region).
   * Undefined when `publicZoneAccountId` is.
   */
  readonly publicZoneRoleArn?: string;
  /** Each VPC gets a private zone `<env>.<internalDomain>`. */
  readonly internalDomain: string;
}

export interface Org {
  readonly organization: string;
  readonly region: string;
  readonly state: StateConfig;
  readonly dns: PublicDns;
  /** Environments in file order. */
  readonly environments: readonly Environment[];
  readonly peerings: readonly PeeringEdge[];
  /** How the peering graph is carried: VPC peering connections, or one Transit Gateway in the hub. */
  readonly connectivity: Connectivity;
  /** The Transit Gateway; set only with `connectivity: transitGateway` and at least one peering edge. */
  readonly transitGateway?: TransitGatewayPlan;
  /** Tags every resource of the organization carries. */
  readonly tags: Readonly<Record<string, string>>;
  /** Non-fatal findings of the loader (retired chart, short retention, peering quota); synth emits them as Annotations. */
  readonly warnings: readonly ModelWarning[];
}

/** How environments of the peering graph reach each other. */
export type Connectivity = "peering" | "transitGateway";

/** Where the organization's Transit Gateway lives and whom it is shared with. */
export interface TransitGatewayPlan {
  /** The hub environment: the Transit Gateway lives in its account and region. */
  readonly hub: string;
  /**
   * The AWS Organization's ARN: the gateway is shared with the whole organization (no invitations
   * to accept) instead of with each spoke account. @default - shared with each spoke account, which accepts the invitation
   */
  readonly awsOrganizationArn?: string;
}

export interface ModelWarning {
  /** Path in the environments file, e.g. `environments.production.logRetentionDays`. */
  readonly path: string;
  readonly message: string;
  /** Stack the warning belongs to, if any. */
  readonly stack?: string;
}

/** Finds an environment by name or throws (a programming error: names come from the model). */
export function environmentByName(org: Org, name: string): Environment {
  const env = org.environments.find((e) => e.name === name);
  if (!env) throw new Error(`no environment named ${name} in organization ${org.organization}`);
  return env;
}
