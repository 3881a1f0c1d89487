/**
 * The rules of the network's security groups, as data: one entry per rule, each with a stable
 * construct id and a description a reviewer can read in `terraform plan`. Pure: no constructs.
 *
 * Descriptions stay within the characters AWS accepts in a rule description
 * (a-z A-Z 0-9 space . _ - : / ( ) # , @ [ ] + = & ; { } ! $ *).
 */

/** One TCP rule to or from an IPv4 CIDR. */
export interface TcpCidrRule {
  /** Construct id, stable across CIDR changes (`private-a-tcp-5432`). */
  readonly id: string;
  /** Rule description shown in the console and in plans. */
  readonly description: string;
  readonly fromPort: number;
  readonly toPort: number;
  /** IPv4 CIDR of the other side. */
  readonly cidrIpv4: string;
}

/** A subnet the rules refer to. */
export interface RuleSubnet {
  /** AZ suffix, e.g. `a`. */
  readonly azSuffix: string;
  /** IPv4 CIDR of the subnet. */
  readonly cidr: string;
}

/** A peered environment allowed into the persistence tier. */
export interface RulePeer {
  /** Environment name, e.g. `management`. */
  readonly name: string;
  /** Its VPC CIDR. */
  readonly cidr: string;
}

const WELL_KNOWN_PORTS: Readonly<Record<number, string>> = {
  80: "HTTP",
  443: "HTTPS",
  1433: "SQL Server",
  1521: "Oracle",
  2049: "NFS",
  3306: "MySQL/MariaDB",
  5432: "PostgreSQL",
  6379: "Redis/Valkey",
  8182: "Neptune",
  9200: "OpenSearch",
  11211: "Memcached",
  27017: "MongoDB/DocumentDB",
};

/** `PostgreSQL (TCP 5432)` for a well-known port, `TCP 8080` otherwise. */
export function portLabel(port: number): string {
  const name = WELL_KNOWN_PORTS[port];
  return name ? `${name} (TCP ${port})` : `TCP ${port}`;
}

/** The ports in their first-seen order, without repeats (a repeated port would repeat a construct id). */
function distinct(ports: readonly number[]): number[] {
  return [...new Set(ports)];
}

/** Options of {@link persistenceIngressRules}. */
export interface PersistenceRuleOptions {
  /** The private subnets, in AZ order. */
  readonly privateSubnets: readonly RuleSubnet[];
  /** Ports the private tier may reach. */
  readonly dataStorePorts: readonly number[];
  /** Peered hub environments. */
  readonly inboundPeers: readonly RulePeer[];
  /** Ports the peers may reach. */
  readonly peeringPorts: readonly number[];
}

/**
 * Ingress of the persistence security group: every data-store port from every private subnet,
 * every peering port from every inbound peer. Nothing else: no egress, no open CIDR.
 */
export function persistenceIngressRules(options: PersistenceRuleOptions): TcpCidrRule[] {
  const fromPrivate = options.privateSubnets.flatMap((subnet) =>
    distinct(options.dataStorePorts).map((port) => ({
      id: `private-${subnet.azSuffix}-tcp-${port}`,
      description: `${portLabel(port)} from private subnet ${subnet.azSuffix} (${subnet.cidr})`,
      fromPort: port,
      toPort: port,
      cidrIpv4: subnet.cidr,
    })),
  );
  const fromPeers = options.inboundPeers.flatMap((peer) =>
    distinct(options.peeringPorts).map((port) => ({
      id: `peer-${peer.name}-tcp-${port}`,
      description: `${portLabel(port)} from peered environment ${peer.name} (${peer.cidr})`,
      fromPort: port,
      toPort: port,
      cidrIpv4: peer.cidr,
    })),
  );
  return [...fromPrivate, ...fromPeers];
}

/** The CIDR of the internet, admitted only on 80 and 443 of the internet-facing load balancers. */
export const ANYWHERE_IPV4 = "0.0.0.0/0";

/**
 * Ports an internet-facing load balancer forwards to in the private tier: 80 and 443 for IP
 * targets (ingress-nginx's container ports) and the Kubernetes NodePort range for instance
 * targets and their health checks.
 */
export const LOAD_BALANCER_TARGET_PORTS: readonly { readonly id: string; readonly label: string; readonly fromPort: number; readonly toPort: number }[] = [
  { id: "http", label: "HTTP (TCP 80)", fromPort: 80, toPort: 80 },
  { id: "https", label: "HTTPS (TCP 443)", fromPort: 443, toPort: 443 },
  { id: "node-ports", label: "Kubernetes NodePorts (TCP 30000-32767)", fromPort: 30000, toPort: 32767 },
];

/** Rules of the internet-facing load-balancer security group. */
export function loadBalancerRules(privateSubnets: readonly RuleSubnet[]): { ingress: TcpCidrRule[]; egress: TcpCidrRule[] } {
  const ingress = [80, 443].map((port) => ({
    id: `${port === 80 ? "http" : "https"}-from-internet`,
    description: `${portLabel(port)} from the internet to internet-facing load balancers`,
    fromPort: port,
    toPort: port,
    cidrIpv4: ANYWHERE_IPV4,
  }));
  const egress = privateSubnets.flatMap((subnet) =>
    LOAD_BALANCER_TARGET_PORTS.map((target) => ({
      id: `${target.id}-to-private-${subnet.azSuffix}`,
      description: `${target.label} to targets in private subnet ${subnet.azSuffix} (${subnet.cidr})`,
      fromPort: target.fromPort,
      toPort: target.toPort,
      cidrIpv4: subnet.cidr,
    })),
  );
  return { ingress, egress };
}
