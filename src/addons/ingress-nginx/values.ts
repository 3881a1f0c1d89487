/**
 * Typed values of the ingress-nginx chart (4.15.1) and their builder. No constructs: tests check
 * every key path against the chart's values.yaml.
 *
 * Security-relevant keys are typed as literals (`allowSnippetAnnotations: false`,
 * `hostNetwork: false`, ...), so turning one on is a type error rather than a review finding.
 * With `image.chroot` off, no hostNetwork and no hostPort, the chart's own container security
 * context (non-root uid 101, no privilege escalation, all capabilities dropped but
 * NET_BIND_SERVICE, RuntimeDefault seccomp) meets the `restricted` Pod Security Standard, which
 * allows adding exactly NET_BIND_SERVICE; the admission jobs run restricted too.
 */
import { preferredSpread, type TopologySpreadConstraint } from "../../platform/topology-spread";

/** Release and chart name; the chart derives its pod labels and names from them. */
export const INGRESS_NGINX_RELEASE = "ingress-nginx";

/** Ports of the controller pod that the chart values and the NetworkPolicy share. */
export const INGRESS_NGINX_PORTS = {
  http: 80,
  https: 443,
  /** The validating admission webhook the API server calls. */
  webhook: 8443,
  /** Prometheus metrics and the health endpoint the kubelet probes. */
  metrics: 10254,
} as const;

/** Labels the chart puts on the controller pods (release `ingress-nginx`, no nameOverride). */
export const INGRESS_NGINX_CONTROLLER_LABELS: Readonly<Record<string, string>> = {
  "app.kubernetes.io/name": "ingress-nginx",
  "app.kubernetes.io/instance": INGRESS_NGINX_RELEASE,
  "app.kubernetes.io/component": "controller",
};

/** The annotation ExternalDNS reads the hostname of a Service from. */
export const EXTERNAL_DNS_HOSTNAME_ANNOTATION = "external-dns.alpha.kubernetes.io/hostname";


/** The subset of the chart's values this project sets (names as in the chart's values.yaml). */
export interface IngressNginxValues {
  readonly controller: {
    readonly replicaCount: number;
    /** PodDisruptionBudget; the chart creates it only when replicaCount > 1. */
    readonly minAvailable?: number;
    readonly topologySpreadConstraints?: readonly TopologySpreadConstraint[];
    readonly image: { readonly chroot: false };
    readonly hostNetwork: false;
    readonly hostPort: { readonly enabled: false };
    readonly containerPort: { readonly http: number; readonly https: number };
    readonly allowSnippetAnnotations: false;
    readonly enableAnnotationValidations: true;
    /** The controller's ConfigMap. */
    readonly config: Readonly<Record<string, string>>;
    readonly ingressClassResource: { readonly name: string; readonly enabled: true; readonly default: boolean };
    readonly ingressClass: string;
    readonly service: {
      readonly type: "LoadBalancer";
      readonly annotations: Readonly<Record<string, string>>;
      readonly targetPorts: { readonly http: string; readonly https: string };
    };
    readonly admissionWebhooks: {
      readonly enabled: true;
      readonly port: number;
      readonly service: { readonly type: "ClusterIP" };
    };
    readonly metrics: { readonly enabled: true; readonly port: number };
  };
}

/** Inputs of the ingress-nginx values. */
export interface IngressNginxValuesOptions {
  /** Controller replicas. */
  readonly replicas: number;
  /** Production: a PodDisruptionBudget and a spread of the replicas over availability zones. */
  readonly highAvailability: boolean;
  /** ACM certificate: TLS terminates at the NLB on 443 and reaches nginx as plain HTTP. @default - TLS passes through to nginx */
  readonly certificateArn?: string;
  /** Hostname ExternalDNS points at the NLB. @default - no DNS record for the load balancer */
  readonly hostname?: string;
  /** Name of the IngressClass, made the cluster default. @default "nginx" */
  readonly ingressClassName?: string;
}

/** TLS policy of the NLB listener when it terminates TLS: TLS 1.2 and 1.3 only. */
export const NLB_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/**
 * Annotations of the controller Service: an internet-facing NLB with instance targets, created
 * by the Kubernetes AWS cloud provider's service controller that every EKS cluster runs. Nothing
 * else has to be installed; the AWS Load Balancer Controller (`-type: external`, IP targets)
 * would need its own deployment and an IRSA role with a broad EC2/ELB policy, so it is not
 * the default.
 */
export function nlbServiceAnnotations(options: Pick<IngressNginxValuesOptions, "certificateArn" | "hostname">): Record<string, string> {
  const prefix = "service.beta.kubernetes.io/aws-load-balancer";
  const annotations: Record<string, string> = {
    [`${prefix}-type`]: "nlb",
    [`${prefix}-cross-zone-load-balancing-enabled`]: "true",
  };
  if (options.certificateArn) {
    annotations[`${prefix}-ssl-cert`] = options.certificateArn;
    annotations[`${prefix}-ssl-ports`] = "443";
    annotations[`${prefix}-ssl-negotiation-policy`] = NLB_TLS_POLICY;
  }
  if (options.hostname) annotations[EXTERNAL_DNS_HOSTNAME_ANNOTATION] = options.hostname;
  return annotations;
}

/** Values for a hardened ingress-nginx behind an NLB. */
export function ingressNginxValues(options: IngressNginxValuesOptions): IngressNginxValues {
  const className = options.ingressClassName ?? "nginx";
  const highAvailability = options.highAvailability
    ? {
        minAvailable: 1,
        topologySpreadConstraints: [preferredSpread(INGRESS_NGINX_CONTROLLER_LABELS)],
      }
    : {};
  return {
    controller: {
      replicaCount: options.replicas,
      ...highAvailability,
      image: { chroot: false },
      hostNetwork: false,
      hostPort: { enabled: false },
      containerPort: { http: INGRESS_NGINX_PORTS.http, https: INGRESS_NGINX_PORTS.https },
      allowSnippetAnnotations: false,
      enableAnnotationValidations: true,
      config: { "annotations-risk-level": "High" },
      ingressClassResource: { name: className, enabled: true, default: true },
      ingressClass: className,
      service: {
        type: "LoadBalancer",
        annotations: nlbServiceAnnotations(options),
        // With TLS terminated at the NLB, both listeners reach nginx's plain HTTP port.
        targetPorts: { http: "http", https: options.certificateArn ? "http" : "https" },
      },
      admissionWebhooks: { enabled: true, port: INGRESS_NGINX_PORTS.webhook, service: { type: "ClusterIP" } },
      metrics: { enabled: true, port: INGRESS_NGINX_PORTS.metrics },
    },
  };
}
