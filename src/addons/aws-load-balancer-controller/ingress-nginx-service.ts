/**
 * The ingress-nginx controller Service as the AWS Load Balancer Controller provisions it: an
 * internet-facing NLB with IP targets in the public subnets. No constructs; the ingress-nginx
 * values builder takes this as its `controller.service` (keys as in ingress-nginx 4.15.1's
 * values.yaml, checked by the test).
 *
 * Why this shape, and what it replaces: today's `nlbServiceAnnotations` (addons/ingress-nginx/
 * values.ts) asks the cloud provider's legacy service controller for an instance-mode NLB
 * (`aws-load-balancer-type: nlb`). That controller sends traffic to NodePorts and opens them on the
 * nodes' security group to the Service's source ranges, 0.0.0.0/0 by default. Here:
 * - `aws-load-balancer-type: external` and `loadBalancerClass: service.k8s.aws/nlb` hand the
 *   Service to the AWS Load Balancer Controller (the legacy controller ignores both), whatever the
 *   Service mutator webhook does;
 * - `nlb-target-type: ip`: targets are the nginx pods' IPs; the controller admits the NLB's own
 *   security group on the pod ports only, so no NodePort is ever opened to anyone;
 * - `scheme: internet-facing`: the controller picks one public subnet per zone by the
 *   `kubernetes.io/role/elb` discovery tag (and the cluster tag), so no subnet ids are named;
 * - `loadBalancerSourceRanges`: the NLB's frontend security group admits these CIDRs on the
 *   Service's ports, which are 80 and 443 only (the chart's `enableHttp`/`enableHttps`, no TCP/UDP
 *   maps); default the world.
 *
 * Migration: `loadBalancerClass` is immutable, and the AWS Load Balancer Controller's docs advise
 * against switching an existing legacy-provisioned Service by annotation (the old NLB would be
 * left behind). An existing ingress-nginx Service must be deleted and created again (a new NLB,
 * a new DNS name that ExternalDNS then writes).
 */

/** The annotation ExternalDNS reads the hostname of a Service from (also exported by addons/ingress-nginx/values). */
const EXTERNAL_DNS_HOSTNAME_ANNOTATION = "external-dns.alpha.kubernetes.io/hostname";

/** The `loadBalancerClass` the AWS Load Balancer Controller reconciles (its default). */
export const AWS_NLB_LOAD_BALANCER_CLASS = "service.k8s.aws/nlb";

/** TLS policy of the NLB's TLS listener when it terminates TLS: TLS 1.3 and 1.2 only. */
export const NLB_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/** Inputs of the Service of ingress-nginx behind an NLB of the AWS Load Balancer Controller. */
export interface IngressNginxNlbServiceOptions {
  /** Client CIDRs the NLB admits on 80 and 443. @default ["0.0.0.0/0"] */
  readonly loadBalancerSourceRanges?: readonly string[];
  /** ACM certificate: the NLB terminates TLS on 443 and sends plain HTTP to nginx. @default - TLS passes through to nginx */
  readonly certificateArn?: string;
  /** TLS policy of the 443 listener when it terminates TLS. @default NLB_SSL_POLICY */
  readonly sslPolicy?: string;
  /** Hostname ExternalDNS points at the NLB. @default - no record */
  readonly hostname?: string;
}

/** The `controller.service` block of the ingress-nginx chart for an LBC-provisioned NLB. */
export interface IngressNginxNlbService {
  readonly type: "LoadBalancer";
  readonly loadBalancerClass: typeof AWS_NLB_LOAD_BALANCER_CLASS;
  readonly loadBalancerSourceRanges: readonly string[];
  readonly annotations: Readonly<Record<string, string>>;
  readonly targetPorts: { readonly http: "http"; readonly https: "http" | "https" };
}

/** Annotations of the ingress-nginx Service for the AWS Load Balancer Controller. */
export function ingressNginxNlbAnnotations(options: IngressNginxNlbServiceOptions): Record<string, string> {
  const prefix = "service.beta.kubernetes.io/aws-load-balancer";
  const annotations: Record<string, string> = {
    [`${prefix}-type`]: "external",
    [`${prefix}-nlb-target-type`]: "ip",
    [`${prefix}-scheme`]: "internet-facing",
    [`${prefix}-attributes`]: "load_balancing.cross_zone.enabled=true",
  };
  if (options.certificateArn) {
    annotations[`${prefix}-ssl-cert`] = options.certificateArn;
    annotations[`${prefix}-ssl-ports`] = "443";
    annotations[`${prefix}-ssl-negotiation-policy`] = options.sslPolicy ?? NLB_SSL_POLICY;
  }
  if (options.hostname) annotations[EXTERNAL_DNS_HOSTNAME_ANNOTATION] = options.hostname;
  return annotations;
}

/** `controller.service` of ingress-nginx behind an NLB with IP targets, open on 80/443 to the source ranges. */
export function ingressNginxNlbService(options: IngressNginxNlbServiceOptions): IngressNginxNlbService {
  const ranges = options.loadBalancerSourceRanges ?? ["0.0.0.0/0"];
  if (ranges.length === 0) {
    throw new Error("loadBalancerSourceRanges is empty; Kubernetes reads an empty list as 0.0.0.0/0, so name the CIDRs or omit it for the world");
  }
  return {
    type: "LoadBalancer",
    loadBalancerClass: AWS_NLB_LOAD_BALANCER_CLASS,
    loadBalancerSourceRanges: [...ranges],
    annotations: ingressNginxNlbAnnotations(options),
    // With TLS terminated at the NLB, both listeners reach nginx's plain HTTP port.
    targetPorts: { http: "http", https: options.certificateArn ? "http" : "https" },
  };
}
