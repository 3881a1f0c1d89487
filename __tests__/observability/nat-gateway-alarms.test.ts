import { synthInLandingZoneStack } from "../../test-helpers/landing-zone-scope";
import { NatGatewayAlarms, type NatGatewayAlarmsProps } from "../../src/observability/nat-gateway-alarms";

const topicArn = "arn:aws:sns:us-east-1:222222222222:acme-production-alerts";
const props: NatGatewayAlarmsProps = {
  namePrefix: "acme-production",
  topicArn,
  natGateways: [
    { azSuffix: "a", natGatewayId: "nat-0aaa" },
    { azSuffix: "c", natGatewayId: "nat-0ccc" },
  ],
  flowLogGroupName: "/aws/vpc/acme-production/flow-logs",
};
const alarmsOf = (p: NatGatewayAlarmsProps) =>
  JSON.parse(synthInLandingZoneStack((scope) => new NatGatewayAlarms(scope, "nat", p))).resource?.aws_cloudwatch_metric_alarm ?? {};

describe("NatGatewayAlarms", () => {
  describe("with gateways in AZs a and c", () => {
    const alarms = alarmsOf(props);

    it("creates two alarms per gateway, keyed by the gateway's AZ letter", () => {
      expect(Object.keys(alarms).sort()).toEqual(["nat_nat-a-packets-dropped", "nat_nat-a-port-allocation", "nat_nat-c-packets-dropped", "nat_nat-c-port-allocation"]);
    });

    it("alarms when a gateway cannot allocate ports for 15 minutes, treating silence as no error", () => {
      expect(alarms["nat_nat-c-port-allocation"]).toMatchObject({
        alarm_name: "acme-production-nat-c-port-allocation",
        namespace: "AWS/NATGateway",
        metric_name: "ErrorPortAllocation",
        dimensions: { NatGatewayId: "nat-0ccc" },
        statistic: "Sum",
        period: 60,
        evaluation_periods: 15,
        comparison_operator: "GreaterThanThreshold",
        threshold: 0,
        treat_missing_data: "notBreaching",
        alarm_actions: [topicArn],
        ok_actions: [topicArn],
        actions_enabled: true,
      });
      expect(alarms["nat_nat-c-port-allocation"].alarm_description).toMatch(/What to do: .*\/aws\/vpc\/acme-production\/flow-logs/);
    });

    it("alarms on dropped packets as a share of the packets received", () => {
      const alarm = alarms["nat_nat-a-packets-dropped"];
      expect(alarm).toMatchObject({ threshold: 0.01, comparison_operator: "GreaterThanThreshold", evaluation_periods: 5, treat_missing_data: "notBreaching" });
      expect(alarm.metric_query).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: "droppercent", expression: "100 * drops / (insource + indestination)", return_data: true }),
          expect.objectContaining({
            id: "drops",
            return_data: false,
            metric: expect.objectContaining({ namespace: "AWS/NATGateway", metric_name: "PacketsDropCount", dimensions: { NatGatewayId: "nat-0aaa" } }),
          }),
        ]),
      );
      expect(alarm.alarm_description).toMatch(/What to do:/);
    });
  });

  describe("when a gateway is added in AZ b", () => {
    it("adds its alarms and renames none of the others", () => {
      const before = Object.keys(alarmsOf(props));
      const after = Object.keys(alarmsOf({ ...props, natGateways: [...props.natGateways, { azSuffix: "b", natGatewayId: "nat-0bbb" }] }));
      expect(after).toEqual(expect.arrayContaining(before));
      expect(after.filter((id) => !before.includes(id)).sort()).toEqual(["nat_nat-b-packets-dropped", "nat_nat-b-port-allocation"]);
    });
  });

  describe("with a lower drop threshold", () => {
    it("uses it", () => {
      expect(alarmsOf({ ...props, packetDropPercent: 0.001 })["nat_nat-a-packets-dropped"].threshold).toBe(0.001);
    });
  });
});
