/**
 * The AWS Load Balancer Controller in its own restricted namespace: the Helm release (chart 3.5.0)
 * with the `alb` IngressClass and its IngressClassParams, and a NetworkPolicy around the controller
 * pods. It provisions every load balancer of the cluster: ALBs for Ingresses of class `alb` (one
 * shared, internet-facing ALB per IngressGroup) and NLBs with IP targets for Services of type
 * LoadBalancer (ingress-nginx's among them).
 *
 * The NetworkPolicy admits:
 * - the admission webhooks (9443) only from the control-plane subnet CIDRs: the EKS API server
 *   calls webhooks through its cross-account ENIs, which live in the cluster's `vpc_config`
 *   subnets, dedicated /28s that hold nothing else, so no node or pod can reach the webhooks;
 * - metrics (8080) and health (61779) only from the private subnet CIDRs: the kubelet probes from
 *   the node IP, and a scraper runs on a node, both in the private tier.
 * Nothing else reaches the pods; their egress (AWS APIs, the API server) is not restricted.
 *
 * The IRSA role (AWS side, in the `<env>` stack) is `AwsLoadBalancerControllerRole`; this construct
 * (cluster side, in the platform stack) only receives its ARN. It knows nothing of the
 * environments file.
 */
import type { Release } from "@cdktf/provider-helm/lib/release";
import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { Construct } from "constructs";
import { addHelmChartRelease } from "../../platform/helm-chart-release";
import { ipBlocks, requireCidrs } from "../../platform/network-policy-sources";
import { PodSecurityNamespace } from "../../platform/pod-security-namespace";
import { AWS_LOAD_BALANCER_CONTROLLER_CHART } from "../../platform/charts";
import {
  AWS_LOAD_BALANCER_CONTROLLER_POD_LABELS,
  AWS_LOAD_BALANCER_CONTROLLER_PORTS,
  AWS_LOAD_BALANCER_CONTROLLER_RELEASE,
  AWS_LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT,
  awsLoadBalancerControllerValues,
  type AwsLoadBalancerControllerValues,
} from "./values";

/** The rule the controller enforces on IngressGroup names (v3.5.0 `pkg/ingress/group_loader.go`). */
const GROUP_NAME = /^([a-z0-9][-a-z0-9.]*)?[a-z0-9]$/;

export interface AwsLoadBalancerControllerProps {
  /** EKS cluster name; the controller tags what it creates with it and finds subnets by its cluster tag. */
  readonly clusterName: string;
  /** AWS region of the cluster. */
  readonly region: string;
  /** VPC of the cluster. */
  readonly vpcId: string;
  /** ARN of the controller's IRSA role (`AwsLoadBalancerControllerRole.roleArn`), trusted only by AWS_LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT. */
  readonly roleArn: string;
  /** Production: a PodDisruptionBudget and a zone spread of the two replicas. */
  readonly highAvailability: boolean;
  /** CIDRs of the private subnets: the nodes (probes on 61779, metrics on 8080). */
  readonly privateSubnetCidrs: readonly string[];
  /** CIDRs of the cluster's control-plane subnets: the API server's ENIs, the only callers of the webhooks on 9443. */
  readonly controlPlaneSubnetCidrs: readonly string[];
  /**
   * IngressGroup of the `alb` class: every Ingress of the class joins it and shares one ALB. One
   * group per environment (the environment's name). Lowercase letters, digits, `-` and `.`, at
   * most 63 characters.
   */
  readonly albGroupName: string;
  /** Make `alb` the cluster's default IngressClass (at most one class may be). @default false */
  readonly defaultIngressClass?: boolean;
  /** ACM certificates of the ALB's HTTPS listener. @default - discovered in ACM from the Ingresses' host names */
  readonly certificateArns?: readonly string[];
  /** TLS policy of HTTPS and TLS listeners. @default "ELBSecurityPolicy-TLS13-1-2-2021-06" */
  readonly sslPolicy?: string;
  /** Client CIDRs the ALB admits. @default - 0.0.0.0/0 on the listener ports */
  readonly albInboundCidrs?: readonly string[];
  /** Regional WAFv2 web ACL associated with the ALB. @default - none */
  readonly webAclArn?: string;
  /**
   * S3 bucket for the ALB's access logs; it must exist in the cluster's region, encrypt with SSE-S3
   * (the only encryption Elastic Load Balancing log delivery supports) and let log delivery write.
   * @default - no access logs
   */
  readonly accessLogsBucket?: string;
  /** Key prefix of the access logs. @default - the bucket's root */
  readonly accessLogsPrefix?: string;
}

