import { KARPENTER_CHART } from "../../platform/charts";
import { isUnscopable } from "../../policy/rules/iam-rules";
import { describeChart } from "../../../test-helpers/shared-charts";
import { isIntrinsic, substitute, templateResources } from "../../../test-helpers/karpenter-template";
import { KARPENTER_CONTROLLER_POLICIES, KARPENTER_NODE_MANAGED_POLICIES, karpenterControllerPolicies, type IamPolicyDocument, type IamStatement } from "./iam-policy";

const scope = {
  partition: "aws",
  region: "us-east-1",
  accountId: "222222222222",
  clusterName: "acme-production",
  nodeRoleArn: "arn:aws:iam::222222222222:role/acme-production-karpenter-node",
  queueArn: "arn:aws:sqs:us-east-1:222222222222:acme-production",
};
const ours = karpenterControllerPolicies(scope);

describe("karpenterControllerPolicies", () => {
  it("names the cluster's account in every ARN, never another or any account", () => {
    const arns = Object.values(ours).flatMap((d) => d.Statement.flatMap((s) => [s.Resource].flat())).filter((r) => r !== "*");
    expect(arns.length).toBeGreaterThan(10);
    for (const arn of arns) expect(arn).toMatch(/^arn:aws:[a-z0-9-]+:(us-east-1)?:(222222222222)?:/);
  });

  it("keeps Resource \"*\" only for actions that take no resource (CKV_AWS_355)", () => {
    const starred = Object.values(ours).flatMap((d) => d.Statement.filter((s) => s.Resource === "*"));
    expect(starred.map((s) => s.Sid)).toEqual(["AllowRegionalReadActions", "AllowPricingReadActions", "AllowUnscopedInstanceProfileListAction"]);
    for (const s of starred) expect([s.Action].flat().filter((a) => !isUnscopable(a))).toEqual([]);
  });

  it("lets Karpenter pass only its node role, and only to EC2", () => {
    const pass = ours.IAMIntegration.Statement.find((s) => [s.Action].flat().includes("iam:PassRole"))!;
    expect(pass.Resource).toBe(scope.nodeRoleArn);
    expect(pass.Condition).toEqual({ StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"] } });
  });

  it("reads and deletes messages of its own queue only", () => {
    expect(ours.Interruption.Statement).toEqual([
      { Sid: "AllowInterruptionQueueActions", Effect: "Allow", Resource: scope.queueArn, Action: ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"] },
    ]);
  });
});

describeChart(KARPENTER_CHART, "karpenterControllerPolicies against the 1.14.1 cloudformation.yaml", (dir) => {
  const resources = templateResources(dir);
  /** The template's policy documents for this cluster, with the project's one documented narrowing applied. */
  const upstream: Record<string, IamPolicyDocument> = {};
  for (const resource of Object.values(resources)) {
    if (resource.Type !== "AWS::IAM::ManagedPolicy") continue;
    const name = resource.Properties.ManagedPolicyName as { value: string };
    const document = resource.Properties.PolicyDocument;
    if (!isIntrinsic(document)) throw new Error("expected a !Sub policy document");
    const text = substitute(document.value, {
      "AWS::Partition": scope.partition,
      "AWS::Region": scope.region,
      "AWS::AccountId": scope.accountId,
      ClusterName: scope.clusterName,
      "KarpenterNodeRole.Arn": scope.nodeRoleArn,
      "KarpenterInterruptionQueue.Arn": scope.queueArn,
    });
    const key = /^KarpenterController(\w+)Policy-/.exec(substitute(name.value, { ClusterName: scope.clusterName }))![1];
    // The one narrowing: ARNs open to any account ("arn:aws:ec2:us-east-1:*:subnet/*") name the cluster's.
    upstream[key] = JSON.parse(text.replace(/(arn:aws:[a-z0-9-]+:us-east-1):\*:/g, `$1:${scope.accountId}:`));
  }

  it("reads the template's six controller policies", () => {
    expect(Object.keys(upstream).sort()).toEqual(["EKSIntegration", "IAMIntegration", "Interruption", "NodeLifecycle", "ResourceDiscovery", "ZonalShift"]);
  });

  it("has every template policy but ZonalShift, which is off in the values (settings.enableZonalShift false)", () => {
    expect([...KARPENTER_CONTROLLER_POLICIES].sort()).toEqual(Object.keys(upstream).filter((k) => k !== "ZonalShift").sort());
  });

  describe.each([...KARPENTER_CONTROLLER_POLICIES])("policy %s", (name) => {
    const theirs = () => upstream[name].Statement;

    it("has the template's statements, by Sid, in its order", () => {
      expect(ours[name].Statement.map((s) => s.Sid)).toEqual(theirs().map((s) => s.Sid));
    });

    it.each(upstream[name]?.Statement.map((s: IamStatement) => [s.Sid]) ?? [])("statement %s equals the template's, scoped to the cluster's account", (sid) => {
      const mine = ours[name].Statement.find((s) => s.Sid === sid);
      expect(mine).toEqual(theirs().find((s) => s.Sid === sid));
    });
  });

  it("gives the node role the template's managed policies except the CNI policy (the VPC CNI has its own IRSA role)", () => {
    const nodeRole = resources.KarpenterNodeRole.Properties;
    const names = (nodeRole.ManagedPolicyArns as { value: string }[]).map((p) => p.value.replace("arn:${AWS::Partition}:iam::aws:policy/", ""));
    expect(names.filter((n) => n !== "AmazonEKS_CNI_Policy")).toEqual([...KARPENTER_NODE_MANAGED_POLICIES]);
  });
});
