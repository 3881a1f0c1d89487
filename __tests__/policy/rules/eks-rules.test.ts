import { evaluateStack } from "../../../src/policy/engine";
import { eksRules } from "../../../src/policy/rules/eks-rules";
import { itChecksEveryRuleAgainstItsFixtures, stack, type RuleCases, type Part } from "../../../test-helpers/policy-fixtures";

/** A cluster that satisfies every EKS rule, with `change` applied to its body. */
function cluster(change: Record<string, unknown> = {}): Part[] {
  return [
    ["aws_kms_key", "secrets", { enable_key_rotation: true }],
    ["aws_cloudwatch_log_group", "cluster-logs", { name: "/aws/eks/acme-prod/cluster" }],
    [
      "aws_eks_cluster",
      "cluster",
      {
        name: "acme-prod",
        vpc_config: { endpoint_private_access: true, endpoint_public_access: false, subnet_ids: ["${aws_subnet.a.id}"] },
        encryption_config: { resources: ["secrets"], provider: { key_arn: "${aws_kms_key.secrets.arn}" } },
        enabled_cluster_log_types: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
        access_config: { authentication_mode: "API", bootstrap_cluster_creator_admin_permissions: false },
        ...change,
      },
    ],
    ["aws_eks_access_entry", "admin", { cluster_name: "${aws_eks_cluster.cluster.name}", principal_arn: "arn:aws:iam::111111111111:role/admin" }],
  ];
}

const launchTemplate = (change: Record<string, unknown> = {}): Part => [
  "aws_launch_template",
  "nodes",
  {
    metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 },
    block_device_mappings: [{ device_name: "/dev/xvda", ebs: { encrypted: "true", volume_type: "gp3" } }],
    ...change,
  },
];

