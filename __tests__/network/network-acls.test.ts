import { DefaultNetworkAcl } from "@cdktf/provider-aws/lib/default-network-acl";
import { contains, overlaps } from "../../src/model/cidr";
import { loadOrgFile } from "../../src/model/load";
import { parseStack, synthStack } from "../../src/testing";
import { loadChanged } from "../../test-helpers/model-fixtures";

type Json = Record<string, any>;

/** `${aws_subnet.x.id}` -> `aws_subnet.x`. */
const refOf = (expr: unknown) => String(expr).replace(/^\$\{(.+)\.id\}$/, "$1");

interface Acl {
  readonly rules: Json[];
}

/** The NACL of each subnet (by address) and each subnet's CIDR, from a synthesized stack. */
function networkOf(json: Json) {
  const subnets = new Map<string, string>(Object.entries(json.resource.aws_subnet as Json).map(([id, s]) => [`aws_subnet.${id}`, s.cidr_block as string]));
  const rulesByAcl = new Map<string, Json[]>();
  for (const rule of Object.values((json.resource.aws_network_acl_rule ?? {}) as Json)) {
    const acl = refOf(rule.network_acl_id);
    rulesByAcl.set(acl, [...(rulesByAcl.get(acl) ?? []), rule]);
  }
  const aclOfSubnet = new Map<string, Acl>();
  for (const assoc of Object.values((json.resource.aws_network_acl_association ?? {}) as Json)) {
    aclOfSubnet.set(refOf(assoc.subnet_id), { rules: rulesByAcl.get(refOf(assoc.network_acl_id)) ?? [] });
  }
  return { subnets, aclOfSubnet };
}

/** Evaluates a NACL as AWS does: rules in number order, the first that matches the whole range decides; none matching denies. */
function aclAdmits(acl: Acl | undefined, egress: boolean, cidr: string, protocol: "tcp" | "udp", port: number): boolean {
  if (!acl) return false;
  const proto = protocol === "tcp" ? ["tcp", "6"] : ["udp", "17"];
  const candidates = acl.rules.filter((r) => r.egress === egress).sort((a, b) => a.rule_number - b.rule_number);
  for (const r of candidates) {
    const protocolMatches = r.protocol === "-1" || r.protocol === "all" || proto.includes(String(r.protocol));
    const portMatches = r.protocol === "-1" || (r.from_port <= port && port <= r.to_port);
    if (!protocolMatches || !portMatches || !overlaps(r.cidr_block, cidr)) continue;
    // A rule that covers part of the range decides only for that part: the whole range passes only if an allow covers all of it first.
    if (r.rule_action !== "allow") return false;
    if (contains(r.cidr_block, cidr)) return true;
  }
  return false;
}

/** The subnets holding each security group's network interfaces, from what references the group. */
function subnetsOfGroups(json: Json): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (group: string, subnets: unknown) => out.set(group, [...(out.get(group) ?? []), ...(subnets as string[]).map(refOf)]);
  for (const cluster of Object.values((json.resource.aws_eks_cluster ?? {}) as Json)) {
    for (const group of cluster.vpc_config.security_group_ids) add(refOf(group), cluster.vpc_config.subnet_ids);
  }
  for (const endpoint of Object.values((json.resource.aws_vpc_endpoint ?? {}) as Json)) {
    for (const group of endpoint.security_group_ids ?? []) add(refOf(group), endpoint.subnet_ids);
  }
  // Network interfaces and instances with a subnet (the VPN server's fixed interface).
  for (const eni of Object.values((json.resource.aws_network_interface ?? {}) as Json)) {
    for (const group of eni.security_groups ?? []) add(refOf(group), [eni.subnet_id]);
  }
  for (const instance of Object.values((json.resource.aws_instance ?? {}) as Json)) {
    if (instance.subnet_id) for (const group of instance.vpc_security_group_ids ?? []) add(refOf(group), [instance.subnet_id]);
  }
  // The data stores' group goes on what is placed through the persistence subnet groups.
  const dbSubnets = Object.values((json.resource.aws_db_subnet_group ?? {}) as Json)[0]?.subnet_ids ?? [];
  for (const [id, group] of Object.entries((json.resource.aws_security_group ?? {}) as Json)) {
    if (String(group.name).endsWith("-persistence")) add(`aws_security_group.${id}`, dbSubnets);
  }
  return out;
}

const EPHEMERAL_SAMPLES = [1024, 32768, 65535];

/**
 * Every flow a security-group rule with a CIDR admits, checked against the NACLs: the destination
 * subnet's NACL admits it and lets the replies out; a source inside the VPC may send it and
 * receive the replies. Returns the flows that would be dropped.
 */
