/**
 * The environments file, defined once. The loader parses with it, and `npm run schema`
 * writes the editor JSON Schema from it (`schema/environments.schema.json`).
 *
 * This file checks shape and formats only; rules that relate fields to each other
 * (overlapping CIDRs, peers that exist, AZs in the region, name lengths) live in `rules.ts`.
 */
import { z } from "zod";
import { externalDnsSchema } from "../addons/external-dns/model";
import { ingressSchema } from "../addons/ingress-nginx/model";
import { nodeAutoscalingFields } from "../addons/karpenter/model";
import { connectivityFields } from "./connectivity";
import { alertsSchema } from "../observability/model";
import { vpnSchema } from "../vpn/model";
import { stateAccessFields } from "../state/model";
import { securityEksFields, securityEnvironmentFields } from "./security";
import { networkAccessFields } from "./network-access";
import { nodeEgressFields } from "./node-security-group";

/** A DNS label: lowercase letters, digits and hyphens, starting with a letter. */
const dnsLabel = (max: number) =>
  z
    .string()
    .regex(/^[a-z][a-z0-9-]*[a-z0-9]$|^[a-z]$/, {
      message: "must be a DNS label: lowercase letters, digits and '-', starting with a letter, not ending with '-'",
    })
    .max(max, { message: `must be at most ${max} characters` });

/** An AWS region name such as us-east-1. */
const awsRegion = z
  .string()
  .max(32, { message: "must be an AWS region such as us-east-1" })
  .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, { message: "must be an AWS region such as us-east-1" });

/** Tags as AWS takes them: keys up to 128 characters, values up to 256. */
const awsTags = z.record(
  z.string().min(1, { message: "a tag key must not be empty" }).max(128, { message: "AWS tag keys are at most 128 characters" }),
  z.string().max(256, { message: "AWS tag values are at most 256 characters" }),
);

/** A Kubernetes label or taint key (optional DNS prefix and `/`, then a name of up to 63 characters). */
const kubernetesKey = z
  .string()
  .min(1, { message: "must not be empty" })
  .max(317, { message: "a Kubernetes key is at most 253 characters of prefix, '/' and 63 of name" });
/** A Kubernetes label or taint value. */
const kubernetesValue = z.string().max(63, { message: "a Kubernetes label or taint value is at most 63 characters" });

const ipv4Cidr = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, { message: "must be an IPv4 CIDR such as 10.120.0.0/16" });

const accountId = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? "is required"
        : "must be a quoted string of 12 digits (\"012345678901\"): unquoted, YAML reads a number and drops leading zeros",
  })
  .regex(/^\d{12}$/, { message: "must be exactly 12 digits" });

const iamPrincipalArn = z
  .string()
  .regex(/^arn:aws(-[a-z]+)*:iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}$/, {
    message: "must be an IAM role or user ARN such as arn:aws:iam::111111111111:role/platform-admin",
  });

const logRetentionDays = z
  .number()
  .int()
  .refine((d) => CLOUDWATCH_RETENTION_DAYS.includes(d), {
    message: "must be a CloudWatch Logs retention value",
  });

/** Retention values CloudWatch Logs accepts (PutRetentionPolicy). */
export const CLOUDWATCH_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

const subnetOverrides = z
  .strictObject({
    public: z.array(ipv4Cidr).optional().describe("Public subnet CIDRs, one per AZ in `azs` order."),
    private: z.array(ipv4Cidr).optional().describe("Private subnet CIDRs, one per AZ in `azs` order."),
    persistence: z.array(ipv4Cidr).optional().describe("Persistence subnet CIDRs, one per AZ in `azs` order."),
    controlPlane: z
      .array(ipv4Cidr)
      .optional()
      .describe(
        "EKS control-plane subnet CIDRs (/28 to /24), one per AZ in `azs` order; only with `eks`. @default a /28 per AZ from the plan",
      ),
  })
  .describe("Explicit subnet CIDRs that override the derived plan, per tier.");

