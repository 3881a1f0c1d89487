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

describe("GatewayEndpoints in the stacks of the default organization", () => {
  const { loadOrgFile } = require("../../src/model/load") as typeof import("../../src/model/load");
  const { parseStack, synthStack } = require("../../src/testing") as typeof import("../../src/testing");
  const { loadChanged } = require("../../test-helpers/model-fixtures") as typeof import("../../test-helpers/model-fixtures");

  it("admit a new environment's account, changing nothing else in the other stacks but the endpoint policies", () => {
    const before = parseStack(synthStack(loadOrgFile(), "production")) as Record<string, any>;
    const after = parseStack(
      synthStack(
        loadChanged((f) => {
          f.environments.staging = { accountId: "444444444444", cidr: "10.140.0.0/16", azs: ["us-east-1a", "us-east-1b"], nat: "single", peers: ["management"] };
        }),
        "production",
      ),
    ) as Record<string, any>;
    const changed = Object.entries(after.resource as Record<string, Record<string, unknown>>).flatMap(([type, resources]) =>
      Object.entries(resources)
        .filter(([id, body]) => JSON.stringify(before.resource[type]?.[id]) !== JSON.stringify(body))
        .map(([id]) => `${type}.${id}`),
    );
    expect(changed.sort()).toEqual(["aws_vpc_endpoint.network_gateway-endpoints_dynamodb", "aws_vpc_endpoint.network_gateway-endpoints_s3"]);
    expect(after.resource.aws_vpc_endpoint["network_gateway-endpoints_s3"].policy).toContain("444444444444");
  });
});
