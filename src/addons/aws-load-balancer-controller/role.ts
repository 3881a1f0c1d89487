/**
 * The AWS side of the AWS Load Balancer Controller: its IRSA role, trusted only by the
 * controller's service account (AWS_LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT) through the
 * cluster's OIDC provider, with the upstream reference policy of the pinned release as its inline
 * policy. It lives with the cluster (the `<env>` stack); the platform stack passes `roleArn` to
 * `AwsLoadBalancerController`.
 */
import { Construct } from "constructs";
import { IrsaRole } from "../../eks/irsa-role";
import {
  AWS_LOAD_BALANCER_CONTROLLER_PARTITIONS,
  awsLoadBalancerControllerPolicyStatements,
  isAwsLoadBalancerControllerPartition,
} from "./iam-policy";
import { AWS_LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT } from "./values";

export interface AwsLoadBalancerControllerRoleProps {
  /** IAM role name (unique in the account, e.g. `<org>-<env>-irsa-aws-load-balancer-controller`). */
  readonly roleName: string;
  /** ARN of the cluster's IAM OIDC provider. */
  readonly oidcProviderArn: string;
  /** Issuer host and path without `https://` (`oidc.eks.<region>.amazonaws.com/id/<id>`). */
  readonly oidcIssuerHostPath: string;
  /** Partition of the cluster's account (`aws`, `aws-us-gov`, `aws-cn`, `aws-eusc`); the policy's ARNs use it. */
  readonly partition: string;
}

export class AwsLoadBalancerControllerRole extends Construct {
  /** ARN of the role, for `AwsLoadBalancerControllerProps.roleArn`. */
  public readonly roleArn: string;
  /** Name of the role. */
  public readonly roleName: string;
  /** The underlying IRSA role. */
  public readonly role: IrsaRole;

  constructor(scope: Construct, id: string, props: AwsLoadBalancerControllerRoleProps) {
    super(scope, id);
    if (!isAwsLoadBalancerControllerPartition(props.partition)) {
      throw new Error(
        `${this.node.path}: partition "${props.partition}" has no reproduced AWS Load Balancer Controller policy; ` +
          `supported: ${AWS_LOAD_BALANCER_CONTROLLER_PARTITIONS.join(", ")} (the ISO partitions' upstream policies differ)`,
      );
    }
    this.role = new IrsaRole(this, "irsa", {
      roleName: props.roleName,
      oidcProviderArn: props.oidcProviderArn,
      oidcIssuerHostPath: props.oidcIssuerHostPath,
      serviceAccount: AWS_LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT,
      inlinePolicyStatements: awsLoadBalancerControllerPolicyStatements(props.partition),
    });
    this.roleArn = this.role.roleArn;
    this.roleName = this.role.roleName;
  }
}

/** Creates the controller's IRSA role (the AWS side, in the `<env>` stack). */
export function awsLoadBalancerControllerRole(scope: Construct, id: string, props: AwsLoadBalancerControllerRoleProps): AwsLoadBalancerControllerRole {
  return new AwsLoadBalancerControllerRole(scope, id, props);
}
