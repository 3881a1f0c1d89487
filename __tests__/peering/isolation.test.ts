import { loadOrgFile } from "../../src/model/load";
import { assertIsolation, assertVpnReach, findIsolationViolations, vpnReach, type IsolationGraph, type PlannedRoute } from "../../src/peering/isolation";

// The default organization's graph: management is the hub, production and development are spokes.
const graph: IsolationGraph = {
  environments: [
    { name: "management", cidr: "10.120.0.0/16" },
    { name: "production", cidr: "10.130.0.0/16" },
    { name: "development", cidr: "10.110.0.0/16" },
  ],
  peerings: [
    { requester: "management", accepter: "production" },
    { requester: "management", accepter: "development" },
  ],
};

const hubAndSpokeRoutes = [
  { from: "management", destinationCidr: "10.130.0.0/16" },
  { from: "management", destinationCidr: "10.110.0.0/16" },
  { from: "production", destinationCidr: "10.120.0.0/16" },
  { from: "development", destinationCidr: "10.120.0.0/16" },
];

describe("findIsolationViolations", () => {
  describe("with hub-and-spoke routes", () => {
    it("finds none: the hub reaches both spokes and each spoke reaches only the hub", () => {
      expect(findIsolationViolations(graph, hubAndSpokeRoutes)).toEqual([]);
    });
  });

  describe("with a route from production to development", () => {
    it("reports production, development and the CIDR", () => {
      const routes = [...hubAndSpokeRoutes, { from: "production", destinationCidr: "10.110.0.0/16", path: "peering/x/route-0" }];
      expect(findIsolationViolations(graph, routes)).toEqual([
        { from: "production", to: "development", destinationCidr: "10.110.0.0/16", path: "peering/x/route-0" },
      ]);
    });
  });

  describe("with a route to a range that only partly covers an unpeered environment", () => {
    it("reports it: any overlap reaches the environment", () => {
      const routes = [{ from: "development", destinationCidr: "10.128.0.0/12" }];
      expect(findIsolationViolations(graph, routes).map((v) => v.to)).toEqual(["production"]);
    });
  });

  describe("with a peering route to 0.0.0.0/0", () => {
    it("reports every environment the spoke is not peered with", () => {
      const routes = [{ from: "production", destinationCidr: "0.0.0.0/0" }];
      expect(findIsolationViolations(graph, routes).map((v) => v.to)).toEqual(["development"]);
    });
  });

  describe("with routes to ranges outside every environment", () => {
    it("finds none", () => {
      expect(findIsolationViolations(graph, [{ from: "production", destinationCidr: "192.168.0.0/24" }])).toEqual([]);
    });
  });
});

describe("assertIsolation", () => {
  describe("when isolation holds", () => {
    it("returns quietly for the default organization's routes", () => {
      expect(() => assertIsolation(loadOrgFile(), hubAndSpokeRoutes)).not.toThrow();
    });
  });

  describe("when a spoke routes to another spoke", () => {
    it("throws an error naming both environments and the CIDR", () => {
      const bad = [...hubAndSpokeRoutes, { from: "production", destinationCidr: "10.110.0.0/16" }];
      expect(() => assertIsolation(loadOrgFile(), bad)).toThrow(
        /production routes 10\.110\.0\.0\/16 to development, which it is not peered with/,
      );
    });

    it("lists every violation in one error", () => {
      const bad = [
        { from: "production", destinationCidr: "10.110.0.0/16" },
        { from: "development", destinationCidr: "10.130.0.0/16" },
      ];
      expect(() => assertIsolation(graph, bad)).toThrow(/production routes.*\n.*development routes 10\.130\.0\.0\/16 to production/);
    });
  });
});

// The hub's public table routes to both spokes (the VPN server lives there); its private table too.
const hubPublicRoutes: PlannedRoute[] = [
  { from: "management", destinationCidr: "10.130.0.0/16", tier: "public" },
  { from: "management", destinationCidr: "10.110.0.0/16", tier: "public" },
  { from: "management", destinationCidr: "10.130.0.0/16", tier: "private" },
  { from: "management", destinationCidr: "10.110.0.0/16", tier: "private" },
  { from: "production", destinationCidr: "10.120.0.0/16", tier: "private" },
  { from: "development", destinationCidr: "10.120.0.0/16", tier: "private" },
];
const defaultVpn = { environment: "management", routes: ["10.120.0.0/16", "10.130.0.0/16", "10.110.0.0/16"] };

describe("vpnReach", () => {
  describe("with the default routes of a hub peered with both spokes", () => {
    it("lets clients reach exactly what the hub's public subnet reaches", () => {
      const reach = vpnReach(graph, hubPublicRoutes, defaultVpn);
      expect(reach.clientsReach).toEqual(["management", "production", "development"]);
      expect(reach.clientsReach).toEqual(reach.hubReaches);
      expect(reach.violations).toEqual([]);
    });
  });

  describe("when the hub's public table has no route to a spoke", () => {
    it("reports the pushed route to that spoke: the server could not forward there", () => {
      const privateOnly = hubPublicRoutes.filter((r) => !(r.tier === "public" && r.destinationCidr === "10.110.0.0/16"));
      const reach = vpnReach(graph, privateOnly, defaultVpn);
      expect(reach.hubReaches).toEqual(["management", "production"]);
      expect(reach.violations).toEqual([{ route: "10.110.0.0/16", to: "development" }]);
    });
  });

  describe("with a VPN in a spoke", () => {
    it("reports a pushed route to the other spoke, which peering does not reach", () => {
      const spokeVpn = { environment: "production", routes: ["10.130.0.0/16", "10.110.0.0/16"] };
      const routes = [...hubPublicRoutes, { from: "production", destinationCidr: "10.120.0.0/16", tier: "public" as const }];
      expect(vpnReach(graph, routes, spokeVpn).violations).toEqual([{ route: "10.110.0.0/16", to: "development" }]);
    });
  });

  describe("with routes narrowed to one spoke", () => {
    it("reaches that spoke only, a subset of what the hub reaches", () => {
      const reach = vpnReach(graph, hubPublicRoutes, { environment: "management", routes: ["10.130.16.0/20"] });
      expect(reach.clientsReach).toEqual(["production"]);
      expect(reach.violations).toEqual([]);
    });
  });
});

describe("assertVpnReach", () => {
  it("returns the reach when every pushed route leads where the hub reaches", () => {
    expect(assertVpnReach(graph, hubPublicRoutes, defaultVpn).clientsReach).toEqual(["management", "production", "development"]);
  });

  it("throws an error naming the route, the environment it reaches and the fix", () => {
    expect(() => assertVpnReach(graph, hubPublicRoutes.filter((r) => r.tier !== "public"), defaultVpn)).toThrow(
      /the VPN of management pushes 10\.130\.0\.0\/16 to its clients, which reaches production; management's public subnet has no route there\n.*10\.110\.0\.0\/16.*\n.*remove the route from vpn\.routes/,
    );
  });
});
