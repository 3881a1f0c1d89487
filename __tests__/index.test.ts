import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EksCluster as TfEksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import * as landingZone from "../src";
import { countResources } from "../src/testing";

/** A user's own stack: the public entry's constructs with hand-written props, no environments file. */
function handBuiltStack() {
  const stack = new TerraformStack(Testing.app(), "by-hand");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const network = new landingZone.Network(stack, "network", {
    namePrefix: "demo-dev",
    accountId: "444444444444",
    partition: "aws",
    region: "eu-west-1",
    cidrBlock: "10.50.0.0/16",
    subnets: ["a", "b"].map((azSuffix) => ({
      az: `eu-west-1${azSuffix}`,
      azSuffix,
      public: landingZone.plannedSubnet("10.50.0.0/16", "public", azSuffix),
      private: landingZone.plannedSubnet("10.50.0.0/16", "private", azSuffix),
      persistence: landingZone.plannedSubnet("10.50.0.0/16", "persistence", azSuffix),
      controlPlane: landingZone.plannedControlPlaneSubnet("10.50.0.0/16", azSuffix),
    })),
    natGateways: "single",
    persistenceInternetAccess: false,
    dataStorePorts: [5432],
    inboundPeers: [],
    peeringPorts: [],
    flowLogRetentionDays: 365,
    internalZoneName: "dev.demo.internal",
    clusterName: "demo-dev",
  });
  const cluster = new landingZone.EksCluster(stack, "eks", {
    clusterName: "demo-dev",
    namePrefix: "demo-dev",
    kubernetesVersion: "1.33",
    accountId: "444444444444",
    partition: "aws",
    vpcId: network.vpcId,
    vpcCidr: "10.50.0.0/16",
    privateSubnetIds: network.privateSubnetIds,
    controlPlaneSubnetIds: network.controlPlaneSubnetIds,
    logsKmsKeyArn: network.logsKmsKeyArn,
    logRetentionDays: 365,
    // Only what a node group must have: the rest takes the documented defaults.
    nodeGroups: [{ name: "general", instanceTypes: ["m6i.large"], minSize: 2, maxSize: 4 }],
  });
  return { stack, cluster, synth: Testing.synth(stack, true) };
}

describe("the public entry point", () => {
  describe("a Network and an EksCluster composed by hand in a plain TerraformStack", () => {
    const { cluster, synth } = handBuiltStack();

    it("synthesizes the VPC, its subnets and the cluster in the VPC's control-plane subnets", () => {
      expect(countResources(synth, "aws_vpc")).toBe(1);
      expect(countResources(synth, "aws_subnet")).toBe(8);
      expect(synth).toHaveResourceWithProperties(TfEksCluster, {
        name: "demo-dev",
        vpc_config: expect.objectContaining({
          subnet_ids: [expect.stringMatching(/^\$\{aws_subnet\.network_control-plane-subnet-a_/), expect.stringMatching(/^\$\{aws_subnet\.network_control-plane-subnet-b_/)],
        }),
      });
    });

    it("gives the cluster's node group its own prefix, create-before-destroy and the defaults of what it left out", () => {
      const groups = Object.values(JSON.parse(synth).resource.aws_eks_node_group) as any[];
      expect(groups).toEqual([
        expect.objectContaining({
          node_group_name_prefix: "general-",
          capacity_type: "ON_DEMAND",
          scaling_config: { min_size: 2, max_size: 4, desired_size: 2 },
          update_config: { max_unavailable_percentage: 33 },
          lifecycle: expect.objectContaining({ create_before_destroy: true }),
        }),
      ]);
      expect(groups[0]).not.toHaveProperty("labels");
      expect(groups[0]).not.toHaveProperty("taint");
      expect(cluster.nodeGroups.has("general")).toBe(true);
    });
  });

  describe("importing it", () => {
    it("exposes the app's builder, the loader and the policy engine", () => {
      expect(typeof landingZone.buildApp).toBe("function");
      expect(typeof landingZone.loadOrgFile).toBe("function");
      expect(typeof landingZone.policy.runPolicy).toBe("function");
    });

    it("synthesizes nothing, unlike main.ts: no output folder appears", () => {
      const cwd = mkdtempSync(join(tmpdir(), "lz-import-"));
      try {
        execFileSync(process.execPath, ["--require", require.resolve("tsx/cjs"), "-e", `require(${JSON.stringify(join(__dirname, "..", "src"))})`], { cwd, stdio: "pipe" });
        expect(readdirSync(cwd)).toEqual([]);
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    });
  });
});
