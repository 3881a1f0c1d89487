import { parse } from "yaml";
import { unknownValuePaths } from "../../platform/chart-values-check";
import { renderHelmValues } from "../../platform/helm-values";
import { chartDefaults, describeChart } from "../../../test-helpers/shared-charts";
import { AWS_LOAD_BALANCER_CONTROLLER_CHART } from "../../platform/charts";
import {
  ALB_LISTEN_PORTS_ANNOTATION,
  albIngressClassParamsSpec,
  awsLoadBalancerControllerValues,
  DEFAULT_ALB_SSL_POLICY,
  type AwsLoadBalancerControllerValuesOptions,
} from "./values";

const roleArn = "arn:aws:iam::222222222222:role/acme-production-irsa-aws-load-balancer-controller";
const certificateArn = "arn:aws:acm:us-east-1:222222222222:certificate/11111111-2222-3333-4444-555555555555";
const webAclArn = "arn:aws:wafv2:us-east-1:222222222222:regional/webacl/acme-production/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

const development: AwsLoadBalancerControllerValuesOptions = {
  clusterName: "acme-development",
  region: "us-east-1",
  vpcId: "vpc-0123456789abcdef0",
  roleArn,
  highAvailability: false,
  albGroupName: "development",
  defaultIngressClass: false,
};
const production: AwsLoadBalancerControllerValuesOptions = {
  ...development,
  clusterName: "acme-production",
  highAvailability: true,
  albGroupName: "production",
  defaultIngressClass: true,
  certificateArns: [certificateArn],
  inboundCidrs: ["203.0.113.0/24"],
  webAclArn,
  accessLogsBucket: "acme-production-alb-access-logs",
  accessLogsPrefix: "acme-production",
};

/**
 * Key paths deliberately outside the chart's values.yaml: restricted Pod Security needs ALL
 * capabilities dropped and a seccomp profile, which the chart's default `securityContext` (a
 * non-empty map, rendered verbatim with `toYaml` into the container) lacks.
 */
const SECURITY_CONTEXT_ADDITIONS = ["securityContext.capabilities", "securityContext.seccompProfile"];

