/**
 * Interface VPC endpoints for AWS APIs, in the private subnets (one network interface per AZ),
 * with private DNS so SDKs resolve the regional service names to them, a security group that
 * admits HTTPS from the VPC only, and an endpoint policy limited to the organization's accounts
 * (endpoint-policies.ts). What lets a cluster in a VPC without NAT join and pull images
 * (https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html).
 */
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import { interfaceEndpointPolicy } from "./endpoint-policies";

export interface InterfaceEndpointsProps {
  /** `${organization}-${environment}`: the group is `${namePrefix}-endpoints`. */
  readonly namePrefix: string;
  /** VPC of the endpoints. */
  readonly vpcId: string;
  /** VPC CIDR: admitted on TCP 443. */
  readonly vpcCidrBlock: string;
  /** Region of the VPC (service names `com.amazonaws.${region}.<service>`). */
  readonly region: string;
  /** AWS partition. */
  readonly partition: string;
  /** Services, e.g. `ecr.api`; each becomes `com.amazonaws.${region}.<service>`. */
  readonly services: readonly string[];
  /** Subnets of the endpoints' network interfaces (one per AZ). */
  readonly subnetIds: readonly string[];
  /** Accounts the endpoint policies admit. */
  readonly organizationAccountIds: readonly string[];
}

export class InterfaceEndpoints extends Construct {
  /** Endpoint ids by service. */
  public readonly endpointIds: Readonly<Record<string, string>>;
  /** The endpoints' security group. */
  public readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: InterfaceEndpointsProps) {
    super(scope, id);
    const name = `${props.namePrefix}-endpoints`;
    const group = new SecurityGroup(this, "security-group", {
      name,
      description: `Interface endpoints of ${props.namePrefix}: HTTPS from the VPC only`,
      vpcId: props.vpcId,
      tags: { Name: name },
    });
    new VpcSecurityGroupIngressRule(this, "vpc-tcp-443", {
      securityGroupId: group.id,
      description: `HTTPS (TCP 443) from the VPC (${props.vpcCidrBlock}) to AWS APIs`,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.vpcCidrBlock,
    });
    this.securityGroupId = group.id;
    const policy = JSON.stringify(interfaceEndpointPolicy(props));
    const ids: Record<string, string> = {};
    // Keyed by service name: adding or removing a service touches no other endpoint.
    for (const service of [...new Set(props.services)]) {
      ids[service] = new VpcEndpoint(this, service.replace(/\./g, "-"), {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: [...props.subnetIds],
        securityGroupIds: [group.id],
        policy,
        tags: { Name: `${props.namePrefix}-${service}` },
      }).id;
    }
    this.endpointIds = ids;
  }
}