const nodeGroup = z
  .strictObject({
    name: dnsLabel(32).describe("Node group name, unique in the cluster."),
    instanceTypes: z
      .array(
        z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, {
          message: "must be an EC2 instance type such as m6i.large",
        }),
      )
      .min(1)
      .describe("EC2 instance types; several only make sense with spot capacity."),
    min: z.number().int().min(0).describe("Minimum number of nodes."),
    max: z.number().int().min(1).describe("Maximum number of nodes."),
    desired: z.number().int().min(0).optional().describe("Initial number of nodes; the autoscaler owns it after creation. @default min"),
    capacity: z.enum(["onDemand", "spot"]).default("onDemand").describe("ON_DEMAND or SPOT capacity."),
    diskSizeGiB: z.number().int().min(20).max(16384).default(50).describe("Encrypted gp3 root volume size in GiB."),
    labels: z.record(kubernetesKey, kubernetesValue).default({}).describe("Kubernetes labels on the nodes."),
    taints: z
      .array(
        z.strictObject({
          key: kubernetesKey,
          value: kubernetesValue.optional(),
          effect: z.enum(["NoSchedule", "NoExecute", "PreferNoSchedule"]),
        }),
      )
      .default([])
      .describe("Kubernetes taints on the nodes."),
    maxUnavailablePercent: z.number().int().min(1).max(100).default(33).describe("Rolling update: share of nodes replaced at once."),
  })
  .describe("A managed node group in the private subnets of every AZ.");

const eks = z
  .strictObject({
    version: z.string().regex(/^1\.\d{2}$/, { message: "must be a Kubernetes minor version such as \"1.33\" (quoted)" }),
    admins: z.array(iamPrincipalArn).default([]).describe("IAM principals given cluster-admin through EKS access entries."),
    readOnly: z.array(iamPrincipalArn).default([]).describe("IAM principals given read-only access (group `platform-read-only`)."),
    publicAccessCidrs: z
      .array(ipv4Cidr)
      .default([])
      .describe("When non-empty, the public API endpoint is on and limited to these CIDRs. 0.0.0.0/0 is rejected."),
    apiAccessCidrs: z
      .array(ipv4Cidr)
      .default([])
      .describe("Extra CIDRs (VPN, peered networks) admitted to the private API endpoint on 443. Peered hub CIDRs are added automatically."),
    logRetentionDays: logRetentionDays.optional().describe("Control-plane log retention. @default the environment's logRetentionDays"),
    nodeGroups: z.array(nodeGroup).min(1, { message: "needs at least one node group" }),
    ...nodeAutoscalingFields,
    ...securityEksFields,
    ...nodeEgressFields,
  })
  .describe("An EKS cluster in this environment.");

const platform = z
  .strictObject({
    ingress: ingressSchema,
    externalDns: externalDnsSchema,
    namespaces: z
      .array(
        z.strictObject({
          name: dnsLabel(63),
          podSecurity: z.enum(["restricted", "baseline", "privileged"]).default("restricted"),
        }),
      )
      .default([])
      .describe("Application namespaces: Pod Security Admission labels and default-deny network policies."),
  })
  .describe("Platform add-ons in the cluster (the `<env>-platform` stack).");

const environment = z
  .strictObject({
    accountId: accountId.describe(
      "The environment's AWS account (a quoted 12-digit string). Key policies and ARNs are built from it, and the provider refuses any other account.",
    ),
    deployRoleArn: iamPrincipalArn
      .optional()
      .describe("Role Terraform assumes in this account. @default arn:<partition>:iam::<accountId>:role/<organization deployRoleName>"),
    ambientCredentials: z
      .boolean()
      .default(false)
      .describe("Use the caller's credentials instead of assuming the deploy role (allowed_account_ids still pins the account)."),
    region: awsRegion.optional().describe("The environment's region. @default the organization's region"),
    production: z
      .boolean()
      .optional()
      .describe("Production gets high-availability defaults (2+ ingress replicas, PDB, zone spread). @default true when the name starts with 'prod'"),
    cidr: ipv4Cidr.describe("The VPC CIDR, /16 to /22, unique in the organization."),
    azs: z
      .array(z.string().max(32, { message: "must be an availability zone name such as us-east-1a" }))
      .min(1)
      .max(6).describe("Availability zones, in the region, one subnet of each tier per AZ."),
    nat: z.enum(["perAz", "single", "none"]).default("single").describe("NAT gateways: one per AZ, one shared, or none."),
    subnets: subnetOverrides.optional(),
    persistenceInternetAccess: z
      .boolean()
      .default(false)
      .describe("Give persistence subnets a default route through NAT. Off: the persistence tier has no route to the internet."),
    dataStorePorts: z
      .array(z.number().int().min(1).max(65535))
      .default([5432, 3306, 6379, 11211])
      .describe("Ports the persistence security group opens to the private tier (and to peered hub CIDRs)."),
    logRetentionDays: logRetentionDays.default(365).describe("Retention of flow logs and control-plane logs; below 365 synth warns."),
    peers: z
      .array(z.string().max(24, { message: "must be the name of an environment of this file (at most 24 characters)" }))
      .default([]).describe("Environments this one peers with (usually the hub, management)."),
    peeringPorts: z
      .array(z.number().int().min(1).max(65535))
      .optional()
      .describe("Ports a peer may reach on the persistence tier. @default dataStorePorts"),
    routePublicToPeers: z.boolean().default(false).describe("Also route public subnets to peers."),
    ...networkAccessFields,
    eks: eks.optional(),
    platform: platform.optional(),
    vpn: vpnSchema.optional(),
    tags: awsTags.default({}).describe("Extra default tags for this environment."),
    alerts: alertsSchema,
    ...securityEnvironmentFields,
  })
  .describe("One environment: a VPC, optionally an EKS cluster, in its own account.");

