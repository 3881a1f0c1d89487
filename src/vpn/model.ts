/**
 * The VPN's fragment of the environments file: `environments.<name>.vpn`. Zod only (no
 * constructs): src/model/schema.ts puts it in the environment block, src/vpn/model-rules.ts
 * checks it against the rest of the file, and src/model/derive.ts turns it into the model's
 * `Environment.vpn` with src/vpn/vpn-plan.ts.
 */
import { z } from "zod";

const ipv4Cidr = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, { message: "must be an IPv4 CIDR such as 203.0.113.0/24" });

export const vpnSchema = z
  .strictObject({
    type: z.literal("pritunl").describe("The VPN server: Pritunl (OpenVPN protocol), the seed architecture's way in."),
    instanceType: z
      .string()
      .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { message: "must be an EC2 instance type such as t3.small" })
      .default("t3.small")
      .describe("EC2 instance type of the VPN server (x86_64, EBS-optimized capable: Pritunl and MongoDB share it)."),
    az: z
      .string()
      .max(32, { message: "must be an availability zone of the environment, such as us-east-1a" })
      .optional()
      .describe("AZ whose public subnet holds the server. @default the first of the environment's azs"),
    port: z.number().int().min(1).max(65535).default(1194).describe("UDP port of the VPN server, opened to clientCidrs."),
    clientCidrs: z
      .array(ipv4Cidr)
      .min(1, { message: "needs at least one CIDR; 0.0.0.0/0 lets clients connect from anywhere" })
      .default(["0.0.0.0/0"])
      .describe("CIDRs VPN clients connect from (UDP port). @default [0.0.0.0/0]: clients roam"),
    adminCidrs: z
      .array(ipv4Cidr)
      .min(1, { message: "needs at least one CIDR: the web console (TCP 443) opens to these only" })
      .describe("CIDRs admitted to the Pritunl web console on TCP 443 (required; 0.0.0.0/0 is rejected)."),
    routes: z
      .array(ipv4Cidr)
      .optional()
      .describe("CIDRs pushed to clients (split tunnel). @default the environment's VPC and every VPC it peers with"),
    spokeAccess: z
      .enum(["vpn", "wholeHub"])
      .default("vpn")
      .describe(
        "What peered spokes admit from this environment to their cluster API and data tier: the VPN server's address only, or the whole VPC.",
      ),
    amiId: z
      .string()
      .regex(/^ami-[0-9a-f]{8,17}$/, { message: "must be an AMI id such as ami-0123456789abcdef0" })
      .optional()
      .describe(
        "AMI of the server (AL2023 x86_64). @default the public SSM parameter of the latest AL2023 AMI, resolved by EC2 at launch",
      ),
    backupRetentionDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(30)
      .describe("Days a database backup is kept in the backup bucket (older versions: 7 more days)."),
  })
  .describe("A Pritunl VPN server in this environment's public subnet (normally the hub).");

/** `environments.<name>.vpn` as written. */
export type VpnSpec = z.output<typeof vpnSchema>;

/** The VPN of an environment, derived from the file (see src/vpn/vpn-plan.ts). */
export interface EnvironmentVpn {
  readonly type: "pritunl";
  readonly instanceType: string;
  /** AZ whose public subnet holds the server. */
  readonly az: string;
  /** Suffix of that AZ (`a`): the subnet's identity. */
  readonly azSuffix: string;
  /** The server's fixed private address in that subnet (its network interface keeps it across instance replacements). */
  readonly privateIp: string;
  readonly port: number;
  readonly clientCidrs: readonly string[];
  readonly adminCidrs: readonly string[];
  /** CIDRs pushed to clients. */
  readonly routes: readonly string[];
  /** The VPC resolver (VPC base + 2) clients use for the internal zones. */
  readonly dnsServer: string;
  /** Internal zones clients search: this environment's and its peers'. */
  readonly searchDomains: readonly string[];
  /** What spokes admit from this environment: the server only, or the whole VPC. */
  readonly spokeAccess: "vpn" | "wholeHub";
  /** Image id of the launch template: the model's AMI or `resolve:ssm:<public AL2023 parameter>`. */
  readonly imageId: string;
  readonly backupRetentionDays: number;
  /** Name of the backup bucket. */
  readonly backupBucket: string;
  /** Name of the bucket that receives the backup bucket's server access logs. */
  readonly accessLogBucket: string;
}
