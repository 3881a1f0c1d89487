/**
 * The network as the SYNTHESIZED stacks build it, read back from their Terraform JSON: subnets
 * (tier and AZ from their tags), route tables and every route in them (the `<env>` stacks' own
 * and the peering stack's, cross-stack references resolved), NACL rules, security groups with
 * their rules and the subnets they sit in, NAT gateways, internet gateways, the VPN server,
 * peering connections and the Transit Gateway's route tables. The picture and the reachability
 * matrix are drawn from these facts, not from the model's intent. Pure: no constructs.
 *
 * What this abstracts, on purpose:
 * - A tier's security groups are the groups attached to resources Terraform places in that
 *   tier's subnets: the EKS API's groups on the control-plane subnets, interface endpoints' on
 *   theirs, the VPN server's network interface, and the data stores' group (a group named
 *   `*-persistence`) on the subnets of the persistence subnet groups.
 * - Each cluster also has the EKS-managed cluster security group, which Terraform does not
 *   declare: AWS creates it with one inbound rule (all traffic from members of the group) and one
 *   outbound rule (all traffic to 0.0.0.0/0), and attaches it to the control plane's network
 *   interfaces and to managed node groups' nodes without their own groups in the launch template
 *   (https://docs.aws.amazon.com/eks/latest/userguide/sec-group-reqs.html). It is modelled here as
 *   `implicit` on the cluster's subnets and on the subnets of node groups whose launch template
 *   names no security group; a launch template that names groups puts the nodes in those instead
 *   (EKS then attaches no other group: "Customizing managed nodes with launch templates"). Rules
 *   Terraform adds to that group (`vpc_config[0].cluster_security_group_id`) are read onto it.
 * - Resources created at run time by controllers (load balancers of the AWS Load Balancer
 *   Controller, Karpenter's nodes) are not in the synthesized JSON; a tier holding only those
 *   admits nothing here.
 */
import { ALL_PORTS, type PortSet, portRange } from "./port-set";

type Json = Record<string, any>;

/** A stack's Terraform JSON, by stack name. */
export interface StackJson {
  readonly name: string;
  readonly json: Json;
}

/** The tier a subnet's `tier` tag names. */
export type TierName = "public" | "private" | "persistence" | "control-plane" | "transit-gateway";
export const TIER_ORDER: readonly TierName[] = ["public", "private", "control-plane", "persistence", "transit-gateway"];

/** Protocol of a rule: `all` is Terraform's `-1` (every protocol, ICMP included). */
export type Protocol = "tcp" | "udp" | "all";

export interface SubnetFact {
  /** `aws_subnet.network_private-subnet-a`, unique within its environment. */
  readonly address: string;
  readonly environment: string;
  readonly tier: TierName;
  readonly az: string;
  /** AZ letter, from the subnet's Name tag (`acme-production-private-a`). */
  readonly azSuffix: string;
  readonly cidr: string;
}

export type RouteTarget =
  | { readonly kind: "internet-gateway" }
  | { readonly kind: "nat-gateway"; readonly subnet?: string }
  | { readonly kind: "peering"; readonly connection: string }
  | { readonly kind: "transit-gateway" }
  | { readonly kind: "other"; readonly expression: string };

export interface RouteFact {
  readonly destination: string;
  readonly target: RouteTarget;
  /** Stack that declares the route (`production` or `peering`). */
  readonly stack: string;
}

export interface NaclRuleFact {
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly protocol: Protocol | "other";
  readonly ports: PortSet;
  readonly cidr: string;
  readonly allow: boolean;
}

/** Who a security-group rule admits: a CIDR, or the members of a group (its subnets). */
export type RulePeer = { readonly cidr: string } | { readonly group: string };

export interface SecurityGroupRuleFact {
  readonly peer: RulePeer;
  readonly protocol: Protocol | "other";
  readonly ports: PortSet;
  readonly description?: string;
}

export interface SecurityGroupFact {
  /** `aws_security_group.x`, or `eks-cluster-security-group:<cluster address>` for the implicit one. */
  readonly address: string;
  readonly name: string;
  /** True for the EKS-managed cluster security group (not in the synthesized JSON; see the file's comment). */
  readonly implicit: boolean;
  readonly ingress: readonly SecurityGroupRuleFact[];
  readonly egress: readonly SecurityGroupRuleFact[];
  /** Addresses of the subnets its network interfaces sit in. */
  readonly subnets: readonly string[];
}

