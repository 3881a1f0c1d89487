/**
 * The AWS Load Balancer Controller add-on: IAM policy, IRSA role (its chart pin is in src/platform/charts.ts), values, release and
 * the ingress-nginx Service it provisions. Named exports only, so that a root `export *` of
 * several add-ons never meets two `TopologySpreadConstraint`s.
 */
export { AwsLoadBalancerController, type AwsLoadBalancerControllerProps } from "./aws-load-balancer-controller";
export {
  AWS_LOAD_BALANCER_CONTROLLER_PARTITIONS,
  awsLoadBalancerControllerPolicyStatements,
  isAwsLoadBalancerControllerPartition,
  type AwsLoadBalancerControllerPartition,
} from "./iam-policy";
export {
  AWS_NLB_LOAD_BALANCER_CLASS,
  ingressNginxNlbAnnotations,
  ingressNginxNlbService,
  NLB_SSL_POLICY,
  type IngressNginxNlbService,
  type IngressNginxNlbServiceOptions,
} from "./ingress-nginx-service";
export { AwsLoadBalancerControllerRole, awsLoadBalancerControllerRole, type AwsLoadBalancerControllerRoleProps } from "./role";
export {
  ALB_INGRESS_CLASS,
  ALB_LISTEN_PORTS_ANNOTATION,
  albIngressClassParamsSpec,
  albLoadBalancerAttributes,
  AWS_LOAD_BALANCER_CONTROLLER_PORTS,
  AWS_LOAD_BALANCER_CONTROLLER_POD_LABELS,
  AWS_LOAD_BALANCER_CONTROLLER_RELEASE,
  AWS_LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT,
  awsLoadBalancerControllerValues,
  DEFAULT_ALB_SSL_POLICY,
  type AlbIngressClassParamsSpec,
  type AwsLoadBalancerControllerValues,
  type AwsLoadBalancerControllerValuesOptions,
  type LoadBalancerAttribute,
} from "./values";
