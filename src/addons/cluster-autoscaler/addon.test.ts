import { Testing, TerraformStack } from "cdktf";
import { buildApp } from "../../app";
import { environmentByName } from "../../model/org";
import { runPolicy, type SynthesizedStack } from "../../policy/engine";
import { loadExceptionsFile } from "../../policy/exceptions";
import { policyOptionsFor } from "../../policy/org-options";
import { loadChanged } from "../../../test-helpers/model-fixtures";
import { clusterAutoscalerAddon } from "./addon";

/** The default organization with development on the Cluster Autoscaler and a labelled, tainted second group. */
const org = loadChanged((f) => {
  const eks = f.environments.development.eks;
  eks.autoscaling = "cluster-autoscaler";
  eks.nodeGroups.push({ name: "batch", instanceTypes: ["c6i.xlarge"], min: 0, max: 5, labels: { workload: "batch" }, taints: [{ key: "dedicated", value: "batch", effect: "NoSchedule" }] });
});
const app = Testing.app();
buildApp(app, org);
const stacks: SynthesizedStack[] = app.node.children
  .filter((c): c is TerraformStack => c instanceof TerraformStack)
  .map((s) => ({ name: s.node.id, json: Testing.synth(s) }));
const json = (name: string) => JSON.parse(stacks.find((s) => s.name === name)!.json as string);

describe("clusterAutoscalerAddon", () => {
  it("runs only where autoscaling is cluster-autoscaler", () => {
    expect(clusterAutoscalerAddon.isEnabled(environmentByName(org, "development"))).toBe(true);
    expect(clusterAutoscalerAddon.isEnabled(environmentByName(org, "production"))).toBe(false);
  });

  describe("its AWS side", () => {
    const development = json("development");

    it("creates the IRSA role for cluster-autoscaler/cluster-autoscaler with its scoped inline policy", () => {
      const role = Object.values(development.resource.aws_iam_role).find((r: any) => r.name === "acme-development-irsa-autoscaler");
      expect(role).toBeDefined();
      expect(Object.values(development.resource.aws_iam_role_policy).some((p: any) => p.name === "acme-development-irsa-autoscaler")).toBe(true);
    });

    it("tags only the labelled and tainted group's Auto Scaling group, from the node group's attributes", () => {
      const tags = Object.values(development.resource.aws_autoscaling_group_tag) as { autoscaling_group_name: string; tag: { key: string; value: string } }[];
      expect(tags.map((t) => [t.tag.key, t.tag.value])).toEqual([
        ["k8s.io/cluster-autoscaler/node-template/label/workload", "batch"],
        ["k8s.io/cluster-autoscaler/node-template/taint/dedicated", "batch:NoSchedule"],
      ]);
      for (const t of tags) expect(t.autoscaling_group_name).toMatch(/^\$\{aws_eks_node_group\.eks_node-group-batch_node-group\.resources\[0\]\.autoscaling_groups\[0\]\.name\}$/);
    });

    it("creates nothing of Karpenter's there", () => {
      expect(development.resource.aws_sqs_queue).toBeUndefined();
    });
  });

  describe("its cluster side", () => {
    it("installs the chart in development-platform and not Karpenter", () => {
      const names = Object.values(json("development-platform").resource.helm_release).map((r: any) => r.name);
      expect(names).toContain("cluster-autoscaler");
      expect(names).not.toContain("karpenter");
      expect(Object.values(json("production-platform").resource.helm_release).map((r: any) => r.name)).toContain("karpenter");
    });
  });

  it("keeps every stack of the organization passing the policy suite", () => {
    const report = runPolicy(stacks, { exceptions: loadExceptionsFile(), ...policyOptionsFor(org) });
    expect(report.findings.map((f) => `${f.ruleId} ${f.stack}/${f.address}: ${f.message}`)).toEqual([]);
  });
});