export class AwsLoadBalancerController extends Construct {
  /** The controller's namespace, `aws-load-balancer-controller`. */
  public readonly namespace: PodSecurityNamespace;
  /** The release; Services of type LoadBalancer (ingress-nginx's) should depend on it. */
  public readonly release: Release;
  /** The values the release was rendered from. */
  public readonly values: AwsLoadBalancerControllerValues;

  constructor(scope: Construct, id: string, props: AwsLoadBalancerControllerProps) {
    super(scope, id);
    requireCidrs(this, "privateSubnetCidrs", props.privateSubnetCidrs, "the probe and metrics policy needs the private subnet CIDRs of the cluster's VPC");
    requireCidrs(this, "controlPlaneSubnetCidrs", props.controlPlaneSubnetCidrs, "the webhook policy needs the CIDRs of the cluster's control-plane subnets (its vpc_config subnets)");
    if (!GROUP_NAME.test(props.albGroupName) || props.albGroupName.length > 63) {
      throw new Error(
        `${this.node.path}: albGroupName "${props.albGroupName}" is not a valid IngressGroup name; use at most 63 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit`,
      );
    }
    const { namespace } = AWS_LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT;
    this.namespace = new PodSecurityNamespace(this, "namespace", { name: namespace, podSecurity: "restricted" });
    this.values = awsLoadBalancerControllerValues({
      clusterName: props.clusterName,
      region: props.region,
      vpcId: props.vpcId,
      roleArn: props.roleArn,
      highAvailability: props.highAvailability,
      albGroupName: props.albGroupName,
      defaultIngressClass: props.defaultIngressClass ?? false,
      certificateArns: props.certificateArns,
      sslPolicy: props.sslPolicy,
      inboundCidrs: props.albInboundCidrs,
      webAclArn: props.webAclArn,
      accessLogsBucket: props.accessLogsBucket,
      accessLogsPrefix: props.accessLogsPrefix,
    });
    this.release = addHelmChartRelease(this, "release", {
      name: AWS_LOAD_BALANCER_CONTROLLER_RELEASE,
      chart: AWS_LOAD_BALANCER_CONTROLLER_CHART,
      namespace,
      values: this.values,
      dependsOn: [this.namespace.resource],
    });

    const tcp = (port: number) => ({ port: String(port), protocol: "TCP" });
    new NetworkPolicyV1(this, "controller-network-policy", {
      metadata: { name: AWS_LOAD_BALANCER_CONTROLLER_RELEASE, namespace },
      spec: {
        podSelector: { matchLabels: { ...AWS_LOAD_BALANCER_CONTROLLER_POD_LABELS } },
        policyTypes: ["Ingress"],
        ingress: [
          { from: ipBlocks(props.controlPlaneSubnetCidrs), ports: [tcp(AWS_LOAD_BALANCER_CONTROLLER_PORTS.webhook)] },
          {
            from: ipBlocks(props.privateSubnetCidrs),
            ports: [tcp(AWS_LOAD_BALANCER_CONTROLLER_PORTS.metrics), tcp(AWS_LOAD_BALANCER_CONTROLLER_PORTS.health)],
          },
        ],
      },
      dependsOn: [this.namespace.resource],
    });
  }
}
