import { parse } from "yaml";
import { unknownValuePaths } from "../../platform/chart-values-check";
import { INGRESS_NGINX_CHART } from "../../platform/charts";
import { renderHelmValues } from "../../platform/helm-values";
import {
  EXTERNAL_DNS_HOSTNAME_ANNOTATION,
  ingressNginxValues,
  nlbServiceAnnotations,
  NLB_TLS_POLICY,
  type IngressNginxValuesOptions,
} from "./values";
import { chartDefaults, describeChart } from "../../../test-helpers/shared-charts";

const lb = "service.beta.kubernetes.io/aws-load-balancer";
const certificateArn = "arn:aws:acm:us-east-1:222222222222:certificate/11111111-2222-3333-4444-555555555555";
const production: IngressNginxValuesOptions = { replicas: 3, highAvailability: true, certificateArn, hostname: "apps.acme.example.com" };
const development: IngressNginxValuesOptions = { replicas: 1, highAvailability: false };

describe("ingressNginxValues", () => {
  describe("in any environment", () => {
    const { controller } = ingressNginxValues(development);

    it("turns snippets off and validates annotations at risk level High", () => {
      expect(controller.allowSnippetAnnotations).toBe(false);
      expect(controller.enableAnnotationValidations).toBe(true);
      expect(controller.config).toEqual({ "annotations-risk-level": "High" });
    });

    it("uses no host network, no host port and no chroot image", () => {
      expect(controller.hostNetwork).toBe(false);
      expect(controller.hostPort).toEqual({ enabled: false });
      expect(controller.image).toEqual({ chroot: false });
    });

    it("keeps the admission webhook on, behind a ClusterIP service on 8443", () => {
      expect(controller.admissionWebhooks).toEqual({ enabled: true, port: 8443, service: { type: "ClusterIP" } });
    });

    it("enables metrics", () => {
      expect(controller.metrics).toEqual({ enabled: true, port: 10254 });
    });

    it("makes the nginx IngressClass the cluster default", () => {
      expect(controller.ingressClassResource).toEqual({ name: "nginx", enabled: true, default: true });
      expect(controller.ingressClass).toBe("nginx");
    });

    it("exposes the controller through a cross-zone NLB that EKS's own cloud provider creates", () => {
      expect(controller.service.type).toBe("LoadBalancer");
      expect(controller.service.annotations).toEqual({
        [`${lb}-type`]: "nlb",
        [`${lb}-cross-zone-load-balancing-enabled`]: "true",
      });
    });
  });

  describe("without a certificate", () => {
    it("passes TLS through to nginx's https port", () => {
      expect(ingressNginxValues(development).controller.service.targetPorts).toEqual({ http: "http", https: "https" });
    });
  });

  describe("outside production", () => {
    const { controller } = ingressNginxValues(development);

    it("runs the configured replicas without PDB settings or zone spread", () => {
      expect(controller.replicaCount).toBe(1);
      expect(controller).not.toHaveProperty("minAvailable");
      expect(controller).not.toHaveProperty("topologySpreadConstraints");
    });
  });

  describe("in production with a certificate and a hostname", () => {
    const { controller } = ingressNginxValues(production);

    it("runs the configured replicas with a PodDisruptionBudget of minAvailable 1", () => {
      expect(controller.replicaCount).toBe(3);
      expect(controller.minAvailable).toBe(1);
    });

    it("spreads the controller pods across availability zones", () => {
      expect(controller.topologySpreadConstraints).toEqual([
        {
          maxSkew: 1,
          topologyKey: "topology.kubernetes.io/zone",
          whenUnsatisfiable: "ScheduleAnyway",
          labelSelector: {
            matchLabels: {
              "app.kubernetes.io/name": "ingress-nginx",
              "app.kubernetes.io/instance": "ingress-nginx",
              "app.kubernetes.io/component": "controller",
            },
          },
          matchLabelKeys: ["pod-template-hash"],
        },
      ]);
    });

    it("terminates TLS at the NLB with the ACM certificate on 443 and sends plain HTTP to nginx", () => {
      expect(controller.service.annotations).toMatchObject({
        [`${lb}-ssl-cert`]: certificateArn,
        [`${lb}-ssl-ports`]: "443",
        [`${lb}-ssl-negotiation-policy`]: NLB_TLS_POLICY,
      });
      expect(controller.service.targetPorts).toEqual({ http: "http", https: "http" });
    });

    it("asks ExternalDNS for the hostname", () => {
      expect(controller.service.annotations[EXTERNAL_DNS_HOSTNAME_ANNOTATION]).toBe("apps.acme.example.com");
    });
  });
});

describe("nlbServiceAnnotations", () => {
  describe("with a hostname only", () => {
    it("adds the ExternalDNS hostname but no TLS settings", () => {
      const annotations = nlbServiceAnnotations({ hostname: "www.acme.example.com" });
      expect(annotations[EXTERNAL_DNS_HOSTNAME_ANNOTATION]).toBe("www.acme.example.com");
      expect(Object.keys(annotations).filter((k) => k.includes("ssl"))).toEqual([]);
    });
  });
});

describeChart(INGRESS_NGINX_CHART, "ingressNginxValues against the ingress-nginx 4.15.1 chart", (dir) => {
  it.each([
    ["in production with a certificate and a hostname", production],
    ["outside production", development],
  ])("sets only key paths that exist in values.yaml %s", (_name, opts) => {
    const values = parse(renderHelmValues(ingressNginxValues(opts)));
    expect(unknownValuePaths(values, chartDefaults(dir))).toEqual([]);
  });

  it("catches a misspelled key", () => {
    const values = parse(renderHelmValues(ingressNginxValues(development)));
    values.controller.allowSnippetAnnotation = false;
    values.controller.admissionWebhooks.service.typ = "ClusterIP";
    expect(unknownValuePaths(values, chartDefaults(dir))).toEqual([
      "controller.admissionWebhooks.service.typ",
      "controller.allowSnippetAnnotation",
    ]);
  });

  it("accepts keys below the open maps it fills (service annotations, config)", () => {
    const defaults = chartDefaults(dir) as { controller: { config: object; service: { annotations: object } } };
    expect(defaults.controller.config).toEqual({});
    expect(defaults.controller.service.annotations).toEqual({});
  });
});
