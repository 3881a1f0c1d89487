import { Testing } from "cdktf";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { environmentByName } from "../../model/org";
import { KARPENTER_CHART } from "../../platform/charts";
import { resourceCounts } from "../../testing";
import { loadChanged } from "../../../test-helpers/model-fixtures";
import { describeChart } from "../../../test-helpers/shared-charts";
import { isIntrinsic, templateResources } from "../../../test-helpers/karpenter-template";
import { INTERRUPTION_EVENTS } from "./karpenter-aws";
import { ec2NodeClassSpec } from "./node-pools";

type Json = { resource: Record<string, Record<string, any>>; data: Record<string, Record<string, any>>; output: Record<string, any> };

/** The `<env>` stack of `name` in the default organization, synthesized. */
function synthEnvironment(name: string, change: (file: any) => void = () => undefined): Json {
  const org = loadChanged(change);
  const app = Testing.app();
  const stack = new EnvironmentStack(app, name, { org, environment: environmentByName(org, name) });
  return JSON.parse(Testing.synth(stack));
}

/** The resources of `type` under Karpenter's construct (other constructs, such as the GuardDuty findings rule, share types). */
const karpenters = (json: Json, type: string) => Object.entries(json.resource[type] ?? {}).filter(([id]) => id.startsWith("eks_karpenter_")).map(([, r]) => r);

