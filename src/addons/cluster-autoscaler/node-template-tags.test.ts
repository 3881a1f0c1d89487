import { AutoscalingGroupTagA } from "@cdktf/provider-aws/lib/autoscaling-group-tag";
import { Testing } from "cdktf";
import { NodeTemplateTags, nodeTemplateTags } from "./node-template-tags";

describe("nodeTemplateTags", () => {
  it("describes each label and taint as the Cluster Autoscaler's node-template tags", () => {
    expect(
      nodeTemplateTags({
        labels: { workload: "batch", "example.com/team": "data" },
        taints: [
          { key: "dedicated", value: "batch", effect: "NoSchedule" },
          { key: "spot", effect: "PreferNoSchedule" },
        ],
      }),
    ).toEqual({
      "k8s.io/cluster-autoscaler/node-template/label/workload": "batch",
      "k8s.io/cluster-autoscaler/node-template/label/example.com/team": "data",
      "k8s.io/cluster-autoscaler/node-template/taint/dedicated": "batch:NoSchedule",
      "k8s.io/cluster-autoscaler/node-template/taint/spot": ":PreferNoSchedule",
    });
  });
});

describe("NodeTemplateTags", () => {
  it("tags the Auto Scaling group itself, one resource per key, not propagated to instances", () => {
    const text = Testing.synthScope(
      (scope) => new NodeTemplateTags(scope, "tags", { autoscalingGroupName: "eks-batch-1234", labels: { workload: "batch" }, taints: [{ key: "dedicated", value: "batch", effect: "NoSchedule" }] }),
    );
    const tags = JSON.parse(text).resource[AutoscalingGroupTagA.tfResourceType];
    const ids = Object.keys(tags).sort();
    expect(ids).toEqual([expect.stringMatching(/^tags_label-workload(_[A-F0-9]+)?$/), expect.stringMatching(/^tags_taint-dedicated(_[A-F0-9]+)?$/)]);
    expect(tags[ids[1]]).toEqual({
      autoscaling_group_name: "eks-batch-1234",
      tag: { key: "k8s.io/cluster-autoscaler/node-template/taint/dedicated", value: "batch:NoSchedule", propagate_at_launch: false },
    });
  });

  it("refuses two keys that map to one id", () => {
    expect(() => Testing.synthScope((scope) => new NodeTemplateTags(scope, "tags", { autoscalingGroupName: "g", labels: { "a.b": "1", "a-b": "2" } }))).toThrow(
      /tags: tags k8s\.io\/cluster-autoscaler\/node-template\/label\/a\.b and k8s\.io\/cluster-autoscaler\/node-template\/label\/a-b map to one id \(label-a-b\); rename one label or taint key/,
    );
  });
});