export interface EnvironmentFacts {
  readonly name: string;
  readonly vpcCidr: string;
  readonly subnets: readonly SubnetFact[];
  /** Route table address of each subnet (its association; the VPC's main table otherwise). */
  readonly routeTableOf: ReadonlyMap<string, string>;
  /** Routes of each route table, by the table's address (local routes not included). */
  readonly routes: ReadonlyMap<string, readonly RouteFact[]>;
  /** NACL rules of each subnet, by subnet address (no association: the default NACL's, which has none). */
  readonly naclRulesOf: ReadonlyMap<string, readonly NaclRuleFact[]>;
  readonly securityGroups: readonly SecurityGroupFact[];
  /** Subnet address of each NAT gateway. */
  readonly natGatewaySubnets: readonly string[];
  readonly internetGateway: boolean;
  /** The VPN server: its subnet and fixed address, when the stack has one. */
  readonly vpnServer?: { readonly subnet: string; readonly address: string };
  readonly clusterName?: string;
}

export interface PeeringConnectionFact {
  /** `aws_vpc_peering_connection.management-production_connection` in the peering stack. */
  readonly address: string;
  readonly requester: string;
  readonly accepter: string;
}

/** The Transit Gateway: for each attached environment, the routes of the route table its attachment is associated with. */
export interface TransitGatewayFact {
  readonly stack: string;
  readonly attached: readonly string[];
  readonly routesOf: ReadonlyMap<string, readonly { readonly destination: string; readonly environment: string }[]>;
}

export interface OrganizationFacts {
  /** The `<env>` stacks (those with a VPC), in the order given. */
  readonly environments: readonly EnvironmentFacts[];
  readonly peeringConnections: readonly PeeringConnectionFact[];
  readonly transitGateway?: TransitGatewayFact;
}

const REF = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}$/;
const REMOTE = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)\}$/;

/** `${aws_subnet.x.id}` -> `aws_subnet.x`; `undefined` for anything else. */
function localRef(expression: unknown): string | undefined {
  const m = REF.exec(String(expression));
  return m ? `${m[1]}.${m[2]}` : undefined;
}

/** `${aws_eks_cluster.<id>.vpc_config[0].cluster_security_group_id}`: the EKS-managed group of that cluster. */
const CLUSTER_GROUP_REF = /^\$\{aws_eks_cluster\.([A-Za-z0-9_-]+)\.vpc_config\[0\]\.cluster_security_group_id\}$/;

/** The address standing for a cluster's EKS-managed security group (not in the synthesized JSON). */
function clusterGroupAddress(clusterId: string): string {
  return `eks-cluster-security-group:aws_eks_cluster.${clusterId}`;
}

/** A security group a reference names: a declared `aws_security_group`, or a cluster's EKS-managed one. */
function groupRef(expression: unknown): string | undefined {
  const m = CLUSTER_GROUP_REF.exec(String(expression));
  return m ? clusterGroupAddress(m[1]) : localRef(expression);
}

/**
 * Resolves a reference to a resource of an `<env>` stack, local (`${aws_subnet.x.id}`) or
 * through a cdktf cross-stack output (`${data.terraform_remote_state.cross-stack-reference-input-<stack>.outputs.<out>}`,
 * whose output in `<stack>` is the local reference). Returns the stack and address.
 */
export function resolveRef(stacks: ReadonlyMap<string, Json>, stack: string, expression: unknown): { stack: string; address: string } | undefined {
  const local = localRef(expression);
  if (local) return { stack, address: local };
  const m = REMOTE.exec(String(expression));
  if (!m) return undefined;
  const output = stacks.get(m[1])?.output?.[m[2]];
  const address = output ? localRef(output.value) : undefined;
  return address ? { stack: m[1], address } : undefined;
}

const values = (json: Json, type: string): [string, Json][] => Object.entries((json.resource?.[type] ?? {}) as Json);

function protocolOf(value: unknown): Protocol | "other" {
  const p = String(value);
  if (p === "-1" || p === "all") return "all";
  if (p === "tcp" || p === "6") return "tcp";
  if (p === "udp" || p === "17") return "udp";
  return "other";
}

/** Ports a rule names: every port for `all` (and ICMP), its range otherwise. */
function portsOf(protocol: Protocol | "other", from: unknown, to: unknown): PortSet {
  if (protocol === "all" || protocol === "other" || from === undefined) return ALL_PORTS;
  return portRange(Number(from), Number(to ?? from));
}

