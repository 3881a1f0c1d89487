import { Release } from "@cdktf/provider-helm/lib/release";
import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { Testing } from "cdktf";
import { parse } from "yaml";
import { AwsLoadBalancerController, type AwsLoadBalancerControllerProps } from "./aws-load-balancer-controller";
import { expectReleaseAfterNamespace, expectRestrictedNamespace } from "../../../test-helpers/addon-assertions";

const props: AwsLoadBalancerControllerProps = {
  clusterName: "acme-production",
  region: "us-east-1",
  vpcId: "vpc-0123456789abcdef0",
  roleArn: "arn:aws:iam::222222222222:role/acme-production-irsa-aws-load-balancer-controller",
  highAvailability: true,
  privateSubnetCidrs: ["10.130.64.0/20", "10.130.80.0/20", "10.130.96.0/20"],
  controlPlaneSubnetCidrs: ["10.130.216.0/28", "10.130.216.16/28", "10.130.216.32/28"],
  albGroupName: "production",
  defaultIngressClass: true,
  certificateArns: ["arn:aws:acm:us-east-1:222222222222:certificate/11111111-2222-3333-4444-555555555555"],
  webAclArn: "arn:aws:wafv2:us-east-1:222222222222:regional/webacl/acme-production/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
  accessLogsBucket: "acme-production-alb-access-logs",
};

const fromPrivate = props.privateSubnetCidrs.map((cidr) => ({ ip_block: { cidr } }));
const fromControlPlane = props.controlPlaneSubnetCidrs.map((cidr) => ({ ip_block: { cidr } }));

function synth(overrides: Partial<AwsLoadBalancerControllerProps> = {}) {
  const text = Testing.synthScope((scope) => new AwsLoadBalancerController(scope, "aws-load-balancer-controller", { ...props, ...overrides }));
  const release = Object.values(JSON.parse(text).resource[Release.tfResourceType])[0] as { values: string[]; depends_on: string[] };
  return { text, release, values: parse(release.values[0]) };
}

describe("AwsLoadBalancerController", () => {
  describe("in production", () => {
    const { text, release, values } = synth();

    it("creates the aws-load-balancer-controller namespace, Pod Security restricted", () => {
      expectRestrictedNamespace(text, "aws-load-balancer-controller");
    });

    it("installs the pinned chart 3.5.0 into it, after the namespace", () => {
      expectReleaseAfterNamespace(text, release, { name: "aws-load-balancer-controller", chart: "aws-load-balancer-controller", version: "3.5.0", repository: "https://aws.github.io/eks-charts", namespace: "aws-load-balancer-controller" });
    });

    it("renders the cluster, the IRSA role and the production settings into the release", () => {
      expect(values).toMatchObject({
        clusterName: "acme-production",
        region: "us-east-1",
        vpcId: "vpc-0123456789abcdef0",
        replicaCount: 2,
        podDisruptionBudget: { maxUnavailable: 1 },
        serviceAccount: { name: "aws-load-balancer-controller", annotations: { "eks.amazonaws.com/role-arn": props.roleArn } },
      });
      expect(values.topologySpreadConstraints[0].topologyKey).toBe("topology.kubernetes.io/zone");
    });

    it("renders the alb class as the default, with its group, certificate, web ACL and access logs", () => {
      expect(values.ingressClass).toBe("alb");
      expect(values.ingressClassConfig).toEqual({ default: true });
      expect(values.ingressClassParams.spec).toMatchObject({
        scheme: "internet-facing",
        group: { name: "production" },
        certificateArn: props.certificateArns,
        sslRedirectPort: "443",
        wafv2AclArn: props.webAclArn,
      });
      expect(values.ingressClassParams.spec.loadBalancerAttributes).toContainEqual({ key: "access_logs.s3.bucket", value: "acme-production-alb-access-logs" });
    });

    it("selects the controller pods with a NetworkPolicy in its namespace", () => {
      expect(text).toHaveResourceWithProperties(NetworkPolicyV1, {
        metadata: { name: "aws-load-balancer-controller", namespace: "aws-load-balancer-controller" },
        spec: expect.objectContaining({
          pod_selector: {
            match_labels: {
              "app.kubernetes.io/name": "aws-load-balancer-controller",
              "app.kubernetes.io/instance": "aws-load-balancer-controller",
            },
          },
          policy_types: ["Ingress"],
        }),
      });
    });

    it("admits the webhooks on 9443 only from the control-plane subnets, and metrics and health only from the private subnets", () => {
      expect(text).toHaveResourceWithProperties(NetworkPolicyV1, {
        spec: expect.objectContaining({
          ingress: [
            { from: fromControlPlane, ports: [{ port: "9443", protocol: "TCP" }] },
            { from: fromPrivate, ports: [{ port: "8080", protocol: "TCP" }, { port: "61779", protocol: "TCP" }] },
          ],
        }),
      });
    });
  });

  describe("outside production, with the defaults", () => {
    const { values } = synth({
      highAvailability: false,
      defaultIngressClass: undefined,
      certificateArns: undefined,
      webAclArn: undefined,
      accessLogsBucket: undefined,
      albGroupName: "development",
    });

    it("runs two replicas without PDB or zone spread", () => {
      expect(values.replicaCount).toBe(2);
      expect(values).not.toHaveProperty("podDisruptionBudget");
      expect(values).not.toHaveProperty("topologySpreadConstraints");
    });

    it("does not make alb the default IngressClass", () => {
      expect(values.ingressClassConfig).toEqual({ default: false });
    });

    it("leaves certificate, web ACL and access logs off the ALB", () => {
      expect(values.ingressClassParams.spec).not.toHaveProperty("certificateArn");
      expect(values.ingressClassParams.spec).not.toHaveProperty("wafv2AclArn");
      expect(values.ingressClassParams.spec.loadBalancerAttributes).toEqual([{ key: "routing.http.drop_invalid_header_fields.enabled", value: "true" }]);
    });
  });

  describe("with no private subnets", () => {
    it("throws, naming the construct and the missing CIDRs", () => {
      expect(() => synth({ privateSubnetCidrs: [] })).toThrow(/aws-load-balancer-controller: privateSubnetCidrs is empty/);
    });
  });

  describe("with no control-plane subnets", () => {
    it("throws, naming the construct and the missing CIDRs", () => {
      expect(() => synth({ controlPlaneSubnetCidrs: [] })).toThrow(
        /aws-load-balancer-controller: controlPlaneSubnetCidrs is empty; the webhook policy needs the CIDRs of the cluster's control-plane subnets/,
      );
    });
  });

  describe("with an invalid IngressGroup name", () => {
    it.each(["Production", "prod_1", "-prod", "a".repeat(64)])("refuses %s, saying what a group name may hold", (albGroupName) => {
      expect(() => synth({ albGroupName })).toThrow(/albGroupName ".*" is not a valid IngressGroup name; use at most 63 lowercase letters, digits, '-' and '\.'/);
    });
  });
});
