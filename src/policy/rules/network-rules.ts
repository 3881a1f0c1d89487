/** POLICY.md "Network": flow logs, default security group, subnets, security-group rules, routes, EIPs. */
import { blocks, isTrue, strings, type StackContext } from "../stack-context";
import type { PolicyResource, PolicyRule } from "../types";
import { cidrContains } from "./cidr-contains";
import {
  admitsPort,
  allPorts,
  allProtocols,
  describeRule,
  openCidrs,
  OPEN_CIDRS,
  SG_RULE_TYPES,
  sgRulesOf,
} from "./security-group-rules";

const TERRAFORM_DEFAULT_DESCRIPTION = "Managed by Terraform";

export const vpcFlowLogs: PolicyRule = {
  id: "CKV2_AWS_11",
  aliases: ["AWS-0178", "CIS AWS 3.7"],
  section: "Network",
  title: "Every VPC has an aws_flow_log whose vpc_id references it, with traffic_type ALL",
  resourceTypes: ["aws_vpc"],
  check(vpc, ctx) {
    const logs = ctx.referencing("aws_flow_log", "vpc_id", vpc);
    if (logs.length === 0) return ["no aws_flow_log references this VPC"];
    if (!logs.some((l) => l.body.traffic_type === "ALL")) {
      return [`flow logs ${logs.map((l) => l.address).join(", ")} do not capture traffic_type ALL`];
    }
    return [];
  },
};

const SG_RULE_RESOURCES = ["aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"];

export const defaultSecurityGroup: PolicyRule = {
  id: "CKV2_AWS_12",
  aliases: ["CIS AWS 5.5"],
  section: "Network",
  title: "Every VPC declares its aws_default_security_group, with no ingress, no egress and no rule resources attached",
  resourceTypes: ["aws_vpc", "aws_default_security_group"],
  check(r, ctx) {
    if (r.type === "aws_vpc") {
      return ctx.referencing("aws_default_security_group", "vpc_id", r).length === 0
        ? ["no aws_default_security_group references this VPC, so its default group keeps AWS's allow rules"]
        : [];
    }
    const out: string[] = [];
    for (const direction of ["ingress", "egress"]) {
      if (blocks(r.body[direction]).length > 0) out.push(`the default security group has ${direction} rules`);
    }
    for (const type of SG_RULE_RESOURCES) {
      for (const rule of ctx.referencing(type, "security_group_id", r)) out.push(`${rule.address} adds a rule to the default security group`);
    }
    return out;
  },
};

export const subnetNoPublicIp: PolicyRule = {
  id: "CKV_AWS_130",
  aliases: ["AWS-0164", "CIS EKS 5.4.3"],
  section: "Network",
  title: "Subnets (public tier included) do not map public IPs on launch",
  resourceTypes: ["aws_subnet", "aws_default_subnet"],
  check(subnet) {
    const v = subnet.body.map_public_ip_on_launch;
    // aws_default_subnet maps public IPs unless told otherwise; aws_subnet defaults to false.
    const on = subnet.type === "aws_default_subnet" ? v !== false && v !== "false" : isTrue(v);
    return on ? ["map_public_ip_on_launch is true"] : [];
  },
};

export const securityGroupDescriptions: PolicyRule = {
  id: "CKV_AWS_23",
  aliases: ["AWS-0099", "AWS-0124"],
  section: "Network",
  title: 'Every security group and every rule has a description that is not "Managed by Terraform"',
  resourceTypes: [...SG_RULE_TYPES],
  check(r) {
    const bad = (d: unknown) => typeof d !== "string" || d.trim() === "" || d.trim() === TERRAFORM_DEFAULT_DESCRIPTION;
    const out: string[] = [];
    if (r.type === "aws_security_group" && bad(r.body.description)) {
      out.push(`the security group has no description (Terraform would write "${TERRAFORM_DEFAULT_DESCRIPTION}")`);
    }
    for (const rule of sgRulesOf(r)) {
      if (bad(rule.description)) out.push(`${rule.where ? "" : "the rule "}${describeRule(rule)} has no description`);
    }
    return out;
  },
};

const ADMIN_PORTS = [22, 3389];