function droppedFlows(json: Json): string[] {
  const { subnets, aclOfSubnet } = networkOf(json);
  const groups = subnetsOfGroups(json);
  // A subnet originates connections unless every group placed in it has no egress (the persistence
  // group: data stores only answer). Subnets with no group known here (load balancers, nodes in the
  // EKS-managed group) may originate anything.
  const egressGroups = new Set(Object.values((json.resource.aws_vpc_security_group_egress_rule ?? {}) as Json).map((r) => refOf(r.security_group_id)));
  const silent = new Set<string>();
  for (const [group, placed] of groups) {
    const body = json.resource.aws_security_group?.[group.replace(/^aws_security_group\./, "")];
    if (body && body.egress === undefined && !egressGroups.has(group) && String(body.name).endsWith("-persistence")) placed.forEach((s) => silent.add(s));
  }
  const dropped: string[] = [];
  for (const [id, rule] of Object.entries((json.resource.aws_vpc_security_group_ingress_rule ?? {}) as Json)) {
    if (!rule.cidr_ipv4) continue;
    const group = refOf(rule.security_group_id);
    const targets = groups.get(group);
    if (!targets) throw new Error(`no subnets known for ${group} of ${id}`);
    const protocol = rule.ip_protocol as "tcp" | "udp";
    for (const port of [rule.from_port, rule.to_port]) {
      for (const target of targets) {
        const targetCidr = subnets.get(target)!;
        const targetAcl = aclOfSubnet.get(target);
        if (!aclAdmits(targetAcl, false, rule.cidr_ipv4, protocol, port)) dropped.push(`${id}: ${target} NACL drops ${protocol}/${port} from ${rule.cidr_ipv4}`);
        for (const reply of EPHEMERAL_SAMPLES) {
          if (!aclAdmits(targetAcl, true, rule.cidr_ipv4, protocol, reply)) dropped.push(`${id}: ${target} NACL drops the reply to ${rule.cidr_ipv4}:${reply}`);
        }
        // Sources in this VPC: the subnets inside the rule's range.
        for (const [source, sourceCidr] of subnets) {
          if (!contains(rule.cidr_ipv4, sourceCidr) || silent.has(source)) continue;
          const sourceAcl = aclOfSubnet.get(source);
          if (!aclAdmits(sourceAcl, true, targetCidr, protocol, port)) dropped.push(`${id}: ${source} NACL drops ${protocol}/${port} to ${targetCidr}`);
          for (const reply of EPHEMERAL_SAMPLES) {
            if (!aclAdmits(sourceAcl, false, targetCidr, protocol, reply)) dropped.push(`${id}: ${source} NACL drops the reply from ${targetCidr} on ${reply}`);
          }
        }
      }
    }
  }
  return dropped;
}

describe("NetworkAcls", () => {
  const org = loadOrgFile();

  describe.each(org.environments.map((e) => [e.name] as const))("in the %s stack of the default organization", (name) => {
    const synthesized = synthStack(org, name);
    const json = parseStack(synthesized) as Json;

    it("adopts the default NACL with no rules, and leaves no subnet in it (CKV2_AWS_1)", () => {
      expect(synthesized).toHaveResource(DefaultNetworkAcl);
      const defaults = Object.values(json.resource.aws_default_network_acl as Json);
      expect(defaults).toHaveLength(1);
      expect(defaults[0]).toEqual(expect.objectContaining({ default_network_acl_id: "${aws_vpc.network_vpc.default_network_acl_id}" }));
      expect(defaults[0].ingress).toBeUndefined();
      expect(defaults[0].egress).toBeUndefined();
      expect(defaults[0].subnet_ids).toBeUndefined();
    });

    it("associates every subnet with exactly one tier NACL, keyed by tier and AZ letter", () => {
      const { subnets, aclOfSubnet } = networkOf(json);
      expect([...subnets.keys()].filter((s) => !aclOfSubnet.has(s))).toEqual([]);
      const associations = Object.values(json.resource.aws_network_acl_association as Json).map((a) => refOf(a.subnet_id));
      expect(new Set(associations).size).toBe(associations.length);
      for (const id of Object.keys(json.resource.aws_network_acl_association)) expect(id).toMatch(/^network_network-acl_[a-z-]+-association-[a-f]$/);
    });

    it("admits every flow its security groups admit, both ways (route and security-group reachability unchanged)", () => {
      expect(droppedFlows(json)).toEqual([]);
    });
  });

  describe("with a hub that names its data-tier clients and a spoke with an API access CIDR and no NAT", () => {
    const changed = loadChanged((file) => {
      file.environments.management.dataTierClientCidrs = ["10.120.0.0/24"];
      file.environments.development.nat = "none";
      file.environments.development.eks.apiAccessCidrs = ["192.0.2.0/24"];
    });
    const json = parseStack(synthStack(changed, "development")) as Json;

    it("still admits every flow its security groups admit, the interface endpoints' included", () => {
      expect(Object.values(json.resource.aws_vpc_endpoint as Json).some((e) => e.vpc_endpoint_type === "Interface")).toBe(true);
      expect(droppedFlows(json)).toEqual([]);
    });

    it("admits the hub to the data tier from the named range only", () => {
      const { aclOfSubnet } = networkOf(json);
      const persistence = aclOfSubnet.get("aws_subnet.network_persistence-subnet-a");
      expect(aclAdmits(persistence, false, "10.120.0.0/24", "tcp", 5432)).toBe(true);
      expect(aclAdmits(persistence, false, "10.120.1.0/24", "tcp", 5432)).toBe(false);
    });
  });

  describe("the proof itself", () => {
    it("reports a flow that a NACL would drop", () => {
      const json = parseStack(synthStack(org, "production")) as Json;
      const rules = json.resource.aws_network_acl_rule as Json;
      for (const id of Object.keys(rules)) if (id.endsWith("persistence-in-private-a-tcp-5432")) delete rules[id];
      expect(droppedFlows(json)).toEqual(expect.arrayContaining([expect.stringContaining("persistence-subnet-a NACL drops tcp/5432 from 10.130.0.0/19")]));
    });
  });
});
