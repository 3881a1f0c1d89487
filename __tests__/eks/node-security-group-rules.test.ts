import { clusterSecurityGroupBridgeRules, KUBELET_PORT, nodeSecurityGroupRules, type NodeSecurityGroupRule } from "../../src/eks/node-security-group-rules";

const minimal = nodeSecurityGroupRules({ clusterName: "acme-production", vpcResolverCidr: "10.130.0.2/32" });
const byId = (rules: readonly NodeSecurityGroupRule[]) => Object.fromEntries(rules.map((r) => [r.id, r]));

describe("nodeSecurityGroupRules", () => {
  describe("with nothing but what EKS needs", () => {
    it("is exactly the node-to-node pair, the kubelet, the API, HTTPS out and DNS to the resolver", () => {
      expect(minimal.map((r) => `${r.direction} ${r.id} ${r.ipProtocol} ${r.fromPort ?? "all"}`)).toEqual([
        "ingress ingress-nodes-all -1 all",
        `ingress ingress-control-plane-tcp-${KUBELET_PORT} tcp 10250`,
        "egress egress-nodes-all -1 all",
        "egress egress-control-plane-tcp-443 tcp 443",
        "egress egress-internet-tcp-443 tcp 443",
        "egress egress-vpc-resolver-udp-53 udp 53",
        "egress egress-vpc-resolver-tcp-53 tcp 53",
      ]);
    });

    it("opens all protocols only between the nodes themselves (one self-referencing pair)", () => {
      const all = minimal.filter((r) => r.ipProtocol === "-1");
      expect(all.map((r) => [r.direction, r.peer])).toEqual([
        ["ingress", { self: true }],
        ["egress", { self: true }],
      ]);
    });

    it("reaches the internet on TCP 443 only (no allow-all egress, CKV_AWS_382; POLICY.md's AWS-0104 exception)", () => {
      const open = minimal.filter((r) => "cidrIpv4" in r.peer && r.peer.cidrIpv4 === "0.0.0.0/0");
      expect(open).toEqual([expect.objectContaining({ direction: "egress", ipProtocol: "tcp", fromPort: 443, toPort: 443 })]);
    });

    it("admits nothing from a CIDR: ingress comes from the nodes or the control plane's group", () => {
      expect(minimal.filter((r) => r.direction === "ingress" && "cidrIpv4" in r.peer)).toEqual([]);
    });

    it("sends DNS to the VPC resolver's /32 over UDP and TCP", () => {
      const dns = minimal.filter((r) => r.fromPort === 53);
      expect(dns.map((r) => [r.ipProtocol, r.peer])).toEqual([
        ["udp", { cidrIpv4: "10.130.0.2/32" }],
        ["tcp", { cidrIpv4: "10.130.0.2/32" }],
      ]);
    });

    it("describes every rule, naming the cluster where it concerns it, within what AWS accepts", () => {
      for (const rule of minimal) expect(rule.description).toMatch(/^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/);
      expect(byId(minimal)["ingress-control-plane-tcp-10250"].description).toBe("TCP 10250 from the acme-production control plane: kubelet");
    });
  });

  describe("with add-on webhook ports", () => {
    const rules = nodeSecurityGroupRules({
      clusterName: "acme-production",
      vpcResolverCidr: "10.130.0.2/32",
      controlPlanePorts: [
        { port: 9443, purpose: "CloudWatch agent operator webhook" },
        { port: 8443, purpose: "ingress-nginx admission webhook" },
        { port: 10250, purpose: "metrics-server metrics API" },
        { port: 9443, purpose: "AWS Load Balancer Controller webhooks" },
      ],
    });
    const fromControlPlane = rules.filter((r) => r.id.startsWith("ingress-control-plane"));

    it("opens one rule per port from the control plane, in port order, keyed by the port", () => {
      expect(fromControlPlane.map((r) => r.id)).toEqual(["ingress-control-plane-tcp-8443", "ingress-control-plane-tcp-9443", "ingress-control-plane-tcp-10250"]);
      for (const r of fromControlPlane) expect(r.peer).toEqual({ controlPlane: true });
    });

    it("names every add-on sharing a port in that port's description", () => {
      expect(byId(rules)["ingress-control-plane-tcp-9443"].description).toBe(
        "TCP 9443 from the acme-production control plane: CloudWatch agent operator webhook, AWS Load Balancer Controller webhooks",
      );
      expect(byId(rules)["ingress-control-plane-tcp-10250"].description).toBe("TCP 10250 from the acme-production control plane: kubelet, metrics-server metrics API");
    });
  });

  describe("with data tiers and extra egress", () => {
    const rules = nodeSecurityGroupRules({
      clusterName: "acme-management",
      vpcResolverCidr: "10.120.0.2/32",
      dataTiers: [
        { name: "persistence", label: "the persistence tier", ranges: [{ key: "a", cidr: "10.120.224.0/22" }, { key: "b", cidr: "10.120.228.0/22" }], ports: [5432, 6379, 5432] },
        { name: "peer-production", label: "the persistence tier of peered environment production", ranges: [{ key: "a", cidr: "10.130.224.0/22" }], ports: [5432] },
      ],
      extraEgress: [{ name: "smtp", description: "Mail relay", protocol: "tcp", ports: [587], cidrs: ["192.0.2.0/24", "192.0.2.0/24"] }],
    });
    const egress = rules.filter((r) => r.direction === "egress").map((r) => r.id);

    it("adds one rule per range and distinct port of each tier, keyed by the tier, the range's identity and the port", () => {
      expect(egress).toEqual(
        expect.arrayContaining([
          "egress-persistence-a-tcp-5432",
          "egress-persistence-a-tcp-6379",
          "egress-persistence-b-tcp-5432",
          "egress-persistence-b-tcp-6379",
          "egress-peer-production-a-tcp-5432",
          "egress-extra-smtp-192-0-2-0-24-tcp-587",
        ]),
      );
      expect(egress).toHaveLength(5 + 4 + 1 + 1);
    });

    it("describes a data-tier rule with the data store's name and the range", () => {
      expect(byId(rules)["egress-peer-production-a-tcp-5432"].description).toBe(
        "PostgreSQL (TCP 5432) to the persistence tier of peered environment production (10.130.224.0/22)",
      );
      expect(byId(rules)["egress-extra-smtp-192-0-2-0-24-tcp-587"].description).toBe("TCP 587 to 192.0.2.0/24: Mail relay");
    });

    it("keeps every other rule's id when a tier's range is removed (identity, not position)", () => {
      const fewer = nodeSecurityGroupRules({
        clusterName: "acme-management",
        vpcResolverCidr: "10.120.0.2/32",
        dataTiers: [{ name: "persistence", label: "the persistence tier", ranges: [{ key: "b", cidr: "10.120.228.0/22" }], ports: [5432, 6379] }],
      });
      const ids = new Set(rules.map((r) => r.id));
      for (const r of fewer) expect(ids.has(r.id)).toBe(true);
    });
  });
});

describe("clusterSecurityGroupBridgeRules", () => {
  it("opens all traffic both ways between the two groups: two rules on the node group, one on the cluster group", () => {
    expect(clusterSecurityGroupBridgeRules("acme-production").map((r) => `${r.on} ${r.direction} ${r.id}`)).toEqual([
      "nodes ingress ingress-cluster-security-group-all",
      "nodes egress egress-cluster-security-group-all",
      "cluster ingress cluster-security-group-ingress-nodes-all",
    ]);
  });
});