export const ingressAdminPorts: PolicyRule = {
  id: "CKV_AWS_24",
  aliases: ["CKV_AWS_25", "CKV_AWS_277", "AWS-0107", "CIS AWS 5.3", "CIS AWS 5.4"],
  section: "Network",
  title: "No ingress from 0.0.0.0/0 or ::/0 to port 22, 3389 or all ports",
  resourceTypes: [...SG_RULE_TYPES, "aws_default_security_group"],
  check(r) {
    const out: string[] = [];
    for (const rule of sgRulesOf(r).filter((x) => x.direction === "ingress")) {
      const open = openCidrs(rule);
      if (open.length === 0) continue;
      const what = allPorts(rule) ? "all ports" : ADMIN_PORTS.filter((p) => admitsPort(rule, p)).map((p) => `port ${p}`).join(" and ");
      if (what) out.push(`${describeRule(rule)} admits ${open.join(", ")} to ${what}`);
    }
    return out;
  },
};

export const egressAllTraffic: PolicyRule = {
  id: "CKV_AWS_382",
  aliases: [],
  section: "Network",
  title: "No egress of all protocols and ports to 0.0.0.0/0 or ::/0",
  resourceTypes: [...SG_RULE_TYPES, "aws_default_security_group"],
  check(r) {
    return sgRulesOf(r)
      .filter((rule) => rule.direction === "egress" && allProtocols(rule) && openCidrs(rule).length > 0)
      .map((rule) => `${describeRule(rule)} allows all traffic to ${openCidrs(rule).join(", ")}`);
  },
};

/**
 * Trivy flags any egress to the internet. POLICY.md lists it as an exception for TCP 443 (and
 * 80 when the model asks); the finding carries the ports so the exception can check them.
 */
export const egressToInternet: PolicyRule = {
  id: "AWS-0104",
  aliases: [],
  section: "Network",
  title: "No egress to 0.0.0.0/0 or ::/0 (listed exception: TCP 443, and 80 when the model asks)",
  resourceTypes: [...SG_RULE_TYPES, "aws_default_security_group"],
  check(r) {
    return sgRulesOf(r)
      .filter((rule) => rule.direction === "egress" && openCidrs(rule).length > 0)
      .map((rule) => ({
        message: `${describeRule(rule)} allows egress to ${openCidrs(rule).join(", ")}`,
        detail: { protocol: rule.protocol, fromPort: rule.fromPort, toPort: rule.toPort },
      }));
  },
};

/** A route in any of its forms: aws_route, or a `route` block of a (default) route table. */
interface Route {
  readonly where: string;
  readonly body: Record<string, unknown>;
}

const ROUTE_TYPES = ["aws_route", "aws_route_table", "aws_default_route_table"];

function routesOf(r: PolicyResource): Route[] {
  if (r.type === "aws_route") return [{ where: "", body: r.body }];
  return blocks(r.body.route).map((body, i) => ({ where: `route[${i}] `, body }));
}

function destination(route: Route): string | undefined {
  const b = route.body;
  const d = b.destination_cidr_block ?? b.cidr_block ?? b.destination_ipv6_cidr_block ?? b.ipv6_cidr_block;
  return typeof d === "string" ? d : undefined;
}

function set(v: unknown): boolean {
  return v !== undefined && v !== null && v !== "";
}

export const peeringRoutes: PolicyRule = {
  id: "CKV2_AWS_44",
  aliases: ["CIS AWS 5.6"],
  section: "Network",
  title: "Routes through a VPC peering go to the peer's CIDR, never 0.0.0.0/0 or ::/0",
  resourceTypes: ROUTE_TYPES,
  check(r, ctx) {
    const out: string[] = [];
    for (const route of routesOf(r).filter((x) => set(x.body.vpc_peering_connection_id))) {
      const dest = destination(route);
      if (dest && OPEN_CIDRS.includes(dest)) {
        out.push(`${route.where}sends ${dest} through a VPC peering connection`);
        continue;
      }
      const peerCidrs = peeringCidrs(route.body.vpc_peering_connection_id, ctx);
      if (dest && !dest.includes("${") && peerCidrs.length > 0 && !peerCidrs.some((c) => cidrContains(c, dest))) {
        out.push(`${route.where}sends ${dest} through a VPC peering whose VPCs are ${peerCidrs.join(", ")}`);
      }
    }
    return out;
  },
};

