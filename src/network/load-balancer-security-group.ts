/**
 * The security group of internet-facing load balancers: HTTP and HTTPS from anywhere (the one
 * open ingress POLICY.md allows), egress only to the private tier on the target ports.
 */
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Construct } from "constructs";
import { loadBalancerRules, type RuleSubnet } from "./security-group-rules";
import { addTcpRules } from "./tcp-rules";

export interface LoadBalancerSecurityGroupProps {
  /** `${organization}-${environment}`: the group is `${namePrefix}-public-lb`. */
  readonly namePrefix: string;
  /** VPC of the group. */
  readonly vpcId: string;
  /** Private subnets (AZ suffix and CIDR) the load balancers forward to, in AZ order. */
  readonly privateSubnets: readonly RuleSubnet[];
}

export class LoadBalancerSecurityGroup extends Construct {
  /** Id of the security group. */
  public readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: LoadBalancerSecurityGroupProps) {
    super(scope, id);
    const name = `${props.namePrefix}-public-lb`;
    const group = new SecurityGroup(this, "security-group", {
      name,
      description: `Internet-facing load balancers of ${props.namePrefix}: HTTP and HTTPS from the internet, forwarding to the private tier`,
      vpcId: props.vpcId,
      tags: { Name: name },
    });
    const rules = loadBalancerRules(props.privateSubnets);
    addTcpRules(this, group.id, "ingress", rules.ingress);
    addTcpRules(this, group.id, "egress", rules.egress);
    this.securityGroupId = group.id;
  }
}