function sgRule(rule: Json, self: string): SecurityGroupRuleFact {
  const protocol = protocolOf(rule.ip_protocol ?? rule.protocol);
  const referenced = rule.referenced_security_group_id ? groupRef(rule.referenced_security_group_id) : rule.self ? self : undefined;
  return {
    peer: referenced ? { group: referenced } : { cidr: String(rule.cidr_ipv4 ?? rule.cidr_blocks?.[0] ?? "0.0.0.0/0") },
    protocol,
    ports: portsOf(protocol, rule.from_port, rule.to_port),
    description: rule.description,
  };
}

/** Inline `ingress`/`egress` blocks of an aws_security_group, one fact per CIDR. */
function inlineRules(blocks: unknown, self: string): SecurityGroupRuleFact[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((b: Json) => {
    const cidrs: string[] = b.cidr_blocks ?? [];
    const base = sgRule({ ...b, cidr_ipv4: undefined, cidr_blocks: undefined }, self);
    const out: SecurityGroupRuleFact[] = cidrs.map((c) => ({ ...base, peer: { cidr: c } }));
    if (b.self) out.push({ ...base, peer: { group: self } });
    return out;
  });
}

function environmentFacts(name: string, json: Json): EnvironmentFacts {
  const vpc = values(json, "aws_vpc")[0][1];
  const subnets: SubnetFact[] = values(json, "aws_subnet").map(([id, s]) => {
    const nameTag = String(s.tags?.Name ?? id);
    return {
      address: `aws_subnet.${id}`,
      environment: name,
      tier: (s.tags?.tier ?? "private") as TierName,
      az: String(s.availability_zone),
      azSuffix: nameTag.slice(nameTag.lastIndexOf("-") + 1),
      cidr: String(s.cidr_block),
    };
  });

  const mainTable = values(json, "aws_default_route_table")[0];
  const routeTableOf = new Map<string, string>();
  for (const s of subnets) if (mainTable) routeTableOf.set(s.address, `aws_default_route_table.${mainTable[0]}`);
  for (const [, a] of values(json, "aws_route_table_association")) {
    const subnet = localRef(a.subnet_id);
    const table = localRef(a.route_table_id);
    if (subnet && table) routeTableOf.set(subnet, table);
  }

  const naclRules = new Map<string, NaclRuleFact[]>();
  for (const [, r] of values(json, "aws_network_acl_rule")) {
    const acl = localRef(r.network_acl_id);
    if (!acl) continue;
    const protocol = protocolOf(r.protocol);
    naclRules.set(acl, [
      ...(naclRules.get(acl) ?? []),
      { ruleNumber: Number(r.rule_number), egress: r.egress === true, protocol, ports: portsOf(protocol, r.from_port, r.to_port), cidr: String(r.cidr_block), allow: r.rule_action === "allow" },
    ]);
  }
  const naclRulesOf = new Map<string, NaclRuleFact[]>();
  for (const [, a] of values(json, "aws_network_acl_association")) {
    const subnet = localRef(a.subnet_id);
    const acl = localRef(a.network_acl_id);
    if (subnet && acl) naclRulesOf.set(subnet, naclRules.get(acl) ?? []);
  }

  // Where each group's network interfaces sit.
  const placed = new Map<string, string[]>();
  const place = (group: unknown, subnetRefs: unknown) => {
    const g = localRef(group);
    if (!g) return;
    const refs = (Array.isArray(subnetRefs) ? subnetRefs : [subnetRefs]).map(localRef).filter((s): s is string => s !== undefined);
    placed.set(g, [...(placed.get(g) ?? []), ...refs]);
  };
  for (const [, c] of values(json, "aws_eks_cluster")) for (const g of c.vpc_config?.security_group_ids ?? []) place(g, c.vpc_config.subnet_ids);
  for (const [, e] of values(json, "aws_vpc_endpoint")) for (const g of e.security_group_ids ?? []) place(g, e.subnet_ids ?? []);
  for (const [, n] of values(json, "aws_network_interface")) for (const g of n.security_groups ?? []) place(g, n.subnet_id);
  for (const [, i] of values(json, "aws_instance")) if (i.subnet_id) for (const g of i.vpc_security_group_ids ?? []) place(g, i.subnet_id);
  // Managed node groups: in their launch template's groups, or (naming none) in the cluster's.
  const launchTemplates = new Map(values(json, "aws_launch_template").map(([id, t]) => [`aws_launch_template.${id}`, t]));
  const nodeSubnetsInClusterGroup: unknown[] = [];
  for (const [, n] of values(json, "aws_eks_node_group")) {
    const template = launchTemplates.get(localRef(n.launch_template?.id) ?? "");
    const groups = (template?.vpc_security_group_ids ?? []) as unknown[];
    if (groups.length > 0) for (const g of groups) place(g, n.subnet_ids ?? []);
    else nodeSubnetsInClusterGroup.push(...(n.subnet_ids ?? []));
  }
  const dataStoreSubnets = [...values(json, "aws_db_subnet_group"), ...values(json, "aws_elasticache_subnet_group")].flatMap(([, g]) => g.subnet_ids ?? []);

  const ingressOf = new Map<string, SecurityGroupRuleFact[]>();
  const egressOf = new Map<string, SecurityGroupRuleFact[]>();
  for (const [type, into] of [["aws_vpc_security_group_ingress_rule", ingressOf], ["aws_vpc_security_group_egress_rule", egressOf]] as const) {
    for (const [, r] of values(json, type)) {
      const g = groupRef(r.security_group_id);
      if (g) into.set(g, [...(into.get(g) ?? []), sgRule(r, g)]);
    }
  }
  const securityGroups: SecurityGroupFact[] = values(json, "aws_security_group").map(([id, g]) => {
    const address = `aws_security_group.${id}`;
    if (String(g.name).endsWith("-persistence")) place(`\${${address}.id}`, dataStoreSubnets);
    return {
      address,
      name: String(g.name ?? id),
      implicit: false,
      ingress: [...inlineRules(g.ingress, address), ...(ingressOf.get(address) ?? [])],
      egress: [...inlineRules(g.egress, address), ...(egressOf.get(address) ?? [])],
      subnets: [...new Set(placed.get(address) ?? [])],
    };
  });
  let clusterName: string | undefined;
  for (const [id, c] of values(json, "aws_eks_cluster")) {
    clusterName = String(c.name);
    const address = clusterGroupAddress(id);
    const members = [...(c.vpc_config?.subnet_ids ?? []), ...nodeSubnetsInClusterGroup].map(localRef).filter((s): s is string => s !== undefined);
    securityGroups.push({
      address,
      name: `eks-cluster-sg-${clusterName} (EKS-managed)`,
      implicit: true,
      ingress: [
        { peer: { group: address }, protocol: "all", ports: ALL_PORTS, description: "all traffic from members of the group (EKS default)" },
        ...(ingressOf.get(address) ?? []),
      ],
      egress: [
        { peer: { cidr: "0.0.0.0/0" }, protocol: "all", ports: ALL_PORTS, description: "all traffic out (EKS default)" },
        ...(egressOf.get(address) ?? []),
      ],
      subnets: [...new Set(members)],
    });
  }

  const routes = new Map<string, RouteFact[]>();
  const tableIds = [...values(json, "aws_route_table").map(([id]) => `aws_route_table.${id}`), ...(mainTable ? [`aws_default_route_table.${mainTable[0]}`] : [])];
  for (const t of tableIds) routes.set(t, []);
  for (const [id, t] of [...values(json, "aws_route_table"), ...(mainTable ? [mainTable] : [])]) {
    const table = tableIds.find((x) => x.endsWith(`.${id}`))!;
    for (const r of (t.route ?? []) as Json[]) routes.get(table)!.push({ destination: String(r.cidr_block), target: targetOf(r), stack: name });
  }
  for (const [, r] of values(json, "aws_route")) {
    const table = localRef(r.route_table_id);
    if (table && r.destination_cidr_block) routes.set(table, [...(routes.get(table) ?? []), { destination: String(r.destination_cidr_block), target: targetOf(r), stack: name }]);
  }

  const vpn = values(json, "aws_network_interface").find(([, n]) => String(n.tags?.Name ?? "").endsWith("-vpn"));
  const vpnSubnet = vpn ? localRef(vpn[1].subnet_id) : undefined;
  return {
    name,
    vpcCidr: String(vpc.cidr_block),
    subnets,
    routeTableOf,
    routes,
    naclRulesOf,
    securityGroups,
    natGatewaySubnets: values(json, "aws_nat_gateway").map(([, n]) => localRef(n.subnet_id)).filter((s): s is string => s !== undefined),
    internetGateway: values(json, "aws_internet_gateway").length > 0,
    vpnServer: vpn && vpnSubnet ? { subnet: vpnSubnet, address: String(vpn[1].private_ips?.[0] ?? vpn[1].private_ip) } : undefined,
    clusterName,
  };
}

