/**
 * The rules of the network's security groups, as data: one entry per rule, each with a stable
 * construct id and a description a reviewer can read in `terraform plan`. Pure: no constructs.
 *
 * Descriptions stay within the characters AWS accepts in a rule description
 * (a-z A-Z 0-9 space . _ - : / ( ) # , @ [ ] + = & ; { } ! $ *).
 */
import { cidrId } from "./network-names";

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
  /** The ranges of it admitted (its private subnets, say). */
  readonly cidrs: readonly string[];
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
function distinct<T>(ports: readonly T[]): T[] {
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
  // Keyed by peer and range: adding a range or a port adds rules and renames none.
  const fromPeers = options.inboundPeers.flatMap((peer) =>
    distinct(peer.cidrs).flatMap((cidr) =>
      distinct(options.peeringPorts).map((port) => ({
        id: `peer-${peer.name}-${cidrId(cidr)}-tcp-${port}`,
        description: `${portLabel(port)} from peered environment ${peer.name} (${cidr})`,
        fromPort: port,
        toPort: port,
        cidrIpv4: cidr,
      })),
    ),
  );
  return [...fromPrivate, ...fromPeers];
}
