import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { Testing } from "cdktf";
import { GatewayEndpoints } from "../../src/network/gateway-endpoints";

describe("GatewayEndpoints", () => {
  describe("with private and persistence route tables", () => {
    const routeTableIds = ["rtb-private-a", "rtb-private-b", "rtb-persistence-a", "rtb-persistence-b"];
    const synth = Testing.synthScope(
      (scope) => new GatewayEndpoints(scope, "gateway-endpoints", { namePrefix: "acme-production", vpcId: "vpc-1", region: "eu-west-1", routeTableIds }),
    );

    it("creates an S3 gateway endpoint on every route table", () => {
      expect(synth).toHaveResourceWithProperties(VpcEndpoint, {
        vpc_id: "vpc-1",
        service_name: "com.amazonaws.eu-west-1.s3",
        vpc_endpoint_type: "Gateway",
        route_table_ids: routeTableIds,
        tags: { Name: "acme-production-s3" },
      });
    });

    it("creates a DynamoDB gateway endpoint on every route table", () => {
      expect(synth).toHaveResourceWithProperties(VpcEndpoint, {
        service_name: "com.amazonaws.eu-west-1.dynamodb",
        vpc_endpoint_type: "Gateway",
        route_table_ids: routeTableIds,
      });
    });

    it("creates exactly these two endpoints", () => {
      expect(Object.keys(JSON.parse(synth).resource.aws_vpc_endpoint)).toHaveLength(2);
    });
  });
});