const cases: RuleCases = {
  CKV_AWS_39: {
    fail: [
      stack(...cluster({ vpc_config: { endpoint_private_access: true } })),
      stack(...cluster({ vpc_config: { endpoint_public_access: true, public_access_cidrs: ["203.0.113.0/24"] } })),
    ],
    pass: stack(...cluster()),
    message: /public endpoint is enabled/,
  },
  CKV_AWS_38: {
    fail: [
      stack(...cluster({ vpc_config: { endpoint_public_access: true } })),
      stack(...cluster({ vpc_config: { endpoint_public_access: true, public_access_cidrs: ["0.0.0.0/0"] } })),
    ],
    pass: stack(...cluster({ vpc_config: { endpoint_public_access: true, public_access_cidrs: ["203.0.113.0/24"] } })),
    message: /public_access_cidrs/,
  },
  CKV_AWS_58: {
    fail: [
      stack(...cluster({ encryption_config: undefined })),
      stack(...cluster({ encryption_config: [{ resources: ["secrets"], provider: [{ key_arn: "arn:aws:kms:us-east-1:111111111111:alias/aws/eks" }] }] })),
      stack(...cluster({ encryption_config: { resources: ["configmaps"], provider: { key_arn: "${aws_kms_key.secrets.arn}" } } })),
    ],
    pass: stack(...cluster()),
    message: /encryption_config/,
  },
  CKV_AWS_37: {
    fail: [
      stack(...cluster({ enabled_cluster_log_types: ["api", "audit"] })),
      stack(...cluster().filter(([type]) => type !== "aws_cloudwatch_log_group")),
    ],
    pass: stack(...cluster()),
    message: /enabled_cluster_log_types lacks|\/aws\/eks\/acme-prod\/cluster/,
  },
  "CIS EKS 4.1.7": {
    fail: [
      stack(...cluster({ access_config: { authentication_mode: "API_AND_CONFIG_MAP", bootstrap_cluster_creator_admin_permissions: false } })),
      stack(...cluster({ access_config: { authentication_mode: "API" } })),
      stack(...cluster().filter(([type]) => type !== "aws_eks_access_entry")),
    ],
    pass: stack(...cluster()),
    message: /authentication_mode|bootstrap_cluster_creator_admin_permissions|aws_eks_access_entry/,
  },
  CKV_AWS_79: {
    fail: [
      stack(launchTemplate({ metadata_options: { http_tokens: "optional", http_put_response_hop_limit: 1 } })),
      stack(launchTemplate({ metadata_options: { http_tokens: "required", http_put_response_hop_limit: 2 } })),
      stack(launchTemplate({ metadata_options: undefined })),
    ],
    pass: stack(launchTemplate()),
    message: /http_tokens|hop_limit/,
  },
  CKV_AWS_88: {
    fail: [stack(launchTemplate({ network_interfaces: [{ associate_public_ip_address: "true" }] }))],
    pass: stack(launchTemplate({ network_interfaces: [{ associate_public_ip_address: false }] })),
    message: /public IP/,
  },
  LZ_LAUNCH_TEMPLATE_EBS_ENCRYPTED: {
    fail: [
      stack(launchTemplate({ block_device_mappings: [{ device_name: "/dev/xvda", ebs: { volume_type: "gp3" } }] })),
      stack(launchTemplate({ block_device_mappings: { device_name: "/dev/xvdb", ebs: { encrypted: false } } })),
    ],
    pass: stack(launchTemplate()),
    message: /not encrypted/,
  },
  LZ_EKS_NODE_SECURITY_GROUP: {
    fail: [
      stack(["aws_eks_node_group", "general", { cluster_name: "acme-prod" }]),
      stack(launchTemplate(), ["aws_eks_node_group", "general", { launch_template: { id: "${aws_launch_template.nodes.id}", version: "1" } }]),
      stack(launchTemplate({ network_interfaces: [{ associate_public_ip_address: false }] }), ["aws_eks_node_group", "general", { launch_template: { id: "${aws_launch_template.nodes.id}" } }]),
      stack(["aws_eks_node_group", "general", { launch_template: { id: "lt-0123456789abcdef0" } }]),
    ],
    pass: stack(launchTemplate({ vpc_security_group_ids: ["${aws_security_group.nodes.id}"] }), ["aws_eks_node_group", "general", { launch_template: { id: "${aws_launch_template.nodes.id}" } }]),
    message: /cluster security group|cannot be checked/,
  },
  "CIS EKS 4.3.1": {
    fail: [
      stack(["aws_eks_addon", "vpc-cni", { addon_name: "vpc-cni" }]),
      stack(["aws_eks_addon", "vpc-cni", { addon_name: "vpc-cni", configuration_values: '{"enableNetworkPolicy":"false"}' }]),
    ],
    pass: stack(
      ["aws_eks_addon", "vpc-cni", { addon_name: "vpc-cni", configuration_values: '{"enableNetworkPolicy":"true"}' }],
      ["aws_eks_addon", "coredns", { addon_name: "coredns" }],
    ),
    message: /enableNetworkPolicy/,
  },
};

describe("eksRules", () => {
  itChecksEveryRuleAgainstItsFixtures(eksRules, cases);

  describe("CKV_AWS_39 with a public endpoint", () => {
    it("records the public CIDRs so the listed exception can check them", () => {
      const json = stack(...cluster({ vpc_config: { endpoint_public_access: true, public_access_cidrs: ["203.0.113.0/24"] } }));
      const [finding] = evaluateStack("test", json, eksRules.filter((r) => r.id === "CKV_AWS_39"));
      expect(finding.detail).toEqual({ publicAccessCidrs: ["203.0.113.0/24"] });
    });
  });

  describe("LZ_EKS_NODE_SECURITY_GROUP with security groups on the template's network interfaces", () => {
    it("accepts them as the nodes' security groups", () => {
      const json = stack(launchTemplate({ network_interfaces: [{ security_groups: ["sg-0123"] }] }), ["aws_eks_node_group", "general", { launch_template: { id: "${aws_launch_template.nodes.id}" } }]);
      expect(evaluateStack("test", json, eksRules.filter((r) => r.id === "LZ_EKS_NODE_SECURITY_GROUP"))).toEqual([]);
    });
  });

  describe("CIS EKS 4.3.1 with configuration_values from Fn.jsonencode", () => {
    it("reads the jsonencode expression", () => {
      const json = stack(["aws_eks_addon", "vpc-cni", { addon_name: "vpc-cni", configuration_values: '${jsonencode({"enableNetworkPolicy" = "true"})}' }]);
      expect(evaluateStack("test", json, eksRules.filter((r) => r.id === "CIS EKS 4.3.1"))).toEqual([]);
    });
  });
});
