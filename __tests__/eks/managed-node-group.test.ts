import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { TerraformOutput, Testing } from "cdktf";
import { ManagedNodeGroup } from "../../src/eks/managed-node-group";
import type { NodeGroup } from "../../src/model/org";
import { LandingZoneStack } from "../../src/stacks/landing-zone-stack";

const GENERAL: NodeGroup = {
  name: "general",
  instanceTypes: ["t3.large", "t3a.large"],
  minSize: 1,
  maxSize: 4,
  desiredSize: 2,
  capacityType: "SPOT",
  diskSizeGiB: 80,
  labels: {},
  taints: [],
  maxUnavailablePercent: 33,
};

function synth(nodeGroup: NodeGroup = GENERAL) {
  const stack = new LandingZoneStack(Testing.app(), "test");
  const group = new ManagedNodeGroup(stack, "node-group-general", {
    clusterName: "acme-development",
    kubernetesVersion: "1.33",
    nodeRoleArn: "arn:aws:iam::333333333333:role/acme-development-eks-node",
    subnetIds: ["subnet-a", "subnet-b"],
    securityGroupIds: ["sg-nodes"],
    nodeGroup,
  });
  new TerraformOutput(stack, "autoscaling-group-name", { value: group.autoscalingGroupName });
  const text = Testing.synth(stack);
  const json = JSON.parse(text);
  return { text, json, autoscalingGroupName: json.output["autoscaling-group-name"].value as string };
}

describe("ManagedNodeGroup", () => {
  describe("Auto Scaling group", () => {
    it("exposes the name of the group EKS creates, for tags the node group's own cannot reach", () => {
      expect(synth().autoscalingGroupName).toBe("${aws_eks_node_group.node-group-general_node-group.resources[0].autoscaling_groups[0].name}");
    });
  });

  describe("launch template", () => {
    const { text, json } = synth();

    it("requires IMDSv2 with a hop limit of 1", () => {
      expect(text).toHaveResourceWithProperties(LaunchTemplate, {
        metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 },
      });
    });

    it("gives the root device an encrypted gp3 volume of the group's disk size", () => {
      expect(text).toHaveResourceWithProperties(LaunchTemplate, {
        block_device_mappings: [
          { device_name: "/dev/xvda", ebs: { volume_size: 80, volume_type: "gp3", encrypted: "true", delete_on_termination: "true" } },
        ],
      });
    });

    it("tags instances and volumes with the node group's name", () => {
      expect(text).toHaveResourceWithProperties(LaunchTemplate, {
        name: "acme-development-general",
        tag_specifications: [
          { resource_type: "instance", tags: { Name: "acme-development-general" } },
          { resource_type: "volume", tags: { Name: "acme-development-general" } },
        ],
      });
    });

    it("names the node security group, so EKS does not put the nodes in the cluster security group", () => {
      expect(text).toHaveResourceWithProperties(LaunchTemplate, { name: "acme-development-general", vpc_security_group_ids: ["sg-nodes"] });
    });

    it("declares no network interface, so nothing asks for a public IP", () => {
      const [template] = Object.values(json.resource.aws_launch_template) as Record<string, unknown>[];
      expect(template).not.toHaveProperty("network_interfaces");
    });
  });

  describe("node group", () => {
    const { text } = synth();

    it("runs in the given private subnets with the group's capacity and instance types", () => {
      expect(text).toHaveResourceWithProperties(EksNodeGroup, {
        cluster_name: "acme-development",
        node_group_name_prefix: "general-",
        version: "1.33",
        node_role_arn: "arn:aws:iam::333333333333:role/acme-development-eks-node",
        subnet_ids: ["subnet-a", "subnet-b"],
        capacity_type: "SPOT",
        instance_types: ["t3.large", "t3a.large"],
      });
    });

    it("scales between min and max, starting at desired, replacing a share of nodes at a time", () => {
      expect(text).toHaveResourceWithProperties(EksNodeGroup, {
        scaling_config: { min_size: 1, max_size: 4, desired_size: 2 },
        update_config: { max_unavailable_percentage: 33 },
      });
    });

    it("uses the latest version of its launch template", () => {
      expect(text).toHaveResourceWithProperties(EksNodeGroup, {
        launch_template: {
          id: "${aws_launch_template.node-group-general_launch-template.id}",
          version: "${aws_launch_template.node-group-general_launch-template.latest_version}",
        },
      });
    });

    it("leaves the desired size to the autoscaler after creation", () => {
      expect(text).toHaveResourceWithProperties(EksNodeGroup, { lifecycle: expect.objectContaining({ ignore_changes: ["scaling_config[0].desired_size"] }) });
    });

    it("is replaced create-before-destroy under a generated name, so a forced replacement never leaves the cluster without the group", () => {
      expect(text).toHaveResourceWithProperties(EksNodeGroup, { lifecycle: expect.objectContaining({ create_before_destroy: true }) });
      expect(text).not.toHaveResourceWithProperties(EksNodeGroup, { node_group_name: expect.anything() });
    });

    it("carries the cluster autoscaler's discovery tags", () => {
      expect(text).toHaveResourceWithProperties(EksNodeGroup, {
        tags: expect.objectContaining({
          "k8s.io/cluster-autoscaler/enabled": "true",
          "k8s.io/cluster-autoscaler/acme-development": "owned",
        }),
      });
    });
  });

  describe("with labels and taints", () => {
    const { text } = synth({
      ...GENERAL,
      capacityType: "ON_DEMAND",
      labels: { workload: "system" },
      taints: [
        { key: "dedicated", value: "system", effect: "NoSchedule" },
        { key: "critical", effect: "PreferNoSchedule" },
      ],
    });

    it("passes the labels and the taints in the EKS API's spelling", () => {
      expect(text).toHaveResourceWithProperties(EksNodeGroup, {
        capacity_type: "ON_DEMAND",
        labels: { workload: "system" },
        taint: [
          { key: "dedicated", value: "system", effect: "NO_SCHEDULE" },
          { key: "critical", effect: "PREFER_NO_SCHEDULE" },
        ],
      });
    });
  });

  describe("without labels and taints", () => {
    const { json } = synth();

    it("emits neither block", () => {
      const [group] = Object.values(json.resource.aws_eks_node_group) as Record<string, unknown>[];
      expect(group).not.toHaveProperty("labels");
      expect(group).not.toHaveProperty("taint");
    });
  });
});