/** Literal CIDRs of the two VPCs of a peering connection, when both resolve in the stack. */
function peeringCidrs(ref: unknown, ctx: StackContext): string[] {
  const pcx = ctx.resolve(ref, "aws_vpc_peering_connection");
  if (!pcx) return [];
  const cidrs = [pcx.body.vpc_id, pcx.body.peer_vpc_id].map((v) => ctx.resolve(v, "aws_vpc")?.body.cidr_block);
  return cidrs.every((c): c is string => typeof c === "string" && !c.includes("${")) ? cidrs : [];
}

export const eipAttached: PolicyRule = {
  id: "CKV2_AWS_19",
  aliases: [],
  section: "Network",
  title: "Every aws_eip is attached (to a NAT gateway, an instance or an interface)",
  resourceTypes: ["aws_eip"],
  check(eip, ctx) {
    if (set(eip.body.instance) || set(eip.body.network_interface)) return [];
    const users = [
      ...ctx.referencing("aws_nat_gateway", "allocation_id", eip),
      ...ctx.referencing("aws_nat_gateway", "secondary_allocation_ids", eip),
      ...ctx.referencing("aws_eip_association", "allocation_id", eip),
    ];
    return users.length === 0 ? ["no aws_nat_gateway or aws_eip_association uses this EIP"] : [];
  },
};

export const defaultRouteTargets: PolicyRule = {
  id: "CKV2_AWS_35",
  aliases: [],
  section: "Network",
  title: "Default routes go to a NAT gateway (or the internet gateway of the public tier), never an instance",
  resourceTypes: ROUTE_TYPES,
  check(r) {
    return routesOf(r)
      .filter((route) => OPEN_CIDRS.includes(destination(route) ?? ""))
      .filter((route) => set(route.body.instance_id) || set(route.body.network_interface_id))
      .map((route) => `${route.where}sends ${destination(route)} to an instance or network interface`);
  },
};

/** The internet, IPv4 and IPv6, as a NACL rule names it. */
const NACL_OPEN = ["0.0.0.0/0", "::/0"];
/** Ports CIS AWS 5.1 and CKV_AWS_229 (21), 230 (20), 231 (3389), 232 (22) keep closed to the internet. */
const NACL_ADMIN_PORTS = [20, 21, 22, 3389];

/** A NACL rule as a resource or an inline block, normalized. */
interface NaclEntry {
  readonly where: string;
  readonly egress: boolean;
  readonly allow: boolean;
  readonly allProtocols: boolean;
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidr: string;
}

/** The rules of a NACL resource (inline ingress/egress blocks) or of an aws_network_acl_rule. */
function naclEntries(r: PolicyResource): NaclEntry[] {
  const entry = (b: Record<string, unknown>, egress: boolean, where: string): NaclEntry => {
    const protocol = String(b.protocol ?? "");
    const allProtocols = protocol === "-1" || protocol === "all";
    return {
      where,
      egress,
      allow: String(b.rule_action ?? b.action ?? "") === "allow",
      allProtocols,
      fromPort: allProtocols ? 0 : Number(b.from_port ?? 0),
      toPort: allProtocols ? 65535 : Number(b.to_port ?? 65535),
      cidr: String(b.cidr_block ?? b.ipv6_cidr_block ?? ""),
    };
  };
  if (r.type === "aws_network_acl_rule") return [entry(r.body, isTrue(r.body.egress), "")];
  return (["ingress", "egress"] as const).flatMap((direction) =>
    blocks(r.body[direction]).map((b, i) => entry(b, direction === "egress", `${direction}[${i}] `)),
  );
}

const NACL_TYPES = ["aws_network_acl_rule", "aws_network_acl", "aws_default_network_acl"];

