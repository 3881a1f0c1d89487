import { Testing } from "cdktf";
import { persistenceIngressRules } from "../../src/network/security-group-rules";
import { environmentByName, type Org } from "../../src/model/org";
import { EnvironmentStack } from "../../src/stacks/environment-stack";
import { nodeSecurityGroupOptionsOf } from "../../src/stacks/node-security-group-props";
import { loadChanged } from "../../test-helpers/model-fixtures";

const org = loadChanged();

/** The `<env>` stack of `name`, synthesized. */
function synthEnvironment(o: Org, name: string): any {
  const stack = new EnvironmentStack(Testing.app(), name, { org: o, environment: environmentByName(o, name) });
  return JSON.parse(Testing.synth(stack));
}

/** Ids of the node security group's rules in a synthesized `<env>` stack, by direction. */
function nodeRuleIds(json: any, type: "aws_vpc_security_group_ingress_rule" | "aws_vpc_security_group_egress_rule"): string[] {
  return Object.keys(json.resource[type] ?? {})
    .filter((id) => id.startsWith("eks_node-security-group_"))
    .map((id) => id.replace("eks_node-security-group_", ""))
    .sort();
}

describe("nodeSecurityGroupOptionsOf", () => {
  describe("the ports the control plane calls", () => {
    it("are the webhook and API ports of the add-ons the environment runs", () => {
      const ports = nodeSecurityGroupOptionsOf(environmentByName(org, "production"), org.environments).controlPlanePorts!;
      expect(ports.map((p) => `${p.port} ${p.purpose}`)).toEqual([
        "10250 metrics-server metrics API",
        "8443 ingress-nginx admission webhook",
        "9443 CloudWatch agent operator webhook",
      ]);
    });

    it("leave out an add-on the environment does not run (no ingress controller, no 8443)", () => {
      const without = loadChanged((f) => (f.environments.production.platform = { ...(f.environments.production.platform ?? {}), ingress: { controller: "none" } }));
      const ports = nodeSecurityGroupOptionsOf(environmentByName(without, "production"), without.environments).controlPlanePorts!;
      expect(ports.map((p) => p.port)).not.toContain(8443);
    });
  });

  describe("the data tiers", () => {
    it("let the nodes reach their own persistence subnets on every data-store port the persistence group admits from the private tier", () => {
      const production = environmentByName(org, "production");
      const [own] = nodeSecurityGroupOptionsOf(production, org.environments).dataTiers!;
      // The persistence group's ingress: each private subnet on each data-store port. The nodes' egress must cover the same ports.
      const admitted = new Set(
        persistenceIngressRules({ privateSubnets: production.subnets.map((s) => ({ azSuffix: s.azSuffix, cidr: s.private })), dataStorePorts: production.dataStorePorts, inboundPeers: [], peeringPorts: [] }).map(
          (r) => r.fromPort,
        ),
      );
      expect(new Set(own.ports)).toEqual(admitted);
      expect(own.ranges).toEqual(production.subnets.map((s) => ({ key: s.azSuffix, cidr: s.persistence })));
    });

    it("leave out a spoke that admits the hub's VPN server only (the default spokeAccess), as the nodes are not that address", () => {
      const management = loadChanged((f) => (f.environments.management.eks = structuredClone(f.environments.development.eks)));
      const tiers = nodeSecurityGroupOptionsOf(environmentByName(management, "management"), management.environments).dataTiers!;
      expect(tiers.map((t) => t.name)).toEqual(["persistence"]);
    });

    it("let a hub's nodes reach each spoke's persistence subnets on the spoke's peering ports when the spoke admits the hub's private subnets", () => {
      const hub = loadChanged((f) => {
        f.environments.management.eks = structuredClone(f.environments.development.eks);
        delete f.environments.management.vpn;
      });
      const tiers = nodeSecurityGroupOptionsOf(environmentByName(hub, "management"), hub.environments).dataTiers!;
      expect(tiers.map((t) => t.name)).toEqual(["persistence", "peer-production", "peer-development"]);
      const production = environmentByName(hub, "production");
      expect(tiers[1]).toMatchObject({ ports: production.peeringPorts, ranges: production.subnets.map((s) => ({ key: s.azSuffix, cidr: s.persistence })) });
    });
  });
});

describe("the node security group of the default organization's production stack", () => {
  const json = synthEnvironment(org, "production");

  it("is exactly the described list of rules", () => {
    expect(nodeRuleIds(json, "aws_vpc_security_group_ingress_rule")).toEqual([
      "ingress-control-plane-tcp-10250",
      "ingress-control-plane-tcp-8443",
      "ingress-control-plane-tcp-9443",
      "ingress-nodes-all",
    ]);
    expect(nodeRuleIds(json, "aws_vpc_security_group_egress_rule")).toEqual(
      [
        "egress-control-plane-tcp-443",
        "egress-internet-tcp-443",
        "egress-nodes-all",
        "egress-vpc-resolver-tcp-53",
        "egress-vpc-resolver-udp-53",
        ...["a", "b", "c"].flatMap((az) => [11211, 3306, 5432, 6379].map((port) => `egress-persistence-${az}-tcp-${port}`)),
      ].sort(),
    );
  });

  it("has no egress beyond the listed: HTTPS is the only rule to the internet, every other names the nodes, the control plane, the resolver or a persistence subnet", () => {
    const persistence = new Set(environmentByName(org, "production").subnets.map((s) => s.persistence));
    const egress = Object.entries(json.resource.aws_vpc_security_group_egress_rule).filter(([id]) => id.startsWith("eks_node-security-group_")) as [string, any][];
    for (const [id, rule] of egress) {
      if (rule.referenced_security_group_id) continue;
      const allowed = (rule.cidr_ipv4 === "0.0.0.0/0" && rule.from_port === 443 && rule.ip_protocol === "tcp") || rule.cidr_ipv4 === "10.130.0.2/32" || persistence.has(rule.cidr_ipv4);
      expect([id, allowed]).toEqual([id, true]);
    }
  });

  it("is the only security group tagged kubernetes.io/cluster/<name>: owned (the load balancer controllers need exactly one on the node interfaces)", () => {
    const owned = Object.entries(json.resource.aws_security_group).filter(([, g]: [string, any]) => g.tags?.["kubernetes.io/cluster/acme-production"] === "owned");
    expect(owned.map(([id]) => id)).toEqual(["eks_node-security-group_security-group"]);
  });

  it("is named by every node group's launch template, and nothing puts the nodes in the cluster security group", () => {
    const templates = Object.values(json.resource.aws_launch_template) as { vpc_security_group_ids: string[] }[];
    expect(templates.length).toBe(environmentByName(org, "production").eks!.nodeGroups.length);
    for (const t of templates) expect(t.vpc_security_group_ids).toEqual(["${aws_security_group.eks_node-security-group_security-group.id}"]);
    expect(JSON.stringify(json)).not.toMatch(/cluster_security_group_id/);
  });
});
