import { loadOrgFile } from "../../../src/model/load";
import { buildOrganizationDiagram } from "../../../src/review/diagram";
import { synthesizedStacks } from "../../../test-helpers/diagram-fixtures";
import { loadChanged } from "../../../test-helpers/model-fixtures";

describe("buildOrganizationDiagram", () => {
  describe("of the default organization", () => {
    const org = loadOrgFile();
    const diagram = buildOrganizationDiagram(org, synthesizedStacks(org));

    it("lists the environments in the file's order with their accounts, regions and VPCs from the model and the stacks", () => {
      expect(diagram.environments.map((e) => [e.name, e.accountId, e.region, e.vpcCidr])).toEqual([
        ["management", "111111111111", "us-east-1", "10.120.0.0/16"],
        ["production", "222222222222", "us-east-1", "10.130.0.0/16"],
        ["development", "333333333333", "us-east-1", "10.110.0.0/16"],
      ]);
      expect(diagram.matrix.sources[0].id).toBe("management/public");
    });

    it("draws the synthesized NAT gateways, internet gateways, clusters and the VPN server", () => {
      const [management, production, development] = diagram.environments;
      expect([management.natGateways, production.natGateways, development.natGateways]).toEqual([1, 3, 1]);
      expect(management.vpn).toEqual({ address: "10.120.192.10", port: 1194 });
      expect(management.tiers.find((t) => t.tier === "public")!.subnets[0]).toEqual({ azSuffix: "a", cidr: "10.120.192.0/22", natGateway: true, vpnServer: "10.120.192.10" });
      expect(production.clusterName).toBe("acme-production");
      expect(production.tiers.map((t) => t.tier)).toEqual(["public", "private", "control-plane", "persistence"]);
      expect(management.tiers.map((t) => t.tier)).toEqual(["public", "private", "persistence"]);
    });

    it("has one peering edge per connection, with the tiers whose tables route across it", () => {
      expect(diagram.edges).toEqual([
        { id: "management|production", a: "management", b: "production", kind: "peering", aTiers: ["public", "private", "persistence"], bTiers: ["private", "control-plane", "persistence"] },
        { id: "management|development", a: "management", b: "development", kind: "peering", aTiers: ["public", "private", "persistence"], bTiers: ["private", "control-plane", "persistence"] },
      ]);
    });
  });

  describe("with connectivity: transitGateway", () => {
    const org = loadChanged((file) => (file.connectivity = "transitGateway"));
    const diagram = buildOrganizationDiagram(org, synthesizedStacks(org));

    it("has the same two edges, carried by the Transit Gateway in the hub, and the attachment tier in every VPC", () => {
      expect(diagram.transitGatewayHub).toBe("management");
      expect(diagram.edges.map((e) => [e.id, e.kind])).toEqual([
        ["management|production", "transit-gateway"],
        ["management|development", "transit-gateway"],
      ]);
      expect(diagram.environments.every((e) => e.tiers.some((t) => t.tier === "transit-gateway"))).toBe(true);
    });
  });
});
