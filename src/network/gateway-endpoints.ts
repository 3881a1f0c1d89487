/**
 * S3 and DynamoDB gateway endpoints: traffic to them from the private and persistence tiers
 * stays on the AWS network, skips the NAT (and its per-GB charge) and works without one. Each has
 * an endpoint policy (endpoint-policies.ts): the organization's accounts, plus the AWS-owned
 * buckets nodes and the OS read; any other bucket or table is out of reach through them.
 */
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { Construct } from "constructs";
import { dynamodbGatewayEndpointPolicy, s3GatewayEndpointPolicy } from "./endpoint-policies";

/** Services with gateway endpoints. */
export const GATEWAY_ENDPOINT_SERVICES = ["s3", "dynamodb"] as const;

export interface GatewayEndpointsProps {
  /** `${organization}-${environment}`: prefix of the Name tags. */
  readonly namePrefix: string;
  /** VPC of the endpoints. */
  readonly vpcId: string;
  /** Region of the VPC (service names `com.amazonaws.${region}.<service>`). */
  readonly region: string;
  /** AWS partition (bucket ARNs of the S3 policy). */
  readonly partition: string;
  /** Accounts whose buckets and tables the endpoints reach, by principals of the same accounts. */
  readonly organizationAccountIds: readonly string[];
  /** Route tables that get a route to each service's prefix list. */
  readonly routeTableIds: readonly string[];
}

export class GatewayEndpoints extends Construct {
  /** Endpoint ids by service (`s3`, `dynamodb`). */
  public readonly endpointIds: Readonly<Record<(typeof GATEWAY_ENDPOINT_SERVICES)[number], string>>;

  constructor(scope: Construct, id: string, props: GatewayEndpointsProps) {
    super(scope, id);
    const policyOptions = { organizationAccountIds: props.organizationAccountIds, partition: props.partition, region: props.region };
    const policies = { s3: s3GatewayEndpointPolicy(policyOptions), dynamodb: dynamodbGatewayEndpointPolicy(policyOptions) };
    const ids: Partial<Record<(typeof GATEWAY_ENDPOINT_SERVICES)[number], string>> = {};
    for (const service of GATEWAY_ENDPOINT_SERVICES) {
      const endpoint = new VpcEndpoint(this, service, {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: "Gateway",
        routeTableIds: [...props.routeTableIds],
        policy: JSON.stringify(policies[service]),
        tags: { Name: `${props.namePrefix}-${service}` },
      });
      ids[service] = endpoint.id;
    }
    this.endpointIds = ids as Record<(typeof GATEWAY_ENDPOINT_SERVICES)[number], string>;
  }
}
