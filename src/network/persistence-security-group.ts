/**
 * The persistence security group: data stores admit their ports from the private tier and
 * from peered hub environments, nothing else. No egress rule (Terraform removes AWS's default
 * allow-all egress of a new group): data stores answer on the established connection.
 */
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Construct } from "constructs";
import { persistenceIngressRules, type RulePeer, type RuleSubnet } from "./security-group-rules";
import { addTcpRules } from "./tcp-rules";

export interface PersistenceSecurityGroupProps {
  /** `${organization}-${environment}`: the group is `${namePrefix}-persistence`. */
  readonly namePrefix: string;
  /** VPC of the group. */
  readonly vpcId: string;
  /** Private subnets (AZ suffix and CIDR), in AZ order. */
  readonly privateSubnets: readonly RuleSubnet[];
  /** TCP ports the private tier may reach. */
  readonly dataStorePorts: readonly number[];
  /** Peered hub environments admitted on `peeringPorts`. */
  readonly inboundPeers: readonly RulePeer[];
  /** TCP ports inbound peers may reach. */
  readonly peeringPorts: readonly number[];
}

export class PersistenceSecurityGroup extends Construct {
  /** Id of the security group. */
  public readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: PersistenceSecurityGroupProps) {
    super(scope, id);
    const name = `${props.namePrefix}-persistence`;
    const group = new SecurityGroup(this, "security-group", {
      name,
      description: `Data stores of ${props.namePrefix}: their ports from the private tier and peered hubs only`,
      vpcId: props.vpcId,
      tags: { Name: name },
    });
    addTcpRules(this, group.id, "ingress", persistenceIngressRules(props));
    this.securityGroupId = group.id;
  }
}
