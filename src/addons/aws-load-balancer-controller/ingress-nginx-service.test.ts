import { parse } from "yaml";
import { unknownValuePaths } from "../../platform/chart-values-check";
import { INGRESS_NGINX_CHART } from "../../platform/charts";
import { renderHelmValues } from "../../platform/helm-values";
import { chartDefaults, describeChart } from "../../../test-helpers/shared-charts";
import { AWS_NLB_LOAD_BALANCER_CLASS, ingressNginxNlbAnnotations, ingressNginxNlbService, NLB_SSL_POLICY } from "./ingress-nginx-service";

const lb = "service.beta.kubernetes.io/aws-load-balancer";
const certificateArn = "arn:aws:acm:us-east-1:222222222222:certificate/11111111-2222-3333-4444-555555555555";

describe("ingressNginxNlbService", () => {
  describe("with the defaults", () => {
    const service = ingressNginxNlbService({});

    it("hands the Service to the AWS Load Balancer Controller by class and by annotation", () => {
      expect(service.type).toBe("LoadBalancer");
      expect(service.loadBalancerClass).toBe("service.k8s.aws/nlb");
      expect(service.annotations[`${lb}-type`]).toBe("external");
    });

    it("asks for an internet-facing, cross-zone NLB with IP targets, in subnets found by their tags", () => {
      expect(service.annotations).toEqual({
        [`${lb}-type`]: "external",
        [`${lb}-nlb-target-type`]: "ip",
        [`${lb}-scheme`]: "internet-facing",
        [`${lb}-attributes`]: "load_balancing.cross_zone.enabled=true",
      });
    });

    it("admits the world, on the Service's ports 80 and 443 only", () => {
      expect(service.loadBalancerSourceRanges).toEqual(["0.0.0.0/0"]);
    });

    it("passes TLS through to nginx's https port", () => {
      expect(service.targetPorts).toEqual({ http: "http", https: "https" });
    });
  });

  describe("with source ranges, a certificate and a hostname", () => {
    const service = ingressNginxNlbService({ loadBalancerSourceRanges: ["198.51.100.0/24"], certificateArn, hostname: "apps.acme.example.com" });

    it("admits only the source ranges", () => {
      expect(service.loadBalancerSourceRanges).toEqual(["198.51.100.0/24"]);
    });

    it("terminates TLS at the NLB with the TLS 1.3/1.2 policy and sends plain HTTP to nginx", () => {
      expect(service.annotations).toMatchObject({
        [`${lb}-ssl-cert`]: certificateArn,
        [`${lb}-ssl-ports`]: "443",
        [`${lb}-ssl-negotiation-policy`]: NLB_SSL_POLICY,
      });
      expect(service.targetPorts).toEqual({ http: "http", https: "http" });
    });

    it("asks ExternalDNS for the hostname", () => {
      expect(service.annotations["external-dns.alpha.kubernetes.io/hostname"]).toBe("apps.acme.example.com");
    });
  });

  describe("with an empty list of source ranges", () => {
    it("throws, since Kubernetes would read it as the world", () => {
      expect(() => ingressNginxNlbService({ loadBalancerSourceRanges: [] })).toThrow(/loadBalancerSourceRanges is empty; Kubernetes reads an empty list as 0\.0\.0\.0\/0/);
    });
  });
});

describe("ingressNginxNlbAnnotations", () => {
  describe("with a certificate and another TLS policy", () => {
    it("uses that policy on the TLS listener", () => {
      const annotations = ingressNginxNlbAnnotations({ certificateArn, sslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06" });
      expect(annotations[`${lb}-ssl-negotiation-policy`]).toBe("ELBSecurityPolicy-TLS13-1-3-2021-06");
    });
  });
});

describe("AWS_NLB_LOAD_BALANCER_CLASS", () => {
  it("is the class the controller reconciles by default", () => {
    expect(AWS_NLB_LOAD_BALANCER_CLASS).toBe("service.k8s.aws/nlb");
  });
});

describeChart(INGRESS_NGINX_CHART, "ingressNginxNlbService against the ingress-nginx 4.15.1 chart", (dir) => {
  it("sets only key paths of controller.service that exist in values.yaml", () => {
    const service = ingressNginxNlbService({ loadBalancerSourceRanges: ["198.51.100.0/24"], certificateArn, hostname: "apps.acme.example.com" });
    const values = parse(renderHelmValues({ controller: { service } }));
    expect(unknownValuePaths(values, chartDefaults(dir))).toEqual([]);
  });

  it("exposes only the chart's http and https ports by default", () => {
    const defaults = chartDefaults(dir) as { controller: { service: { enableHttp: boolean; enableHttps: boolean; ports: object } }; tcp: object; udp: object };
    expect(defaults.controller.service).toMatchObject({ enableHttp: true, enableHttps: true, ports: { http: 80, https: 443 } });
    expect(defaults.tcp).toEqual({});
    expect(defaults.udp).toEqual({});
  });
});