function targetOf(r: Json): RouteTarget {
  if (r.gateway_id) return String(r.gateway_id).includes("aws_internet_gateway") ? { kind: "internet-gateway" } : { kind: "other", expression: String(r.gateway_id) };
  if (r.nat_gateway_id) return { kind: "nat-gateway" };
  if (r.vpc_peering_connection_id) return { kind: "peering", connection: String(r.vpc_peering_connection_id) };
  if (r.transit_gateway_id) return { kind: "transit-gateway" };
  return { kind: "other", expression: JSON.stringify(r) };
}

/**
 * Reads the facts from every stack: `<env>` stacks are those with an `aws_vpc`; routes, peering
 * connections and the Transit Gateway may sit in any stack (today the peering stack) and reach
 * the `<env>` stacks' route tables through cross-stack references.
 */
export function readNetworkFacts(stacks: readonly StackJson[]): OrganizationFacts {
  const byName = new Map(stacks.map((s) => [s.name, s.json]));
  const environments = stacks.filter((s) => values(s.json, "aws_vpc").length > 0).map((s) => environmentFacts(s.name, s.json));
  const envByName = new Map(environments.map((e) => [e.name, e]));
  const peeringConnections: PeeringConnectionFact[] = [];
  let transitGateway: TransitGatewayFact | undefined;

  for (const stack of stacks) {
    if (envByName.has(stack.name)) continue;
    // Routes declared outside the environment stacks, into their tables.
    for (const [, r] of values(stack.json, "aws_route")) {
      const table = resolveRef(byName, stack.name, r.route_table_id);
      const env = table && envByName.get(table.stack);
      if (!env || !r.destination_cidr_block) continue;
      const target = targetOf(r);
      const routes = env.routes as Map<string, RouteFact[]>;
      const resolved: RouteTarget = target.kind === "peering" ? { kind: "peering", connection: `${stack.name}:${localRef(target.connection) ?? target.connection}` } : target;
      routes.set(table.address, [...(routes.get(table.address) ?? []), { destination: String(r.destination_cidr_block), target: resolved, stack: stack.name }]);
    }
    for (const [id, c] of values(stack.json, "aws_vpc_peering_connection")) {
      const requester = resolveRef(byName, stack.name, c.vpc_id)?.stack;
      const accepter = resolveRef(byName, stack.name, c.peer_vpc_id)?.stack;
      if (requester && accepter) peeringConnections.push({ address: `${stack.name}:aws_vpc_peering_connection.${id}`, requester, accepter });
    }
    const attachments = values(stack.json, "aws_ec2_transit_gateway_vpc_attachment");
    if (attachments.length > 0) transitGateway = transitGatewayFacts(stack, byName);
  }
  return { environments, peeringConnections, transitGateway };
}

