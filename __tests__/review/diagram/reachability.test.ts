import { loadOrgFile } from "../../../src/model/load";
import { formatPorts, type NaclRuleFact, readNetworkFacts, reachability, type ReachabilityMatrix, routeOf, naclAllows, cellText, type StackJson } from "../../../src/review/diagram";
import { deleteResources, editStacks, synthesizedStacks } from "../../../test-helpers/diagram-fixtures";
import { loadChanged } from "../../../test-helpers/model-fixtures";

const org = loadOrgFile();
const VPN_ROUTES = { vpnRoutes: { management: org.environments.find((e) => e.name === "management")!.vpn!.routes } };
const matrixOf = (stacks: readonly StackJson[]) => reachability(readNetworkFacts(stacks), VPN_ROUTES);
const cell = (m: ReachabilityMatrix, from: string, to: string) => m.cells.find((c) => c.from === from && c.to === to);
const tcp = (m: ReachabilityMatrix, from: string, to: string) => {
  const c = cell(m, from, to);
  return c ? formatPorts(c.tcp) : undefined;
};
const envOf = (endpoint: string) => endpoint.split("/")[0];

const stacks = synthesizedStacks(org);

describe("reachability", () => {
  const matrix = matrixOf(stacks);

  describe("of the default organization", () => {
    it("has a row for every tier (stacks in the order given), the VPN's clients and the internet, and a column for every tier", () => {
      expect(matrix.sources.map((s) => s.id)).toEqual([
        "development/public", "development/private", "development/control-plane", "development/persistence",
        "management/public", "management/private", "management/persistence",
        "production/public", "production/private", "production/control-plane", "production/persistence",
        "vpn-clients/management", "internet",
      ]);
      expect(matrix.destinations.map((d) => d.id)).toEqual(matrix.sources.filter((s) => s.kind === "tier").map((s) => s.id));
    });

    it("never lets production and development reach each other, on any tier", () => {
      const across = matrix.cells.filter((c) => ["production", "development"].includes(envOf(c.from)) && ["production", "development"].includes(envOf(c.to)) && envOf(c.from) !== envOf(c.to));
      expect(across).toEqual([]);
    });

    it("lets a private tier reach its own data tier on the data-store ports, from every private subnet", () => {
      const c = cell(matrix, "production/private", "production/persistence")!;
      expect(formatPorts(c.tcp)).toBe("3306,5432,6379,11211");
      expect(c.udp).toEqual([]);
      expect(c.partial).toBe(false);
      expect(c.sourceCidrs).toEqual(["10.130.0.0/19", "10.130.32.0/19", "10.130.64.0/19"]);
      expect(c.via).toEqual(["local"]);
    });

    it("lets nodes reach the control plane on 443 only, and the control plane reach the nodes on the kubelet and webhook ports only (the node security group)", () => {
      expect(cellText(cell(matrix, "production/private", "production/control-plane")!)).toEqual(["443"]);
      expect(cellText(cell(matrix, "production/control-plane", "production/private")!)).toEqual(["8443", "9443", "10250"]);
    });

    it("lets no node reach the hub's VPN port: the nodes' egress is HTTPS, DNS and the data tiers", () => {
      expect(cell(matrix, "production/private", "management/public")).toBeUndefined();
    });

    it("lets the hub reach the spokes' data tiers and cluster APIs from its VPN server's address only, across peering", () => {
      const data = cell(matrix, "management/public", "production/persistence")!;
      expect(formatPorts(data.tcp)).toBe("3306,5432,6379,11211");
      expect(data).toEqual(expect.objectContaining({ partial: true, sourceCidrs: ["10.120.192.10/32"], via: ["peering"] }));
      expect(tcp(matrix, "management/public", "development/control-plane")).toBe("443");
      expect(cell(matrix, "management/private", "production/persistence")).toBeUndefined();
      expect(tcp(matrix, "vpn-clients/management", "production/persistence")).toBe("3306,5432,6379,11211");
      expect(cellText(data)).toEqual(["3306*", "5432*", "6379*", "11211*"]);
      expect(cellText(cell(matrix, "production/private", "production/persistence")!)).toEqual(["3306", "5432", "6379", "11211"]);
    });

    it("lets no data tier originate anything: its group has no egress rule", () => {
      expect(matrix.cells.filter((c) => c.from.endsWith("/persistence"))).toEqual([]);
    });

    it("admits the internet to the hub's public tier only: the VPN's UDP port from anywhere, the console from the admin range", () => {
      const fromInternet = matrix.cells.filter((c) => c.from === "internet");
      expect(fromInternet.map((c) => c.to)).toEqual(["management/public"]);
      expect(formatPorts(fromInternet[0].udp)).toBe("1194");
      expect(formatPorts(fromInternet[0].tcp)).toBe("443");
      expect(fromInternet[0].sourceCidrs).toEqual(["0.0.0.0/0", "203.0.113.0/24"]);
      expect(fromInternet[0].via).toEqual(["internet-gateway"]);
      expect(cellText(fromInternet[0])).toEqual(["443*", "1194/udp"]);
    });
  });

  describe("when a synthesized edit removes the management-production peering edge", () => {
    const edited = matrixOf(
      editStacks(stacks, (s) => {
        expect(deleteResources(s.peering, "aws_vpc_peering_connection", /^management-production_/)).toBe(1);
        expect(deleteResources(s.peering, "aws_route", /^management-production_/)).toBeGreaterThan(0);
      }),
    );

    it("removes every cell between management and production, and only those", () => {
      const between = (m: ReachabilityMatrix) => m.cells.filter((c) => [c.from, c.to].some((e) => envOf(e) === "production") && [c.from, c.to].some((e) => ["management", "vpn-clients"].includes(envOf(e))));
      expect(between(matrix).length).toBeGreaterThan(0);
      expect(between(edited)).toEqual([]);
      expect(edited.cells).toEqual(matrix.cells.filter((c) => !between(matrix).includes(c)));
    });
  });

  describe("when only the spoke's side of the edge loses its routes (no way back)", () => {
    const edited = matrixOf(editStacks(stacks, (s) => expect(deleteResources(s.peering, "aws_route", /^management-production_route-accepter-/)).toBeGreaterThan(0)));

    it("removes the hub's cells into production too: replies have no route", () => {
      expect(cell(edited, "management/public", "production/persistence")).toBeUndefined();
      expect(cell(edited, "production/private", "management/public")).toBeUndefined();
      expect(tcp(edited, "management/public", "development/persistence")).toBe("3306,5432,6379,11211");
    });
  });

  describe("when a synthesized NACL edit narrows the ports", () => {
    it("drops the port whose allow rule is removed from the data tier's NACL", () => {
      const edited = matrixOf(editStacks(stacks, (s) => expect(deleteResources(s.production, "aws_network_acl_rule", /persistence-in-peer-management-.*-tcp-5432$/)).toBe(1)));
      expect(tcp(edited, "management/public", "production/persistence")).toBe("3306,6379,11211");
      expect(tcp(edited, "production/private", "production/persistence")).toBe("3306,5432,6379,11211");
    });

    it("drops a port a lower-numbered deny rule catches before the allow", () => {
      const edited = matrixOf(
        editStacks(stacks, (s) => {
          s.production.resource.aws_network_acl_rule["deny-redis"] = {
            network_acl_id: "${aws_network_acl.network_network-acl_persistence.id}",
            egress: false, protocol: "tcp", rule_action: "deny", rule_number: 1, cidr_block: "10.130.0.0/16", from_port: 6379, to_port: 6379,
          };
        }),
      );
      expect(tcp(edited, "production/private", "production/persistence")).toBe("3306,5432,11211");
      expect(tcp(edited, "management/public", "production/persistence")).toBe("3306,5432,6379,11211");
    });

    it("drops a source subnet whose replies the data tier's NACL no longer lets out", () => {
      const edited = matrixOf(editStacks(stacks, (s) => expect(deleteResources(s.production, "aws_network_acl_rule", /persistence-out-private-a-tcp-1024-65535$/)).toBe(1)));
      expect(cell(edited, "production/private", "production/persistence")!.sourceCidrs).toEqual(["10.130.32.0/19", "10.130.64.0/19"]);
    });
  });

  describe("with connectivity: transitGateway", () => {
    const tgw = matrixOf(synthesizedStacks(loadChanged((file) => (file.connectivity = "transitGateway"))));

    it("reaches exactly what peering reaches, through the Transit Gateway's route tables instead", () => {
      const strip = (m: ReachabilityMatrix) => m.cells.map((c) => ({ ...c, via: c.via.map((v) => (v === "peering" || v === "transit-gateway" ? "edge" : v)) }));
      expect(tgw.sources).toEqual(matrix.sources);
      expect(strip(tgw)).toEqual(strip(matrix));
      expect(cell(tgw, "management/public", "production/persistence")!.via).toEqual(["transit-gateway"]);
    });
  });
});

