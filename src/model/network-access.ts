/**
 * The network-access fragment of an environment: which ranges of a hub its spokes admit to their
 * data tier, which interface endpoints the VPC gets, and what the NACLs and endpoint policies
 * derive from the rest of the file (the organization's accounts, the connected VPCs). Zod
 * fields (spread into the environment block by schema.ts), the rules, the derivation. No constructs.
 */
import { z } from "zod";
import { contains, parseCidr } from "./cidr";
import { azSuffix } from "./naming";
import type { FilePath, Problem } from "./problems";
import type { EnvironmentsFile } from "./schema";
import { plannedSubnet } from "./subnet-plan";

/**
 * Interface endpoints the model offers (service name suffix of `com.amazonaws.<region>.<service>`).
 * Services a private cluster uses, after https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html.
 */
export const INTERFACE_ENDPOINT_SERVICES = [
  "ec2",
  "ecr.api",
  "ecr.dkr",
  "sts",
  "elasticloadbalancing",
  "logs",
  "monitoring",
  "eks",
  "eks-auth",
  "autoscaling",
  "ssm",
  "ssmmessages",
  "ec2messages",
  "kms",
  "sqs",
  "secretsmanager",
] as const;
export type InterfaceEndpointService = (typeof INTERFACE_ENDPOINT_SERVICES)[number];

/**
 * What a cluster of this project needs from AWS APIs when its VPC has no NAT
 * (https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html): nodes join and the
 * VPC CNI and EBS CSI driver call EC2 (`ec2`); images come from ECR (`ecr.api`, `ecr.dkr`, layers
 * through the S3 gateway endpoint); IRSA exchanges web identity tokens with STS (`sts`); the
 * Pod Identity agent calls `eks-auth`; the AWS Load Balancer Controller calls
 * `elasticloadbalancing`; Container Insights writes to CloudWatch Logs (`logs`).
 */
export const CLUSTER_WITHOUT_NAT_ENDPOINTS: readonly InterfaceEndpointService[] = ["ec2", "ecr.api", "ecr.dkr", "sts", "eks-auth", "elasticloadbalancing", "logs"];

const ipv4Cidr = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, { message: "must be an IPv4 CIDR such as 10.120.0.0/19" });

/** Fields of `environments.<name>` (spread by schema.ts). */
export const networkAccessFields = {
  dataTierClientCidrs: z
    .array(ipv4Cidr)
    .min(1, { message: "needs at least one CIDR; leave the field out for the private subnets" })
    .optional()
    .describe(
      "Ranges of this environment (a hub) that peered spokes admit to their persistence tier on their peeringPorts, in security groups and NACLs. Each inside this environment's VPC. @default this environment's private subnets",
    ),
  interfaceEndpoints: z
    .array(z.enum(INTERFACE_ENDPOINT_SERVICES))
    .optional()
    .describe(
      `Interface VPC endpoints (private DNS on, a security group admitting 443 from the VPC, a policy limited to the organization's accounts). With nat none and eks, must include ${CLUSTER_WITHOUT_NAT_ENDPOINTS.join(", ")}. @default with nat none and eks: ${CLUSTER_WITHOUT_NAT_ENDPOINTS.join(", ")}; otherwise none`,
    ),
};

/** The rules of the fragment: client ranges inside the VPC, a cluster without NAT gets the endpoints it needs. */
export function checkNetworkAccess(file: EnvironmentsFile, problems: Problem[]): void {
  for (const [name, env] of Object.entries(file.environments)) {
    const at = (...rest: (string | number)[]): FilePath => ["environments", name, ...rest];
    (env.dataTierClientCidrs ?? []).forEach((text, i) => {
      const parsed = parseCidr(text);
      if (typeof parsed === "string") problems.push({ path: at("dataTierClientCidrs", i), message: `${text} ${parsed}` });
      else if (typeof parseCidr(env.cidr) !== "string" && !contains(env.cidr, parsed)) {
        problems.push({ path: at("dataTierClientCidrs", i), message: `${text} is not inside the VPC ${env.cidr}; name ranges of this environment only` });
      }
    });
    if (env.interfaceEndpoints !== undefined) {
      const seen = new Set<string>();
      env.interfaceEndpoints.forEach((service, i) => {
        if (seen.has(service)) problems.push({ path: at("interfaceEndpoints", i), message: `${service} is listed twice; list each service once` });
        seen.add(service);
      });
      if (env.nat === "none" && env.eks) {
        const missing = CLUSTER_WITHOUT_NAT_ENDPOINTS.filter((s) => !seen.has(s));
        if (missing.length > 0) {
          problems.push({
            path: at("interfaceEndpoints"),
            message: `lacks ${missing.join(", ")}: with nat none the cluster's nodes reach AWS APIs only through interface endpoints; add them, or leave the field out for the default set`,
          });
        }
      }
    }
  }
}

/** What the network of an environment derives from the fragment and the rest of the file. */
export interface NetworkAccess {
  /** Interface endpoints of the VPC. */
  readonly interfaceEndpoints: readonly InterfaceEndpointService[];
  /** Every account of the organization (environments, state, public zone): endpoint policies admit these. */
  readonly organizationAccountIds: readonly string[];
  /** Every environment this one is connected with, either side of the peers graph, with its VPC CIDR. */
  readonly connectedPeers: readonly { readonly name: string; readonly cidr: string }[];
}

/** The ranges of environment `name` that its spokes admit to their data tier: `dataTierClientCidrs`, or its private subnets. */
export function dataTierClientCidrs(file: EnvironmentsFile, name: string): string[] {
  const env = file.environments[name];
  if (env.dataTierClientCidrs) return [...new Set(env.dataTierClientCidrs)];
  const region = env.region ?? file.region;
  return env.azs.map((az, i) => env.subnets?.private?.[i] ?? plannedSubnet(env.cidr, "private", azSuffix(az, region)));
}

/** Derives the environment's {@link NetworkAccess}; `peers` are the names it is connected with. */
export function deriveNetworkAccess(file: EnvironmentsFile, name: string, peers: readonly string[]): NetworkAccess {
  const env = file.environments[name];
  const accounts = [
    ...Object.values(file.environments).map((e) => e.accountId),
    ...(file.state.accountId ? [file.state.accountId] : []),
    ...(file.dns.publicZoneAccountId ? [file.dns.publicZoneAccountId] : []),
  ];
  return {
    interfaceEndpoints: env.interfaceEndpoints ? [...env.interfaceEndpoints] : env.nat === "none" && env.eks ? [...CLUSTER_WITHOUT_NAT_ENDPOINTS] : [],
    organizationAccountIds: [...new Set(accounts)].sort(),
    connectedPeers: peers.map((peer) => ({ name: peer, cidr: file.environments[peer].cidr })),
  };
}