function transitGatewayFacts(stack: StackJson, byName: ReadonlyMap<string, Json>): TransitGatewayFact {
  // Each attachment's environment: the stack its subnets live in. An accepter stands for its attachment.
  const envOfAttachment = new Map<string, string>();
  for (const [id, a] of values(stack.json, "aws_ec2_transit_gateway_vpc_attachment")) {
    const env = resolveRef(byName, stack.name, a.subnet_ids?.[0])?.stack;
    if (env) envOfAttachment.set(`aws_ec2_transit_gateway_vpc_attachment.${id}`, env);
  }
  for (const [id, a] of values(stack.json, "aws_ec2_transit_gateway_vpc_attachment_accepter")) {
    const attachment = localRef(a.transit_gateway_attachment_id);
    const env = attachment && envOfAttachment.get(attachment);
    if (env) envOfAttachment.set(`aws_ec2_transit_gateway_vpc_attachment_accepter.${id}`, env);
  }
  const attachmentEnv = (expression: unknown) => {
    const m = /^\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\.(id|transit_gateway_attachment_id)\}$/.exec(String(expression));
    return m ? envOfAttachment.get(m[1]) : undefined;
  };
  const envOfTable = new Map<string, string>();
  for (const [, a] of values(stack.json, "aws_ec2_transit_gateway_route_table_association")) {
    const env = attachmentEnv(a.transit_gateway_attachment_id);
    const table = localRef(a.transit_gateway_route_table_id);
    if (env && table) envOfTable.set(table, env);
  }
  const routesOf = new Map<string, { destination: string; environment: string }[]>();
  for (const [, r] of values(stack.json, "aws_ec2_transit_gateway_route")) {
    const from = envOfTable.get(localRef(r.transit_gateway_route_table_id) ?? "");
    const to = attachmentEnv(r.transit_gateway_attachment_id);
    if (from && to && r.blackhole !== true) routesOf.set(from, [...(routesOf.get(from) ?? []), { destination: String(r.destination_cidr_block), environment: to }]);
  }
  return { stack: stack.name, attached: [...new Set(envOfAttachment.values())].sort(), routesOf };
}