const only = (json: Json, type: string) => {
  const all = Object.values(json.resource[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0];
};

describe("KarpenterAws", () => {
  describe("in the production stack of the default organization", () => {
    const json = synthEnvironment("production");

    it("creates the controller's IRSA role, trusted by karpenter/karpenter only", () => {
      const role = Object.values(json.resource.aws_iam_role).find((r: any) => r.name === "acme-production-irsa-karpenter");
      expect(role).toMatchObject({ name: "acme-production-irsa-karpenter" });
      const trust = Object.entries(json.data.aws_iam_policy_document).find(([id]) => id.includes("irsa-karpenter_trust"))![1];
      expect(JSON.stringify(trust.statement[0].condition)).toContain("system:serviceaccount:karpenter:karpenter");
    });

    it("attaches five managed policies to the controller, one per upstream policy but ZonalShift (no spot pool, so no spot policy)", () => {
      const policies = Object.values(json.resource.aws_iam_policy) as { name: string }[];
      expect(policies.map((p) => p.name).sort()).toEqual(
        ["EKSIntegration", "IAMIntegration", "Interruption", "NodeLifecycle", "ResourceDiscovery"].map((n) => `acme-production-irsa-karpenter-${n}`),
      );
      const attachments = Object.entries(json.resource.aws_iam_role_policy_attachment).filter(([id]) => id.startsWith("eks_karpenter_controller-"));
      expect(attachments).toHaveLength(5);
    });

    it("gives the node role worker, ECR pull-only and SSM core, and lets it join through an EC2_LINUX access entry", () => {
      const nodeRole = Object.values(json.resource.aws_iam_role).find((r: any) => r.name === "acme-production-karpenter-node");
      expect(nodeRole).toBeDefined();
      const arns = Object.entries(json.resource.aws_iam_role_policy_attachment)
        .filter(([id]) => id.startsWith("eks_karpenter_node-role-"))
        .map(([, a]: [string, any]) => a.policy_arn);
      expect(arns.sort()).toEqual(
        ["AmazonEC2ContainerRegistryPullOnly", "AmazonEKSWorkerNodePolicy", "AmazonSSMManagedInstanceCore"].map((p) => `arn:aws:iam::aws:policy/${p}`),
      );
      const entries = Object.values(json.resource.aws_eks_access_entry).filter((e: any) => e.type === "EC2_LINUX");
      expect(entries).toEqual([expect.objectContaining({ principal_arn: expect.stringContaining("aws_iam_role.eks_karpenter_node-role") })]);
    });

    it("creates the interruption queue encrypted with SQS-managed keys, keeping messages 300 s", () => {
      expect(only(json, "aws_sqs_queue")).toMatchObject({ name: "acme-production", sqs_managed_sse_enabled: true, message_retention_seconds: 300 });
    });

    it("admits only EventBridge, for its own rules, and refuses requests without TLS", () => {
      const doc = Object.entries(json.data.aws_iam_policy_document).find(([id]) => id.includes("interruption-queue-policy-document"))![1];
      const [send, deny] = doc.statement;
      expect(send).toMatchObject({ effect: "Allow", actions: ["sqs:SendMessage"], principals: [{ type: "Service", identifiers: ["events.amazonaws.com"] }] });
      expect(send.condition[0].values).toHaveLength(INTERRUPTION_EVENTS.length);
      expect(deny).toMatchObject({ effect: "Deny", actions: ["sqs:*"], condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }] });
    });

    it("names the queue, its rules and the node role by the ARNs AWS gives them, so their policies are known on a first plan", () => {
      const doc = Object.entries(json.data.aws_iam_policy_document).find(([id]) => id.includes("interruption-queue-policy-document"))![1];
      const queueArn = "arn:aws:sqs:us-east-1:222222222222:acme-production";
      expect(doc.statement.map((st: { resources: string[] }) => st.resources)).toEqual([[queueArn], [queueArn]]);
      const rules = karpenters(json, "aws_cloudwatch_event_rule") as { name: string }[];
      expect(doc.statement[0].condition[0]).toMatchObject({ test: "ArnEquals", variable: "aws:SourceArn" });
      expect([...doc.statement[0].condition[0].values].sort()).toEqual(rules.map((r) => `arn:aws:events:us-east-1:222222222222:rule/${r.name}`).sort());
      const policy = (name: string) => JSON.parse((Object.values(json.resource.aws_iam_policy) as { name: string; policy: string }[]).find((p) => p.name.endsWith(name))!.policy);
      expect(policy("-Interruption").Statement[0].Resource).toBe(queueArn);
      expect(policy("-IAMIntegration").Statement.find((st: { Sid: string }) => st.Sid === "AllowPassingInstanceRole").Resource).toBe(
        "arn:aws:iam::222222222222:role/acme-production-karpenter-node",
      );
    });

    it("forwards each of the five interruption events to the queue", () => {
      const rules = karpenters(json, "aws_cloudwatch_event_rule") as { name: string; event_pattern: string }[];
      expect(rules.map((r) => JSON.parse(r.event_pattern)["detail-type"][0]).sort()).toEqual(INTERRUPTION_EVENTS.map((e) => e.detailType).sort());
      for (const rule of rules) expect(rule.name.length).toBeLessThanOrEqual(64);
      const targets = karpenters(json, "aws_cloudwatch_event_target") as { arn: string }[];
      expect(targets).toHaveLength(5);
      for (const t of targets) expect(t.arn).toBe("${aws_sqs_queue.eks_karpenter_interruption-queue.arn}");
    });

    it("tags the node security group, where the managed nodes run, for Karpenter's discovery, and no other group", () => {
      const groups = Object.entries(json.resource.aws_security_group).filter(([, g]: [string, any]) => "karpenter.sh/discovery" in (g.tags ?? {}));
      expect(groups.map(([id]) => id)).toEqual(["eks_node-security-group_security-group"]);
      expect(groups[0][1].tags["karpenter.sh/discovery"]).toBe("acme-production");
    });

    it("is what the EC2NodeClass's security-group selector finds: the node security group, the one the launch templates name, and no other group", () => {
      const spec = ec2NodeClassSpec({ clusterName: "acme-production", nodeRoleName: "acme-production-karpenter-node", amiAlias: "al2023@latest", diskSizeGiB: 50 });
      const selected = Object.entries(json.resource.aws_security_group)
        .filter(([, g]: [string, any]) => spec.securityGroupSelectorTerms.some((term) => Object.entries(term.tags).every(([k, v]) => g.tags?.[k] === v)))
        .map(([id]) => id);
      expect(selected).toEqual(["eks_node-security-group_security-group"]);
      const templates = Object.values(json.resource.aws_launch_template) as { vpc_security_group_ids?: string[] }[];
      for (const t of templates.filter((t) => t.vpc_security_group_ids)) expect(t.vpc_security_group_ids).toEqual([`\${aws_security_group.${selected[0]}.id}`]);
    });

    it("no longer tags the cluster security group EKS creates (no aws_ec2_tag at all)", () => {
      expect(json.resource.aws_ec2_tag).toBeUndefined();
    });

    it("outputs the role, the node role's name and the queue's name for the platform stack", () => {
      expect(Object.keys(json.output)).toEqual(expect.arrayContaining(["karpenter-role-arn", "karpenter-node-role-name", "karpenter-interruption-queue-name"]));
    });

    it("counts exactly what the design says", () => {
      const counts = (type: string) => karpenters(json, type).length;
      expect(Object.fromEntries(["aws_iam_policy", "aws_sqs_queue", "aws_sqs_queue_policy", "aws_cloudwatch_event_rule", "aws_cloudwatch_event_target"].map((t) => [t, counts(t)]))).toEqual({
        aws_iam_policy: 5,
        aws_sqs_queue: 1,
        aws_sqs_queue_policy: 1,
        aws_cloudwatch_event_rule: 5,
        aws_cloudwatch_event_target: 5,
      });
      // No other construct of the stack has a policy or queue.
      expect(resourceCounts(JSON.stringify(json))).toMatchObject({ aws_iam_policy: 5, aws_sqs_queue: 1 });
    });
  });

  describe("in the development stack, whose default pool allows spot", () => {
    const json = synthEnvironment("development");

    it("also lets the controller create the account's spot service-linked role, and nothing else with it", () => {
      const spot = Object.values(json.resource.aws_iam_policy).find((p: any) => p.name === "acme-development-irsa-karpenter-SpotServiceLinkedRole") as { policy: string };
      expect(JSON.parse(spot.policy).Statement).toEqual([
        {
          Sid: "AllowSpotServiceLinkedRoleCreation",
          Effect: "Allow",
          Resource: "arn:aws:iam::333333333333:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot",
          Action: "iam:CreateServiceLinkedRole",
          Condition: { StringEquals: { "iam:AWSServiceName": "spot.amazonaws.com" } },
        },
      ]);
      expect(Object.keys(json.resource.aws_iam_policy)).toHaveLength(6);
    });
  });

  describe("with autoscaling cluster-autoscaler or none", () => {
    it.each(["cluster-autoscaler", "none"])("creates nothing of Karpenter's (%s)", (mode) => {
      const json = synthEnvironment("development", (f) => (f.environments.development.eks.autoscaling = mode));
      expect(json.resource.aws_sqs_queue).toBeUndefined();
      expect(Object.values(json.resource.aws_subnet).some((s: any) => "karpenter.sh/discovery" in s.tags)).toBe(false);
      expect(Object.values(json.resource.aws_security_group).some((g: any) => "karpenter.sh/discovery" in (g.tags ?? {}))).toBe(false);
    });
  });
});

describeChart(KARPENTER_CHART, "KarpenterAws against the 1.14.1 cloudformation.yaml", (dir) => {
  const resources = templateResources(dir);
  const json = synthEnvironment("development");

  it("forwards exactly the template's events", () => {
    const theirs = Object.values(resources)
      .filter((r) => r.Type === "AWS::Events::Rule")
      .map((r) => r.Properties.EventPattern as { source: string[]; "detail-type": string[] })
      .map((p) => JSON.stringify({ source: p.source, "detail-type": p["detail-type"] }))
      .sort();
    const ours = (karpenters(json, "aws_cloudwatch_event_rule") as { event_pattern: string }[]).map((r) => r.event_pattern).sort();
    expect(ours).toEqual(theirs);
  });

  it("keeps the template's queue settings", () => {
    const queue = resources.KarpenterInterruptionQueue.Properties;
    expect(isIntrinsic(queue.QueueName) && queue.QueueName.value).toBe("${ClusterName}");
    expect(only(json, "aws_sqs_queue")).toMatchObject({
      name: "acme-development",
      message_retention_seconds: queue.MessageRetentionPeriod,
      sqs_managed_sse_enabled: queue.SqsManagedSseEnabled,
    });
  });
});