describe("awsLoadBalancerControllerValues", () => {
  describe("in any environment", () => {
    const values = awsLoadBalancerControllerValues(development);

    it("names the cluster, region and VPC, so the controller never asks the instance metadata service", () => {
      expect(values).toMatchObject({ clusterName: "acme-development", region: "us-east-1", vpcId: "vpc-0123456789abcdef0" });
    });

    it("runs two replicas", () => {
      expect(values.replicaCount).toBe(2);
    });

    it("creates the service account aws-load-balancer-controller annotated with the IRSA role", () => {
      expect(values.serviceAccount).toEqual({
        create: true,
        name: "aws-load-balancer-controller",
        annotations: { "eks.amazonaws.com/role-arn": roleArn },
      });
    });

    it("runs as non-root with a read-only root, no privilege escalation, no capabilities and the RuntimeDefault seccomp profile", () => {
      expect(values.securityContext).toEqual({
        runAsNonRoot: true,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
      });
      expect(values.hostNetwork).toBe(false);
    });

    it("never reads every Secret of the cluster", () => {
      expect(values.clusterSecretsPermissions).toEqual({ allowAllSecrets: false });
    });

    it("serves the webhooks on 9443 and metrics on 8080", () => {
      expect(values.webhookBindPort).toBe(9443);
      expect(values.metricsBindAddr).toBe(":8080");
    });

    it("targets pod IPs by default, so no load balancer reaches NodePorts", () => {
      expect(values.defaultTargetType).toBe("ip");
    });

    it("takes every new Service of type LoadBalancer from the legacy cloud provider, refusing it while no replica answers", () => {
      expect(values.enableServiceMutatorWebhook).toBe(true);
      expect(values.serviceMutatorWebhookConfig).toEqual({ failurePolicy: "Fail" });
    });

    it("creates the alb IngressClass with its IngressClassParams, not the cluster default", () => {
      expect(values.createIngressClassResource).toBe(true);
      expect(values.ingressClass).toBe("alb");
      expect(values.ingressClassConfig).toEqual({ default: false });
      expect(values.ingressClassParams.create).toBe(true);
    });

    it("uses the TLS 1.3/1.2 policy as the controller's default", () => {
      expect(values.defaultSSLPolicy).toBe(DEFAULT_ALB_SSL_POLICY);
      expect(DEFAULT_ALB_SSL_POLICY).toBe("ELBSecurityPolicy-TLS13-1-2-2021-06");
    });
  });

  describe("outside production", () => {
    const values = awsLoadBalancerControllerValues(development);

    it("sets no PodDisruptionBudget and no zone spread", () => {
      expect(values).not.toHaveProperty("podDisruptionBudget");
      expect(values).not.toHaveProperty("topologySpreadConstraints");
    });

    it("gives the ALB one group, IP targets, the redirect to HTTPS and invalid headers dropped, without certificate, CIDRs, WAF or logs", () => {
      expect(values.ingressClassParams.spec).toEqual({
        scheme: "internet-facing",
        group: { name: "development" },
        targetType: "ip",
        ipAddressType: "ipv4",
        sslPolicy: DEFAULT_ALB_SSL_POLICY,
        sslRedirectPort: "443",
        loadBalancerAttributes: [{ key: "routing.http.drop_invalid_header_fields.enabled", value: "true" }],
      });
    });
  });

  describe("in production", () => {
    const values = awsLoadBalancerControllerValues(production);

    it("sets a PodDisruptionBudget of maxUnavailable 1", () => {
      expect(values.replicaCount).toBe(2);
      expect(values.podDisruptionBudget).toEqual({ maxUnavailable: 1 });
    });

    it("spreads the two replicas across availability zones", () => {
      expect(values.topologySpreadConstraints).toEqual([
        {
          maxSkew: 1,
          topologyKey: "topology.kubernetes.io/zone",
          whenUnsatisfiable: "ScheduleAnyway",
          labelSelector: {
            matchLabels: {
              "app.kubernetes.io/name": "aws-load-balancer-controller",
              "app.kubernetes.io/instance": "aws-load-balancer-controller",
            },
          },
          matchLabelKeys: ["pod-template-hash"],
        },
      ]);
    });

    it("makes alb the default IngressClass when asked", () => {
      expect(values.ingressClassConfig).toEqual({ default: true });
    });

    it("puts the certificate, source CIDRs, web ACL and access logs on the ALB", () => {
      expect(values.ingressClassParams.spec).toMatchObject({
        group: { name: "production" },
        certificateArn: [certificateArn],
        inboundCIDRs: ["203.0.113.0/24"],
        wafv2AclArn: webAclArn,
        loadBalancerAttributes: [
          { key: "routing.http.drop_invalid_header_fields.enabled", value: "true" },
          { key: "access_logs.s3.enabled", value: "true" },
          { key: "access_logs.s3.bucket", value: "acme-production-alb-access-logs" },
          { key: "access_logs.s3.prefix", value: "acme-production" },
        ],
      });
    });
  });

  describe("with another TLS policy", () => {
    it("uses it for the ALB and as the controller's default", () => {
      const values = awsLoadBalancerControllerValues({ ...development, sslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06" });
      expect(values.ingressClassParams.spec.sslPolicy).toBe("ELBSecurityPolicy-TLS13-1-3-2021-06");
      expect(values.defaultSSLPolicy).toBe("ELBSecurityPolicy-TLS13-1-3-2021-06");
    });
  });
});

describe("albIngressClassParamsSpec", () => {
  describe("with an access-log bucket but no prefix", () => {
    it("logs to the bucket's root", () => {
      const spec = albIngressClassParamsSpec({ ...development, accessLogsBucket: "logs" });
      expect(spec.loadBalancerAttributes.map((a) => a.key)).toEqual([
        "routing.http.drop_invalid_header_fields.enabled",
        "access_logs.s3.enabled",
        "access_logs.s3.bucket",
      ]);
    });
  });

  describe("with empty certificate and CIDR lists", () => {
    it("leaves both out rather than writing empty lists", () => {
      const spec = albIngressClassParamsSpec({ ...development, certificateArns: [], inboundCidrs: [] });
      expect(spec).not.toHaveProperty("certificateArn");
      expect(spec).not.toHaveProperty("inboundCIDRs");
    });
  });
});

describe("ALB_LISTEN_PORTS_ANNOTATION", () => {
  it("asks for both the HTTP and the HTTPS listener, so that HTTP can be redirected", () => {
    expect(JSON.parse(ALB_LISTEN_PORTS_ANNOTATION["alb.ingress.kubernetes.io/listen-ports"])).toEqual([{ HTTP: 80 }, { HTTPS: 443 }]);
  });
});

describeChart(AWS_LOAD_BALANCER_CONTROLLER_CHART, "awsLoadBalancerControllerValues against the 3.5.0 chart", (dir) => {
  const defaults = chartDefaults(dir) as Record<string, any>;

  it.each([
    ["in production", production],
    ["outside production", development],
  ])("sets only key paths that exist in values.yaml %s, besides the security context additions", (_name, options) => {
    const values = parse(renderHelmValues(awsLoadBalancerControllerValues(options)));
    expect(unknownValuePaths(values, defaults)).toEqual(SECURITY_CONTEXT_ADDITIONS);
  });

  it("catches a misspelled key", () => {
    const values = parse(renderHelmValues(awsLoadBalancerControllerValues(development)));
    values.enableServiceMutatorWebhooks = true;
    values.serviceMutatorWebhookConfig.failurePolicies = "Fail";
    expect(unknownValuePaths(values, defaults)).toEqual([
      "securityContext.capabilities",
      "securityContext.seccompProfile",
      "serviceMutatorWebhookConfig.failurePolicies",
      "enableServiceMutatorWebhooks",
    ]);
  });

  it("relies on the chart leaving ingressClassParams.spec, podDisruptionBudget and the service account annotations open", () => {
    expect(defaults.ingressClassParams.spec).toEqual({});
    expect(defaults.podDisruptionBudget).toEqual({});
    expect(defaults.serviceAccount.annotations).toEqual({});
  });

  it("fills ingressClassParams.spec only with fields of the v3.5.0 IngressClassParams CRD", () => {
    // values.yaml leaves spec open; these are the JSON names of IngressClassParamsSpec at tag v3.5.0
    // (apis/elbv2/v1beta1/ingressclassparams_types.go, and crds/crds.yaml of the chart).
    const crdFields = [
      "loadBalancerName", "certificateArn", "namespaceSelector", "group", "scheme", "inboundCIDRs", "sslPolicy",
      "sslRedirectPort", "subnets", "ipAddressType", "tags", "targetType", "loadBalancerAttributes", "listeners",
      "minimumLoadBalancerCapacity", "ipamConfiguration", "PrefixListsIDs", "prefixListsIDs", "wafv2AclArn", "wafv2AclName",
    ];
    const spec = awsLoadBalancerControllerValues(production).ingressClassParams.spec;
    expect(Object.keys(spec).filter((key) => !crdFields.includes(key))).toEqual([]);
  });

  it("keeps the chart's own security settings it does not override", () => {
    expect(defaults.securityContext).toEqual({ readOnlyRootFilesystem: true, runAsNonRoot: true, allowPrivilegeEscalation: false });
    expect(defaults.podSecurityContext).toEqual({ fsGroup: 65534 });
    expect(defaults.hostNetwork).toBe(false);
  });

  it("probes health on the port the NetworkPolicy admits from the nodes", () => {
    expect(defaults.livenessProbe.httpGet.port).toBe(61779);
    expect(defaults.readinessProbe.httpGet.port).toBe(61779);
  });

  it("changes the chart defaults it means to change", () => {
    expect(defaults.defaultTargetType).toBe("instance");
    expect(defaults.enableServiceMutatorWebhook).toBe(true);
    expect(defaults.serviceMutatorWebhookConfig.failurePolicy).toBe("Fail");
    expect(defaults.ingressClassConfig).toEqual({ default: false });
    expect(defaults.clusterName).toBeNull();
  });
});