describe("naclAllows", () => {
  const rule = (n: number, allow: boolean, cidr: string, from: number, to: number, egress = false): NaclRuleFact => ({ ruleNumber: n, egress, protocol: "tcp", ports: [[from, to]], cidr, allow });

  it("lets the lowest-numbered matching rule decide each port", () => {
    const rules = [rule(200, true, "10.0.0.0/16", 0, 65535), rule(100, false, "10.0.0.0/16", 22, 22)];
    expect(naclAllows(rules, false, "10.0.1.0/24", "tcp", [[20, 25]])).toEqual([[20, 21], [23, 25]]);
  });

  it("does not count an allow that covers only part of the source range", () => {
    expect(naclAllows([rule(100, true, "10.0.1.0/24", 443, 443)], false, "10.0.0.0/16", "tcp", [[443, 443]])).toEqual([]);
  });

  it("denies what no rule matches, and looks only at the asked direction and protocol", () => {
    const rules = [rule(100, true, "0.0.0.0/0", 0, 65535, true)];
    expect(naclAllows(rules, false, "10.0.0.0/16", "tcp", [[443, 443]])).toEqual([]);
    expect(naclAllows(rules, true, "10.0.0.0/16", "udp", [[53, 53]])).toEqual([]);
    expect(naclAllows(rules, true, "10.0.0.0/16", "tcp", [[53, 53]])).toEqual([[53, 53]]);
  });
});

describe("routeOf", () => {
  const facts = readNetworkFacts(stacks);
  const envs = new Map(facts.environments.map((e) => [e.name, e]));
  const production = envs.get("production")!;

  it("takes the local route inside the VPC, the peering connection to the peer, the NAT gateway nowhere in particular", () => {
    expect(routeOf({ facts, envs }, production, "aws_subnet.network_private-subnet-a", "10.130.224.0/22")).toEqual({ via: "local", environment: "production" });
    expect(routeOf({ facts, envs }, production, "aws_subnet.network_private-subnet-a", "10.120.192.10/32")).toEqual({ via: "peering", environment: "management" });
    expect(routeOf({ facts, envs }, production, "aws_subnet.network_private-subnet-a", "10.110.0.0/19")).toBeUndefined();
  });

  it("sends a public subnet's packets for the hub to the internet gateway: spokes do not route their public tables to peers", () => {
    expect(routeOf({ facts, envs }, production, "aws_subnet.network_public-subnet-a", "10.120.0.0/19")).toEqual({ via: "internet-gateway" });
  });
});