export const environmentsFileSchema = z
  .strictObject({
    $schema: z.string().optional().describe("Path to the JSON Schema, for editors."),
    organization: dnsLabel(32).describe("Prefix for every name; DNS-label safe."),
    region: awsRegion.describe("Default region of every environment."),
    deployRoleName: z
      .string()
      .regex(/^[\w+=,.@-]{1,64}$/, { message: "must be an IAM role name: 1-64 letters, digits and +=,.@_-" })
      .default("OrganizationAccountAccessRole")
      .describe("Role name Terraform assumes in each environment account (unless ambientCredentials), in the state account and in the public zone's account."),
    tags: awsTags.default({}).describe("Extra default tags on every resource."),
    ...connectivityFields,
    alerts: alertsSchema,
    state: z.strictObject({
      bucket: z.string().max(63, { message: "must be 3-63 characters long" }).describe("S3 bucket for every stack's state: 3-63 lowercase letters, digits, '-' and '.'."),
      region: awsRegion.describe("Region of the state bucket."),
      locking: z.enum(["lockfile", "dynamodb"]).default("lockfile").describe("S3 native lockfile (Terraform >= 1.10) or a DynamoDB table."),
      accountId: accountId.optional().describe("Account holding the state bucket; backends assume roleArn there."),
      roleArn: iamPrincipalArn.optional().describe("Role the S3 backends assume to reach the state. @default the deploy role in state.accountId"),
      noncurrentVersionDays: z.number().int().min(1).default(90).describe("Days before noncurrent state versions expire."),
      ownState: z
        .enum(["local", "s3"])
        .default("local")
        .describe("Where the state stack keeps its own state: local to bootstrap, s3 (key state/state.tfstate) once migrated into the bucket."),
      ...stateAccessFields,
    }),
    dns: z.strictObject({
      publicZone: z
        .string()
        .regex(/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/, { message: "must be a DNS name such as acme.example.com" })
        .describe("Public Route53 zone ExternalDNS writes to."),
      publicZoneId: z
        .string()
        .regex(/^Z[A-Z0-9]{4,31}$/, { message: "must be a Route53 hosted zone id such as Z0123456789ABCDEFGHIJ" })
        .optional()
        .describe("The public zone's id; ExternalDNS's IAM is scoped to it. Required when any environment has `eks`."),
      publicZoneAccountId: accountId
        .optional()
        .describe(
          "Account that owns the public zone (a quoted 12-digit string). ExternalDNS's record-changing role lives there; clusters in other accounts assume it. Required when any environment has `eks`.",
        ),
      internalDomain: z
        .string()
        .regex(/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, { message: "must be a DNS name such as acme.internal" })
        .describe("Each VPC gets a private zone <env>.<internalDomain>."),
    }),
    environments: z
      .record(dnsLabel(24), environment)
      .refine((e) => Object.keys(e).length > 0, { message: "needs at least one environment" }),
  })
  .describe("The environments file of a CDKTF AWS landing zone.");

/** The file as written (defaults optional). */
export type EnvironmentsFileInput = z.input<typeof environmentsFileSchema>;
/** The file after parsing (defaults applied). */
export type EnvironmentsFile = z.output<typeof environmentsFileSchema>;
export type EnvironmentSpec = EnvironmentsFile["environments"][string];
export type EksSpec = NonNullable<EnvironmentSpec["eks"]>;
export type NodeGroupSpec = EksSpec["nodeGroups"][number];
export type PlatformSpec = NonNullable<EnvironmentSpec["platform"]>;
