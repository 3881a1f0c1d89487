/**
 * The rules of the VPN server's security group, as data: one entry per rule, each with a
 * stable construct id (keyed by what it admits, never a list position) and a description.
 * No port 22 anywhere: administration is through Session Manager. Pure: no constructs.
 */
import { cidrId } from "../network/network-names";

/** One rule of the VPN server's group. */
export interface VpnRule {
  /** Construct id, stable across list edits (`client-udp-1194-0-0-0-0-0`). */
  readonly id: string;
  readonly direction: "ingress" | "egress";
  /** `udp`, `tcp` or `-1` (all protocols). */
  readonly ipProtocol: "udp" | "tcp" | "-1";
  /** First port; absent for all protocols. */
  readonly fromPort?: number;
  /** Last port; absent for all protocols. */
  readonly toPort?: number;
  readonly cidrIpv4: string;
  readonly description: string;
}

export interface VpnRuleOptions {
  /** UDP port of the VPN server. */
  readonly port: number;
  /** CIDRs clients connect from. */
  readonly clientCidrs: readonly string[];
  /** CIDRs admitted to the web console on TCP 443. */
  readonly adminCidrs: readonly string[];
  /** CIDRs pushed to clients: the server forwards their traffic there, every protocol. */
  readonly routes: readonly string[];
}

/** HTTPS, the one port the server needs on the internet. */
const HTTPS = 443;

/**
 * Ingress: the VPN port from the client CIDRs, the console from the admin CIDRs. Egress: HTTPS
 * to the internet (package repositories, SSM, CloudWatch Logs, S3: POLICY.md's listed AWS-0104
 * exception for TCP 443) and client traffic to the pushed routes only.
 */
export function vpnSecurityGroupRules(options: VpnRuleOptions): VpnRule[] {
  const distinct = (list: readonly string[]) => [...new Set(list)];
  return [
    ...distinct(options.clientCidrs).map(
      (cidr): VpnRule => ({
        id: `client-udp-${options.port}-${cidrId(cidr)}`,
        direction: "ingress",
        ipProtocol: "udp",
        fromPort: options.port,
        toPort: options.port,
        cidrIpv4: cidr,
        description: `OpenVPN (UDP ${options.port}) from VPN clients in ${cidr}`,
      }),
    ),
    ...distinct(options.adminCidrs).map(
      (cidr): VpnRule => ({
        id: `admin-https-${cidrId(cidr)}`,
        direction: "ingress",
        ipProtocol: "tcp",
        fromPort: HTTPS,
        toPort: HTTPS,
        cidrIpv4: cidr,
        description: `Pritunl web console (TCP ${HTTPS}) from administrators in ${cidr}`,
      }),
    ),
    {
      id: "internet-https",
      direction: "egress",
      ipProtocol: "tcp",
      fromPort: HTTPS,
      toPort: HTTPS,
      cidrIpv4: "0.0.0.0/0",
      description: "HTTPS to package repositories, SSM, CloudWatch Logs and S3",
    },
    ...distinct(options.routes).map(
      (cidr): VpnRule => ({
        id: `route-${cidrId(cidr)}`,
        direction: "egress",
        ipProtocol: "-1",
        cidrIpv4: cidr,
        description: `VPN client traffic (all protocols) to ${cidr}, a route pushed to clients`,
      }),
    ),
  ];
}