export const subnetsInManagedNacl: PolicyRule = {
  id: "CKV2_AWS_1",
  aliases: [],
  section: "Network",
  title: "Every subnet is associated with a managed network ACL; every VPC adopts its default NACL with no rules and no subnets",
  resourceTypes: ["aws_subnet", "aws_vpc", "aws_default_network_acl"],
  check(r, ctx) {
    if (r.type === "aws_subnet") {
      const associated =
        ctx.referencing("aws_network_acl_association", "subnet_id", r).length > 0 ||
        ctx.resources("aws_network_acl").some((acl) => ctx.refersTo(acl.body.subnet_ids, r));
      return associated ? [] : ["no aws_network_acl_association or aws_network_acl subnet_ids names this subnet, so it falls into the VPC's default NACL"];
    }
    if (r.type === "aws_vpc") {
      return ctx.referencing("aws_default_network_acl", "default_network_acl_id", r).length === 0
        ? ["no aws_default_network_acl adopts this VPC's default NACL, so it keeps AWS's allow-all rules"]
        : [];
    }
    const out: string[] = [];
    for (const direction of ["ingress", "egress"]) {
      if (blocks(r.body[direction]).length > 0) out.push(`the default network ACL has ${direction} rules`);
    }
    if (strings(r.body.subnet_ids).length > 0) out.push("the default network ACL holds subnets");
    for (const rule of ctx.referencing("aws_network_acl_rule", "network_acl_id", r)) out.push(`${rule.address} adds a rule to the default network ACL`);
    return out;
  },
};

export const naclIngressAdminPorts: PolicyRule = {
  id: "CKV_AWS_229",
  aliases: ["CKV_AWS_230", "CKV_AWS_231", "CKV_AWS_232", "AWS-0105", "CIS AWS 5.1"],
  section: "Network",
  title: "No network ACL rule admits 20, 21, 22 or 3389 from 0.0.0.0/0 or ::/0",
  resourceTypes: NACL_TYPES,
  check(r) {
    return naclEntries(r)
      .filter((e) => !e.egress && e.allow && NACL_OPEN.includes(e.cidr))
      .flatMap((e) =>
        NACL_ADMIN_PORTS.filter((port) => e.fromPort <= port && port <= e.toPort).map((port) => `${e.where}admits port ${port} from ${e.cidr}`),
      );
  },
};

export const naclNoAllowAll: PolicyRule = {
  id: "AWS-0102",
  aliases: [],
  section: "Network",
  title: "No network ACL rule allows every protocol and every port from 0.0.0.0/0 or ::/0",
  resourceTypes: NACL_TYPES,
  check(r) {
    return naclEntries(r)
      .filter((e) => !e.egress && e.allow && e.allProtocols && NACL_OPEN.includes(e.cidr))
      .map((e) => `${e.where}allows all traffic from ${e.cidr}`);
  },
};

/** Condition keys that tie an endpoint policy statement to the organization's accounts. */
const ACCOUNT_KEYS = ["aws:principalaccount", "aws:resourceaccount", "aws:principalorgid", "aws:resourceorgid", "aws:sourceaccount"];

export const endpointPolicies: PolicyRule = {
  id: "LZ_VPC_ENDPOINT_POLICY",
  aliases: [],
  section: "Network",
  title:
    "Every VPC endpoint has a policy whose Allow statements are limited to the organization's accounts (account condition keys) or name specific resources, never every resource unconditionally",
  resourceTypes: ["aws_vpc_endpoint"],
  check(r, ctx) {
    const doc = ctx.policyDocument(r.body.policy);
    if (doc.kind === "none") return ["has no endpoint policy, so the endpoint reaches every resource of every account"];
    if (doc.kind === "unreadable") return [`its policy cannot be read: ${doc.reason}`];
    const out: string[] = [];
    doc.statements.forEach((st, i) => {
      if (st.effect !== "Allow") return;
      const scoped = st.conditions.some((c) => ACCOUNT_KEYS.includes(c.variable.toLowerCase()) && c.values.length > 0 && !c.values.includes("*"));
      if (scoped) return;
      const broad = st.resources.filter((res) => res === "*" || /^arn:[^:]+:[^:]*:[^:]*:[^:]*:\*$/.test(res) || /^arn:[^:]+:s3:::\*/.test(res));
      if (st.notResources.length > 0 || broad.length > 0) {
        out.push(`statement ${st.sid ?? i} allows ${broad.join(", ") || "NotResource"} without an account condition (aws:PrincipalAccount, aws:ResourceAccount, aws:PrincipalOrgID)`);
      }
    });
    return out;
  },
};

export const networkRules: readonly PolicyRule[] = [
  vpcFlowLogs,
  defaultSecurityGroup,
  subnetNoPublicIp,
  securityGroupDescriptions,
  ingressAdminPorts,
  egressAllTraffic,
  egressToInternet,
  peeringRoutes,
  eipAttached,
  defaultRouteTargets,
  subnetsInManagedNacl,
  naclIngressAdminPorts,
  naclNoAllowAll,
  endpointPolicies,
];
