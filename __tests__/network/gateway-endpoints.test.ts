import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { Testing } from "cdktf";
import { GatewayEndpoints } from "../../src/network/gateway-endpoints";
import { loadOrgFile } from "../../src/model/load";
import { parseStack, synthStack } from "../../src/testing";
import { loadChanged } from "../../test-helpers/model-fixtures";

describe("GatewayEndpoints", () => {
  describe("with private and persistence route tables", () => {
    const routeTableIds = ["rtb-private-a", "rtb-private-b", "rtb-persistence-a", "rtb-persistence-b"];
    const synth = Testing.synthScope(
      (scope) => new GatewayEndpoints(scope, "gateway-endpoints", {
          namePrefix: "acme-production",
          vpcId: "vpc-1",
          region: "eu-west-1",
          partition: "aws",
          organizationAccountIds: ["111111111111", "222222222222"],
          routeTableIds,
        }),
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

    const endpoints = Object.values(JSON.parse(synth).resource.aws_vpc_endpoint) as { service_name: string; policy?: string }[];
    const policyOf = (service: string) => JSON.parse(endpoints.find((e) => e.service_name.endsWith(`.${service}`))!.policy!);

    it("limits the S3 endpoint to the organization's principals acting on its buckets", () => {
      const statement = policyOf("s3").Statement.find((s: { Sid: string }) => s.Sid === "OrganizationBuckets");
      expect(statement).toEqual({
        Sid: "OrganizationBuckets",
        Effect: "Allow",
        Principal: "*",
        Action: "s3:*",
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalAccount": ["111111111111", "222222222222"], "aws:ResourceAccount": ["111111111111", "222222222222"] } },
      });
    });

    it("lets nodes read ECR image layers and Amazon Linux packages from the region's AWS-owned buckets, read-only", () => {
      const statement = policyOf("s3").Statement.find((s: { Sid: string }) => s.Sid === "AwsOwnedBucketsReadOnly");
      expect(statement.Action).toBe("s3:GetObject");
      expect(statement.Condition).toBeUndefined();
      expect(statement.Resource).toEqual(
        expect.arrayContaining([
          "arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*",
          "arn:aws:s3:::al2023-repos-eu-west-1-*/*",
          "arn:aws:s3:::amazonlinux-2-repos-eu-west-1/*",
        ]),
      );
      for (const arn of statement.Resource) expect(arn).toContain("eu-west-1");
    });

    it("limits the DynamoDB endpoint to the organization's principals acting on its tables", () => {
      expect(policyOf("dynamodb").Statement).toEqual([
        expect.objectContaining({
          Action: "dynamodb:*",
          Condition: { StringEquals: { "aws:PrincipalAccount": ["111111111111", "222222222222"], "aws:ResourceAccount": ["111111111111", "222222222222"] } },
        }),
      ]);
    });

    it("creates exactly these two endpoints", () => {
      expect(Object.keys(JSON.parse(synth).resource.aws_vpc_endpoint)).toHaveLength(2);
    });
  });
});

describe("GatewayEndpoints in the stacks of the default organization", () => {
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
  }, 120_000);
});
