import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { EksCluster as TfEksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { TerraformOutput, Testing } from "cdktf";
import { ADDON_VERSIONS } from "../../src/eks/addon-versions";
import { READ_ONLY_GROUP } from "../../src/eks/cluster-attributes";
import { EksCluster, type EksClusterProps } from "../../src/eks/eks-cluster";
import { KEY_ADMINISTRATION_ACTIONS } from "../../src/network/logs-kms-key";
import { loadOrgFile } from "../../src/model/load";
import { environmentByName, type NodeGroup } from "../../src/model/org";
import { EnvironmentStack } from "../../src/stacks/environment-stack";
import { LandingZoneStack } from "../../src/stacks/landing-zone-stack";

const ISSUER = "${aws_eks_cluster.eks_cluster.identity[0].oidc[0].issuer}";
const ISSUER_HOST_PATH = '${replace(aws_iam_openid_connect_provider.eks_oidc-provider.url, "https://", "")}';
const OIDC_PROVIDER_ARN = "${aws_iam_openid_connect_provider.eks_oidc-provider.arn}";
const ADMIN = "arn:aws:iam::111111111111:role/platform-admin";
const DEVELOPER = "arn:aws:iam::222222222222:role/developer";

const GENERAL: NodeGroup = {
  name: "general",
  instanceTypes: ["m6i.large"],
  minSize: 3,
  maxSize: 9,
  desiredSize: 3,
  capacityType: "ON_DEMAND",
  diskSizeGiB: 50,
  labels: {},
  taints: [],
  maxUnavailablePercent: 33,
};

function props(overrides: Partial<EksClusterProps> = {}): EksClusterProps {
  return {
    clusterName: "acme-production",
    namePrefix: "acme-production",
    kubernetesVersion: "1.33",
    accountId: "222222222222",
    partition: "aws",
    vpcId: "vpc-123",
    vpcCidr: "10.130.0.0/16",
    privateSubnetIds: ["subnet-a", "subnet-b", "subnet-c"],
    controlPlaneSubnetIds: ["subnet-cp-a", "subnet-cp-b", "subnet-cp-c"],
    logsKmsKeyArn: "arn:aws:kms:us-east-1:222222222222:key/logs",
    logRetentionDays: 365,
    inboundPeers: [{ name: "management", cidr: "10.120.0.0/16" }],
    admins: [ADMIN],
    readOnly: [DEVELOPER],
    nodeGroups: [GENERAL],
    ...overrides,
  };
}

function synth(overrides: Partial<EksClusterProps> = {}) {
  const stack = new LandingZoneStack(Testing.app(), "test");
  const cluster = new EksCluster(stack, "eks", props(overrides));
  const text = Testing.synth(stack);
  return { cluster, text, json: JSON.parse(text) };
}

/** Resources of one type, by logical id. */
function resources(json: any, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

/** The policy document whose logical id is `id`. */
function document(json: any, id: string): any {
  return json.data.aws_iam_policy_document[id];
}

describe("EksCluster", () => {
  describe("IAM roles", () => {
    const { text, json } = synth();

    it("gives the cluster role, trusted by EKS only, the cluster policy", () => {
      expect(text).toHaveResourceWithProperties(IamRole, {
        name: "acme-production-eks-cluster",
        assume_role_policy: "${data.aws_iam_policy_document.eks_cluster-role-trust.json}",
      });
      expect(document(json, "eks_cluster-role-trust").statement).toEqual([
        expect.objectContaining({ principals: [{ type: "Service", identifiers: ["eks.amazonaws.com"] }] }),
      ]);
      expect(text).toHaveResourceWithProperties(IamRolePolicyAttachment, {
        role: "${aws_iam_role.eks_cluster-role.name}",
        policy_arn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
      });
    });

    it("gives the node role the worker and registry policies but not the CNI policy", () => {
      expect(text).toHaveResourceWithProperties(IamRole, { name: "acme-production-eks-node" });
      const nodePolicies = Object.values(resources(json, "aws_iam_role_policy_attachment"))
        .filter((a) => a.role === "${aws_iam_role.eks_node-role.name}")
        .map((a) => a.policy_arn)
        .sort();
      expect(nodePolicies).toEqual([
        "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
        "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
      ]);
    });

    it.each([
      ["irsa-vpc-cni", "acme-production-irsa-vpc-cni", "system:serviceaccount:kube-system:aws-node"],
      ["irsa-ebs-csi", "acme-production-irsa-ebs-csi", "system:serviceaccount:kube-system:ebs-csi-controller-sa"],
    ])("trusts role %s only from its service account via the OIDC provider (sub and aud)", (id, roleName, subject) => {
      expect(text).toHaveResourceWithProperties(IamRole, {
        name: roleName,
        assume_role_policy: `\${data.aws_iam_policy_document.eks_${id}_trust.json}`,
      });
      expect(document(json, `eks_${id}_trust`).statement).toEqual([
        {
          sid: "ServiceAccountOnly",
          effect: "Allow",
          actions: ["sts:AssumeRoleWithWebIdentity"],
          principals: [{ type: "Federated", identifiers: [OIDC_PROVIDER_ARN] }],
          condition: [
            { test: "StringEquals", variable: `${ISSUER_HOST_PATH}:sub`, values: [subject] },
            { test: "StringEquals", variable: `${ISSUER_HOST_PATH}:aud`, values: ["sts.amazonaws.com"] },
          ],
        },
      ]);
    });

    it("attaches the CNI policy to the VPC CNI's role and the EBS CSI policy to the driver's", () => {
      expect(text).toHaveResourceWithProperties(IamRolePolicyAttachment, {
        role: "${aws_iam_role.eks_irsa-vpc-cni_role.name}",
        policy_arn: "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
      });
      expect(text).toHaveResourceWithProperties(IamRolePolicyAttachment, {
        role: "${aws_iam_role.eks_irsa-ebs-csi_role.name}",
        policy_arn: "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
      });
    });

    it("uses no Action '*' in any policy document", () => {
      const actions = Object.values(json.data.aws_iam_policy_document).flatMap((d: any) => d.statement.flatMap((s: any) => s.actions));
      expect(actions).not.toContain("*");
    });
  });

  describe("a service-account role an add-on asks for", () => {
    const stack = new LandingZoneStack(Testing.app(), "test");
    const cluster = new EksCluster(stack, "eks", props());
    const role = cluster.addServiceAccountRole("irsa-example", {
      roleName: "acme-production-irsa-example",
      serviceAccount: { namespace: "example", name: "example-controller" },
      inlinePolicyStatements: [{ sid: "Describe", effect: "Allow", actions: ["ec2:DescribeSubnets"], resources: ["*"] }],
    });
    new TerraformOutput(stack, "role", { value: role.roleArn });
    const json = JSON.parse(Testing.synth(stack));

    it("lives under the cluster, trusted only by that service account through the cluster's OIDC provider", () => {
      expect(json.resource.aws_iam_role["eks_irsa-example_role"]).toMatchObject({ name: "acme-production-irsa-example" });
      expect(document(json, "eks_irsa-example_trust").statement[0].condition).toContainEqual({
        test: "StringEquals",
        variable: `${ISSUER_HOST_PATH}:sub`,
        values: ["system:serviceaccount:example:example-controller"],
      });
      expect(document(json, "eks_irsa-example_trust").statement[0].principals).toEqual([{ type: "Federated", identifiers: [OIDC_PROVIDER_ARN] }]);
    });

    it("carries the add-on's inline policy", () => {
      expect(json.resource.aws_iam_role_policy["eks_irsa-example_policy"]).toMatchObject({ role: "${aws_iam_role.eks_irsa-example_role.name}" });
      expect(json.output.role.value).toBe("${aws_iam_role.eks_irsa-example_role.arn}");
    });
  });

  describe("a node group added after construction", () => {
    const stack = new LandingZoneStack(Testing.app(), "test");
    const cluster = new EksCluster(stack, "eks", props());
    cluster.addNodeGroup({ name: "batch", instanceTypes: ["c6i.xlarge"], minSize: 0, maxSize: 10, capacityType: "SPOT" });
    const json = JSON.parse(Testing.synth(stack));

    it("runs in every private subnet at the cluster's version, create-before-destroy", () => {
      expect(json.resource.aws_eks_node_group["eks_node-group-batch_node-group"]).toMatchObject({
        node_group_name_prefix: "batch-",
        subnet_ids: ["subnet-a", "subnet-b", "subnet-c"],
        version: "${aws_eks_cluster.eks_cluster.version}",
        capacity_type: "SPOT",
        lifecycle: expect.objectContaining({ create_before_destroy: true }),
      });
      expect([...cluster.nodeGroups.keys()]).toEqual(["general", "batch"]);
    });

    it("is waited for by the add-ons that need running nodes, after the groups given at construction", () => {
      expect(json.resource.aws_eks_addon["eks_addon-coredns"].depends_on).toEqual([
        "aws_eks_node_group.eks_node-group-general_node-group",
        "aws_eks_node_group.eks_node-group-batch_node-group",
      ]);
      expect(json.resource.aws_eks_addon["eks_addon-aws-ebs-csi-driver"].depends_on).toContain("aws_eks_node_group.eks_node-group-batch_node-group");
    });

    it("refuses a second group of the same name", () => {
      expect(() => cluster.addNodeGroup({ name: "batch", instanceTypes: ["m6i.large"], minSize: 1, maxSize: 2 })).toThrow(/a node group named batch exists already/);
    });

    it("names the node security group in its launch template, as the groups given at construction do", () => {
      const templates = Object.values(json.resource.aws_launch_template) as { name: string; vpc_security_group_ids: string[] }[];
      expect(templates.map((t) => [t.name, t.vpc_security_group_ids]).sort()).toEqual([
        ["acme-production-batch", ["${aws_security_group.eks_node-security-group_security-group.id}"]],
        ["acme-production-general", ["${aws_security_group.eks_node-security-group_security-group.id}"]],
      ]);
    });
  });

  describe("node security group", () => {
    it("sends DNS to the VPC's resolver, its base address + 2", () => {
      const { json } = synth({ vpcCidr: "10.110.0.0/16" });
      expect(json.resource.aws_vpc_security_group_egress_rule["eks_node-security-group_egress-vpc-resolver-udp-53"].cidr_ipv4).toBe("10.110.0.2/32");
    });

    it("admits the control plane through the API security group, the group on the control plane's interfaces that we own", () => {
      const { json } = synth();
      expect(json.resource.aws_vpc_security_group_ingress_rule["eks_node-security-group_ingress-control-plane-tcp-10250"].referenced_security_group_id).toBe(
        "${aws_security_group.eks_api-security-group.id}",
      );
    });

    it("has no bridge to the cluster security group unless asked, and then the three bridge rules", () => {
      const without = synth().json;
      const rules = (json: any) =>
        [...Object.keys(json.resource.aws_vpc_security_group_ingress_rule), ...Object.keys(json.resource.aws_vpc_security_group_egress_rule)].filter((id) => id.includes("cluster-security-group"));
      expect(rules(without)).toEqual([]);
      const bridged = synth({ clusterSecurityGroupBridge: true }).json;
      expect(rules(bridged).sort()).toEqual([
        "eks_node-security-group_cluster-security-group-ingress-nodes-all",
        "eks_node-security-group_egress-cluster-security-group-all",
        "eks_node-security-group_ingress-cluster-security-group-all",
      ]);
      expect(bridged.resource.aws_vpc_security_group_ingress_rule["eks_node-security-group_cluster-security-group-ingress-nodes-all"].security_group_id).toBe(
        "${aws_eks_cluster.eks_cluster.vpc_config[0].cluster_security_group_id}",
      );
    });
  });

  describe("access granted after construction", () => {
    const stack = new LandingZoneStack(Testing.app(), "test");
    const cluster = new EksCluster(stack, "eks", props({ admins: [], readOnly: [] }));
    cluster.grantClusterAdmin(ADMIN);
    cluster.grantReadOnly(DEVELOPER);
    const json = JSON.parse(Testing.synth(stack));

    it("gives an admin an access entry with the cluster-admin policy, and a reader only the read-only group", () => {
      expect(Object.keys(json.resource.aws_eks_access_entry).sort()).toEqual(["eks_admin-111111111111-role-platform-admin", "eks_read-only-222222222222-role-developer"]);
      expect(json.resource.aws_eks_access_entry["eks_read-only-222222222222-role-developer"].kubernetes_groups).toEqual([READ_ONLY_GROUP]);
      expect(Object.values(json.resource.aws_eks_access_policy_association)).toEqual([
        expect.objectContaining({ policy_arn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy" }),
      ]);
    });

    it("refuses a second entry for one principal", () => {
      expect(() => cluster.grantReadOnly(ADMIN)).toThrow(/has an access entry already/);
    });
  });

  describe("a node role whose instances are not a managed node group's", () => {
    const stack = new LandingZoneStack(Testing.app(), "test");
    const cluster = new EksCluster(stack, "eks", props({ admins: [], readOnly: [] }));
    const role = "arn:aws:iam::333333333333:role/acme-development-karpenter-node";
    cluster.addNodeAccessEntry("karpenter-node-access-entry", role);
    const json = JSON.parse(Testing.synth(stack));

    it("gets an EC2_LINUX access entry, so its instances join as nodes", () => {
      expect(json.resource.aws_eks_access_entry["eks_karpenter-node-access-entry"]).toMatchObject({ principal_arn: role, type: "EC2_LINUX" });
    });

    it("refuses a second entry for the same role", () => {
      expect(() => cluster.addNodeAccessEntry("again", role)).toThrow(/acme-development-karpenter-node has an access entry already/);
    });
  });

  describe("in another partition", () => {
    const { text } = synth({ partition: "aws-cn" });

    it("builds the managed policy ARNs with that partition", () => {
      expect(text).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: "arn:aws-cn:iam::aws:policy/AmazonEKSClusterPolicy" });
      expect(text).toHaveResourceWithProperties(EksAccessPolicyAssociation, {
        policy_arn: "arn:aws-cn:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
      });
    });
  });

  describe("secrets encryption", () => {
    const { text, json } = synth();

    it("encrypts secrets with its own rotating key", () => {
      expect(text).toHaveResourceWithProperties(KmsKey, {
        enable_key_rotation: true,
        policy: "${data.aws_iam_policy_document.eks_secrets-key-policy.json}",
      });
      expect(text).toHaveResourceWithProperties(TfEksCluster, {
        encryption_config: { resources: ["secrets"], provider: { key_arn: "${aws_kms_key.eks_secrets-key.arn}" } },
      });
    });

    it("names the key with an alias after the cluster", () => {
      expect(text).toHaveResourceWithProperties(KmsAlias, {
        name: "alias/acme-production-eks-secrets",
        target_key_id: "${aws_kms_key.eks_secrets-key.key_id}",
      });
    });

    it("lets the account root administer the key, so the account cannot be locked out, but not use it", () => {
      expect(document(json, "eks_secrets-key-policy").statement).toContainEqual(
        expect.objectContaining({
          sid: "AccountAdministersKey",
          actions: [...KEY_ADMINISTRATION_ACTIONS],
          principals: [{ type: "AWS", identifiers: ["arn:aws:iam::222222222222:root"] }],
        }),
      );
    });

    it("gives no principal kms:*, and the account only grants for AWS resources", () => {
      const statements: any[] = document(json, "eks_secrets-key-policy").statement;
      expect(statements.flatMap((st) => st.actions)).not.toContain("kms:*");
      const root = statements.filter((st) => st.principals[0].identifiers.includes("arn:aws:iam::222222222222:root"));
      expect(root.flatMap((st) => st.actions)).not.toEqual(expect.arrayContaining(["kms:Encrypt"]));
      expect(root.flatMap((st) => st.actions)).not.toEqual(expect.arrayContaining(["kms:Decrypt"]));
      expect(root.find((st) => st.actions.includes("kms:CreateGrant"))).toMatchObject({
        condition: [{ test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] }],
      });
    });

    it("has a 30-day deletion window and prevent_destroy", () => {
      expect(resources(json, "aws_kms_key")["eks_secrets-key"]).toMatchObject({ deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    });

    it("names the cluster role by its ARN, known on a first plan, and waits for the role, which KMS requires to exist", () => {
      expect(JSON.stringify(document(json, "eks_secrets-key-policy"))).not.toContain("${");
      expect(resources(json, "aws_kms_key")["eks_secrets-key"].depends_on).toEqual(["aws_iam_role.eks_cluster-role"]);
    });

    it("lets the cluster role use the key, and create grants only for AWS resources", () => {
      const statements = document(json, "eks_secrets-key-policy").statement;
      const roleName = resources(json, "aws_iam_role")["eks_cluster-role"].name;
      expect(statements).toContainEqual(
        expect.objectContaining({
          actions: ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey", "kms:ListGrants"],
          principals: [{ type: "AWS", identifiers: [`arn:aws:iam::222222222222:role/${roleName}`] }],
        }),
      );
      expect(statements).toContainEqual(
        expect.objectContaining({
          actions: ["kms:CreateGrant"],
          condition: [{ test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] }],
        }),
      );
    });
  });

  describe("control-plane logs", () => {
    const { text, json } = synth({ logRetentionDays: 400 });

    it("sends all five log types", () => {
      expect(text).toHaveResourceWithProperties(TfEksCluster, {
        enabled_cluster_log_types: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
      });
    });

    it("pre-creates the log group with retention and the network's logs key", () => {
      expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, {
        name: "/aws/eks/acme-production/cluster",
        retention_in_days: 400,
        kms_key_id: "arn:aws:kms:us-east-1:222222222222:key/logs",
      });
    });

    it("keeps the log group (the audit log) on destroy and protects it and the cluster from destroy", () => {
      expect(resources(json, "aws_cloudwatch_log_group")["eks_log-group"]).toMatchObject({ skip_destroy: true, lifecycle: { prevent_destroy: true } });
      expect(resources(json, "aws_eks_cluster").eks_cluster.lifecycle).toEqual({ prevent_destroy: true });
    });

    it("creates the cluster only after its log group", () => {
      expect(resources(json, "aws_eks_cluster").eks_cluster.depends_on).toContain("aws_cloudwatch_log_group.eks_log-group");
    });
  });

  describe("endpoint without public CIDRs", () => {
    const { text, json } = synth({ publicAccessCidrs: [] });

    it("keeps the endpoint private", () => {
      expect(text).toHaveResourceWithProperties(TfEksCluster, {
        vpc_config: expect.objectContaining({ endpoint_private_access: true, endpoint_public_access: false }),
      });
      expect(resources(json, "aws_eks_cluster").eks_cluster.vpc_config).not.toHaveProperty("public_access_cidrs");
    });

    it("places the control plane in its dedicated subnets, not the private ones, with the API security group", () => {
      expect(text).toHaveResourceWithProperties(TfEksCluster, {
        vpc_config: expect.objectContaining({
          subnet_ids: ["subnet-cp-a", "subnet-cp-b", "subnet-cp-c"],
          security_group_ids: ["${aws_security_group.eks_api-security-group.id}"],
        }),
      });
    });
  });

  describe("with control-plane subnets in fewer than two AZs", () => {
    it("throws: EKS needs them in two AZs", () => {
      expect(() => synth({ controlPlaneSubnetIds: ["subnet-cp-a"] })).toThrow(/controlPlaneSubnetIds has 1 subnet\(s\); EKS needs control-plane subnets in at least two AZs/);
      expect(() => synth({ controlPlaneSubnetIds: [] })).toThrow(/controlPlaneSubnetIds has 0/);
    });
  });

  describe("endpoint with public CIDRs", () => {
    const { text } = synth({ publicAccessCidrs: ["203.0.113.0/24"] });

    it("turns the public endpoint on, limited to those CIDRs", () => {
      expect(text).toHaveResourceWithProperties(TfEksCluster, {
        vpc_config: expect.objectContaining({
          endpoint_private_access: true,
          endpoint_public_access: true,
          public_access_cidrs: ["203.0.113.0/24"],
        }),
      });
    });
  });

  describe("API security group", () => {
    const apiAccessCidrs = ["172.16.0.0/12", "10.120.0.0/16"];
    const { text, json } = synth({ apiAccessCidrs });

    it("is a described group in the VPC", () => {
      expect(text).toHaveResourceWithProperties(SecurityGroup, {
        name: "acme-production-eks-api",
        vpc_id: "vpc-123",
        description: expect.stringContaining("HTTPS"),
      });
    });

    it("admits 443 from a peered hub, naming it", () => {
      expect(text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        security_group_id: "${aws_security_group.eks_api-security-group.id}",
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        cidr_ipv4: "10.120.0.0/16",
        description: "HTTPS to the Kubernetes API from peered environment management (10.120.0.0/16)",
      });
    });

    it("admits 443 from each listed CIDR, naming it", () => {
      expect(text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        from_port: 443,
        to_port: 443,
        cidr_ipv4: "172.16.0.0/12",
        description: "HTTPS to the Kubernetes API from 172.16.0.0/12 (apiAccessCidrs)",
      });
    });

    it("keys each listed CIDR's rule by the CIDR, not its place in the list, and moves it from the position id it had before 0.2", () => {
      const ids = Object.keys(resources(json, "aws_vpc_security_group_ingress_rule"));
      expect(ids).toContain("eks_api-access-172-16-0-0-12");
      expect(ids.some((id) => /api-access-\d+$/.test(id))).toBe(false);
      expect(json.moved).toContainEqual({
        from: `aws_vpc_security_group_ingress_rule.eks_api-access-${apiAccessCidrs.indexOf("172.16.0.0/12")}`,
        to: "aws_vpc_security_group_ingress_rule.eks_api-access-172-16-0-0-12",
      });
    });

    /** The ingress rules of the API security group (the node security group has its own). */
    const apiRules = () => Object.values(resources(json, "aws_vpc_security_group_ingress_rule")).filter((r) => r.security_group_id === "${aws_security_group.eks_api-security-group.id}");

    it("skips a listed CIDR that a peer rule already admits (EC2 rejects duplicates)", () => {
      const cidrs = apiRules().filter((r) => r.cidr_ipv4 !== undefined).map((r) => r.cidr_ipv4);
      expect(cidrs.sort()).toEqual(["10.120.0.0/16", "172.16.0.0/12"]);
    });

    it("opens nothing but 443", () => {
      const ports = apiRules().map((r) => [r.from_port, r.to_port]);
      expect(ports.length).toBeGreaterThan(0);
      expect(ports.every(([from, to]) => from === 443 && to === 443)).toBe(true);
    });

    it("admits the nodes' security group on 443, the nodes' side of EKS's minimum rules", () => {
      expect(apiRules().filter((r) => r.referenced_security_group_id !== undefined)).toEqual([
        expect.objectContaining({
          referenced_security_group_id: "${aws_security_group.eks_node-security-group_security-group.id}",
          ip_protocol: "tcp",
          from_port: 443,
          to_port: 443,
          description: "HTTPS to the Kubernetes API from the nodes and pods of acme-production (node security group)",
        }),
      ]);
    });
  });

  describe("access", () => {
    const { text, json } = synth();

    it("uses API authentication without making the creator an admin", () => {
      expect(text).toHaveResourceWithProperties(TfEksCluster, {
        access_config: { authentication_mode: "API", bootstrap_cluster_creator_admin_permissions: false },
      });
    });

    it("gives each admin an access entry with the cluster-admin policy on the whole cluster", () => {
      expect(text).toHaveResourceWithProperties(EksAccessEntry, {
        cluster_name: "${aws_eks_cluster.eks_cluster.name}",
        principal_arn: ADMIN,
      });
      expect(text).toHaveResourceWithProperties(EksAccessPolicyAssociation, {
        principal_arn: "${aws_eks_access_entry.eks_admin-111111111111-role-platform-admin.principal_arn}",
        policy_arn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
        access_scope: { type: "cluster" },
      });
    });

    it("maps read-only principals to the read-only group without an access policy", () => {
      expect(text).toHaveResourceWithProperties(EksAccessEntry, { principal_arn: DEVELOPER, kubernetes_groups: [READ_ONLY_GROUP] });
      expect(Object.keys(resources(json, "aws_eks_access_policy_association"))).toEqual([
        "eks_admin-111111111111-role-platform-admin-cluster-admin",
      ]);
    });
  });

  describe("with deletionProtection false", () => {
    const { json } = synth({ deletionProtection: false });

    it("lifts prevent_destroy from the cluster, its key and its log group, and still keeps the audit log on destroy", () => {
      expect(resources(json, "aws_eks_cluster").eks_cluster.lifecycle).toEqual({ prevent_destroy: false });
      expect(resources(json, "aws_kms_key")["eks_secrets-key"].lifecycle).toEqual({ prevent_destroy: false });
      expect(resources(json, "aws_cloudwatch_log_group")["eks_log-group"]).toMatchObject({ skip_destroy: true, lifecycle: { prevent_destroy: false } });
    });
  });

  describe("with a platform-deploy role", () => {
    const DEPLOY = "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole";
    const PLATFORM_DEPLOY = "arn:aws:iam::222222222222:role/acme-production-platform-deploy";
    const { cluster, json } = synth({ platformDeployRole: { roleName: "acme-production-platform-deploy", trustedPrincipalArn: DEPLOY } });

    it("creates the role, trusted by the deploy role alone by its exact ARN", () => {
      expect(resources(json, "aws_iam_role")["eks_platform-deploy-role"]).toMatchObject({
        name: "acme-production-platform-deploy",
        assume_role_policy: "${data.aws_iam_policy_document.eks_platform-deploy-trust.json}",
      });
      expect(document(json, "eks_platform-deploy-trust").statement).toEqual([
        { sid: "DeployRoleOnly", effect: "Allow", actions: ["sts:AssumeRole"], principals: [{ type: "AWS", identifiers: [DEPLOY] }] },
      ]);
    });

    it("gives the role no IAM permissions", () => {
      const attached = Object.values(resources(json, "aws_iam_role_policy_attachment")).filter((a: any) => a.role.includes("platform-deploy"));
      expect(attached).toEqual([]);
      expect(resources(json, "aws_iam_role_policy")).toEqual({});
    });

    it("makes the role cluster-admin through its own access entry, created after the role", () => {
      const entry = resources(json, "aws_eks_access_entry")["eks_admin-222222222222-role-acme-production-platform-deploy"];
      expect(entry).toMatchObject({ principal_arn: PLATFORM_DEPLOY, depends_on: ["aws_iam_role.eks_platform-deploy-role"] });
      expect(resources(json, "aws_eks_access_policy_association")["eks_admin-222222222222-role-acme-production-platform-deploy-cluster-admin"]).toMatchObject({
        policy_arn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
      });
      expect(cluster.platformDeployRoleArn).toBe(PLATFORM_DEPLOY);
    });

    it("gives the deploy role itself no access entry", () => {
      expect(Object.values(resources(json, "aws_eks_access_entry")).map((e: any) => e.principal_arn)).not.toContain(DEPLOY);
    });
  });

  describe("with a principal both admin and read-only", () => {
    it("throws naming the principal", () => {
      expect(() => synth({ admins: [ADMIN], readOnly: [ADMIN] })).toThrow(
        /eks: arn:aws:iam::111111111111:role\/platform-admin listed both in admins and readOnly/,
      );
    });
  });

  describe("node groups", () => {
    const spot: NodeGroup = { ...GENERAL, name: "spot", capacityType: "SPOT", instanceTypes: ["t3.large", "t3a.large"], minSize: 0, maxSize: 5, desiredSize: 0 };
    const { text, json } = synth({ nodeGroups: [GENERAL, spot] });

    it("creates one node group and one launch template per model node group", () => {
      expect(Object.keys(resources(json, "aws_eks_node_group")).sort()).toEqual([
        "eks_node-group-general_node-group",
        "eks_node-group-spot_node-group",
      ]);
      expect(Object.keys(resources(json, "aws_launch_template"))).toHaveLength(2);
      expect(text).toHaveResourceWithProperties(LaunchTemplate, {
        name: "acme-production-spot",
        metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 },
      });
    });

    it("runs every group in all private subnets with the node role, at the cluster's version", () => {
      for (const prefix of ["general-", "spot-"]) {
        expect(text).toHaveResourceWithProperties(EksNodeGroup, {
          node_group_name_prefix: prefix,
          subnet_ids: ["subnet-a", "subnet-b", "subnet-c"],
          node_role_arn: "${aws_iam_role.eks_node-role.arn}",
          version: "${aws_eks_cluster.eks_cluster.version}",
        });
      }
      expect(text).toHaveResourceWithProperties(EksNodeGroup, {
        node_group_name_prefix: "spot-",
        capacity_type: "SPOT",
        instance_types: ["t3.large", "t3a.large"],
        scaling_config: { min_size: 0, max_size: 5, desired_size: 0 },
      });
    });

    it("lets nodes join only after the node policies and the VPC CNI add-on", () => {
      expect(resources(json, "aws_eks_node_group")["eks_node-group-general_node-group"].depends_on).toEqual([
        "aws_iam_role_policy_attachment.eks_node-role-AmazonEKSWorkerNodePolicy",
        "aws_iam_role_policy_attachment.eks_node-role-AmazonEC2ContainerRegistryReadOnly",
        "aws_eks_addon.eks_addon-vpc-cni",
      ]);
    });
  });

  describe("OIDC provider", () => {
    const { text, json } = synth();

    it("registers the cluster's issuer for the STS audience", () => {
      expect(text).toHaveResourceWithProperties(IamOpenidConnectProvider, { url: ISSUER, client_id_list: ["sts.amazonaws.com"] });
    });

    it("sets no thumbprint (optional in hashicorp/aws 5.x; no TLS lookup at plan time)", () => {
      expect(resources(json, "aws_iam_openid_connect_provider")["eks_oidc-provider"]).not.toHaveProperty("thumbprint_list");
      expect(json.data).not.toHaveProperty("tls_certificate");
    });
  });

  describe("add-ons", () => {
    const { text, json } = synth({ kubernetesVersion: "1.34" });
    const addons = resources(json, "aws_eks_addon");

    it("installs the five core add-ons at the versions pinned for the cluster's Kubernetes version", () => {
      for (const [name, version] of Object.entries(ADDON_VERSIONS["1.34"])) {
        expect(text).toHaveResourceWithProperties(EksAddon, {
          cluster_name: "${aws_eks_cluster.eks_cluster.name}",
          addon_name: name,
          addon_version: version,
        });
      }
      expect(Object.keys(addons)).toHaveLength(5);
    });

    it("overwrites conflicts on create and preserves them on update", () => {
      for (const addon of Object.values(addons)) {
        expect(addon).toMatchObject({ resolve_conflicts_on_create: "OVERWRITE", resolve_conflicts_on_update: "PRESERVE" });
      }
    });

    it("turns on network policy enforcement in the VPC CNI, which runs with its IRSA role", () => {
      expect(text).toHaveResourceWithProperties(EksAddon, {
        addon_name: "vpc-cni",
        configuration_values: '{"enableNetworkPolicy":"true"}',
        service_account_role_arn: "${aws_iam_role.eks_irsa-vpc-cni_role.arn}",
      });
    });

    it("creates the VPC CNI only once its IRSA role has the CNI policy (the node role has none)", () => {
      expect(addons["eks_addon-vpc-cni"].depends_on).toEqual([
        "aws_iam_role_policy_attachment.eks_irsa-vpc-cni_policy-AmazonEKS_CNI_Policy",
      ]);
    });

    it("runs the EBS CSI driver with its IRSA role", () => {
      expect(text).toHaveResourceWithProperties(EksAddon, {
        addon_name: "aws-ebs-csi-driver",
        service_account_role_arn: "${aws_iam_role.eks_irsa-ebs-csi_role.arn}",
      });
    });

    it("creates coredns after the node groups, and the EBS CSI driver after them and its role's policy", () => {
      expect(addons["eks_addon-coredns"].depends_on).toEqual(["aws_eks_node_group.eks_node-group-general_node-group"]);
      expect(addons["eks_addon-aws-ebs-csi-driver"].depends_on).toEqual([
        "aws_eks_node_group.eks_node-group-general_node-group",
        "aws_iam_role_policy_attachment.eks_irsa-ebs-csi_policy-AmazonEBSCSIDriverPolicy",
      ]);
      expect(addons["eks_addon-kube-proxy"]).not.toHaveProperty("depends_on");
    });
  });

  describe("with a Kubernetes version that has no pinned add-ons", () => {
    it("throws naming the file to update", () => {
      expect(() => synth({ kubernetesVersion: "1.20" })).toThrow(/src\/eks\/addon-versions\.ts/);
    });
  });

  describe("attributes", () => {
    const stack = new LandingZoneStack(Testing.app(), "test");
    const cluster = new EksCluster(stack, "eks", props());
    const attributes = [
      "clusterName",
      "clusterEndpoint",
      "clusterCertificateAuthorityData",
      "oidcProviderArn",
      "oidcIssuerUrl",
      "clusterSecurityGroupId",
    ] as const;
    // An output per attribute shows what each token resolves to in Terraform.
    for (const attribute of attributes) new TerraformOutput(stack, attribute, { value: cluster[attribute] });
    const outputs = JSON.parse(Testing.synth(stack)).output;

    it.each([
      ["clusterName", "${aws_eks_cluster.eks_cluster.name}"],
      ["clusterEndpoint", "${aws_eks_cluster.eks_cluster.endpoint}"],
      ["clusterCertificateAuthorityData", "${aws_eks_cluster.eks_cluster.certificate_authority[0].data}"],
      ["oidcProviderArn", OIDC_PROVIDER_ARN],
      ["oidcIssuerUrl", ISSUER],
      ["clusterSecurityGroupId", "${aws_eks_cluster.eks_cluster.vpc_config[0].cluster_security_group_id}"],
    ] as const)("exposes %s as a reference to %s", (attribute, reference) => {
      expect(outputs[attribute].value).toBe(reference);
    });
  });

  describe("in the default organization's production stack", () => {
    const org = loadOrgFile();
    const stack = new EnvironmentStack(Testing.app(), "production", { org, environment: environmentByName(org, "production") });
    const json = JSON.parse(Testing.synth(stack, true));

    it("is exposed as the stack's cluster", () => {
      expect(stack.cluster).toBeInstanceOf(EksCluster);
    });

    it("puts the control plane in the network's control-plane subnets and the nodes in its private subnets, and encrypts logs with the network's key", () => {
      expect(json.resource.aws_eks_cluster.eks_cluster.vpc_config.subnet_ids).toEqual([
        "${aws_subnet.network_control-plane-subnet-a.id}",
        "${aws_subnet.network_control-plane-subnet-b.id}",
        "${aws_subnet.network_control-plane-subnet-c.id}",
      ]);
      expect(json.resource.aws_eks_node_group["eks_node-group-general_node-group"].subnet_ids).toEqual([
        "${aws_subnet.network_private-subnet-a.id}",
        "${aws_subnet.network_private-subnet-b.id}",
        "${aws_subnet.network_private-subnet-c.id}",
      ]);
      expect(json.resource.aws_cloudwatch_log_group["eks_log-group"].kms_key_id).toMatch(/^\$\{aws_kms_key\.network_/);
    });

    it("gives the org-wide deploy role no access entry, and the platform-deploy role (trusted by it) cluster-admin", () => {
      const principals = Object.values(json.resource.aws_eks_access_entry).map((e: any) => e.principal_arn);
      expect(principals).not.toContain("arn:aws:iam::222222222222:role/OrganizationAccountAccessRole");
      expect(principals).toContain("arn:aws:iam::222222222222:role/acme-production-platform-deploy");
      expect(json.data.aws_iam_policy_document["eks_platform-deploy-trust"].statement[0].principals).toEqual([
        { type: "AWS", identifiers: ["arn:aws:iam::222222222222:role/OrganizationAccountAccessRole"] },
      ]);
    });

    it("has the network's logs key name exactly the environment's log groups: flow logs, the control plane, Container Insights", () => {
      const logsKey = json.data.aws_iam_policy_document["network_logs-kms-key_policy"].statement.find((st: any) => st.sid === "CloudWatchLogsUsesKey");
      const arn = (name: string) => `arn:aws:logs:us-east-1:222222222222:log-group:${name}`;
      expect(logsKey.condition).toEqual([
        {
          test: "ArnLike",
          variable: "kms:EncryptionContext:aws:logs:arn",
          values: [
            arn("/aws/vpc/acme-production/flow-logs"),
            arn("/aws/eks/acme-production/cluster"),
            ...["application", "dataplane", "host", "performance"].map((k) => arn(`/aws/containerinsights/acme-production/${k}`)),
          ],
        },
      ]);
      const groups = Object.values(json.resource.aws_cloudwatch_log_group).map((g: any) => arn(g.name));
      expect([...groups].sort()).toEqual([...logsKey.condition[0].values].sort());
    });

    it("admits the management hub to the private API", () => {
      // As its VPN server's address: management's VPN has spokeAccess vpn (__tests__/stacks/vpn.test.ts).
      expect(json.resource.aws_vpc_security_group_ingress_rule["eks_api-from-management"]).toMatchObject({ cidr_ipv4: "10.120.192.10/32", from_port: 443 });
    });

    it("outputs the cluster name, endpoint, CA, OIDC provider and issuer, and the IRSA roles", () => {
      expect(json.output).toMatchObject({
        "cluster-name": { value: "${aws_eks_cluster.eks_cluster.name}" },
        "cluster-endpoint": { value: "${aws_eks_cluster.eks_cluster.endpoint}" },
        "cluster-certificate-authority-data": { value: "${aws_eks_cluster.eks_cluster.certificate_authority[0].data}" },
        "oidc-provider-arn": { value: OIDC_PROVIDER_ARN },
        "oidc-issuer-url": { value: ISSUER },
        "vpc-cni-role-arn": { value: "${aws_iam_role.eks_irsa-vpc-cni_role.arn}" },
        "ebs-csi-role-arn": { value: "${aws_iam_role.eks_irsa-ebs-csi_role.arn}" },
        "external-dns-role-arn": { value: "${aws_iam_role.eks_irsa-external-dns_role.arn}" },
      });
    });
  });

  describe("in an environment without eks", () => {
    it("is absent", () => {
      const org = loadOrgFile();
      const stack = new EnvironmentStack(Testing.app(), "management", { org, environment: environmentByName(org, "management") });
      expect(stack.cluster).toBeUndefined();
      expect(Testing.synth(stack)).not.toHaveResource(TfEksCluster);
    });
  });
});
