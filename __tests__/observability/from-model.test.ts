import { environmentByName } from "../../src/model/org";
import { observabilityPropsOf } from "../../src/observability/from-model";
import { loadChanged } from "../../test-helpers/model-fixtures";

const watched = (natGatewayIds: string[]) => ({ natGatewayIds, flowLogGroupName: "/aws/vpc/acme-production/flow-logs" });

describe("observabilityPropsOf", () => {
  describe("production of the default organization", () => {
    const org = loadChanged();
    const props = observabilityPropsOf(environmentByName(org, "production"), org.environments, watched(["nat-a", "nat-b", "nat-c"]));

    it("keys each NAT gateway by the letter of the AZ that hosts it", () => {
      expect(props.natGateways).toEqual([
        { azSuffix: "a", natGatewayId: "nat-a" },
        { azSuffix: "b", natGatewayId: "nat-b" },
        { azSuffix: "c", natGatewayId: "nat-c" },
      ]);
    });

    it("passes the alerts, the cluster and the flow logs, and owns its own account's settings", () => {
      expect(props).toMatchObject({
        namePrefix: "acme-production",
        clusterName: "acme-production",
        flowLogGroupName: "/aws/vpc/acme-production/flow-logs",
        ownsAccountSettings: true,
        alerts: { emails: ["platform-alerts@example.com"], clusterThresholds: expect.objectContaining({ nodeCpuPercent: 70 }), natPacketDropPercent: 0.01 },
      });
    });
  });

  describe("a single NAT gateway in an environment whose AZs are listed b before a", () => {
    it("keys it by the letter that sorts first, as the NAT plan places it", () => {
      const org = loadChanged((f) => (f.environments.management.azs = ["us-east-1b", "us-east-1a"]));
      const props = observabilityPropsOf(environmentByName(org, "management"), org.environments, watched(["nat-x"]));
      expect(props.natGateways).toEqual([{ azSuffix: "a", natGatewayId: "nat-x" }]);
    });
  });

  describe("two environments in one account", () => {
    it("gives the detector to the one whose name sorts first", () => {
      const org = loadChanged((f) => (f.environments.production.accountId = f.environments.development.accountId));
      const owns = (name: string) => observabilityPropsOf(environmentByName(org, name), org.environments, watched(name === "production" ? ["a", "b", "c"] : ["a"])).ownsAccountSettings;
      expect([owns("development"), owns("production")]).toEqual([true, false]);
    });
  });

  describe("a network that built another number of NAT gateways than the plan", () => {
    it("refuses, naming the environment", () => {
      const org = loadChanged();
      expect(() => observabilityPropsOf(environmentByName(org, "production"), org.environments, watched(["nat-a"]))).toThrow(
        "environments.production: the NAT plan has 3 gateway(s) but the network built 1",
      );
    });
  });
});
