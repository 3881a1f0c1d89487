import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describeChart } from "../../../test-helpers/shared-charts";
import { AWS_LOAD_BALANCER_CONTROLLER_CHART } from "../../platform/charts";
import {
  AWS_LOAD_BALANCER_CONTROLLER_PARTITIONS,
  awsLoadBalancerControllerPolicyStatements,
  isAwsLoadBalancerControllerPartition,
} from "./iam-policy";

/** A statement of an IAM policy JSON document, as upstream writes it. */
interface JsonStatement {
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * One statement as a canonical string: effect, sorted actions, sorted resources, and the
 * conditions as a sorted set of `test variable [sorted values]`. Sids are dropped (upstream has none).
 */
function canonical(effect: string, actions: string[], resources: string[], conditions: { test: string; variable: string; values: string[] }[]): string {
  return JSON.stringify({
    effect,
    actions: [...actions].sort(),
    resources: [...resources].sort(),
    conditions: conditions.map((c) => `${c.test} ${c.variable} ${JSON.stringify([...c.values].sort())}`).sort(),
  });
}

function fromJson(s: JsonStatement): string {
  const conditions = Object.entries(s.Condition ?? {}).flatMap(([test, vars]) =>
    Object.entries(vars).map(([variable, values]) => ({ test, variable, values: list(values) })),
  );
  return canonical(s.Effect, list(s.Action), list(s.Resource), conditions);
}

function fromTyped(s: DataAwsIamPolicyDocumentStatement): string {
  const conditions = ((s.condition ?? []) as { test: string; variable: string; values: string[] }[]).map((c) => ({ ...c }));
  return canonical(s.effect ?? "Allow", s.actions ?? [], s.resources ?? [], conditions);
}

/** The statements as a sorted list of canonical strings: equal lists mean equal sets (and no duplicates on one side only). */
const asSet = (canonicals: string[]) => [...canonicals].sort();

function upstream(dir: string, file: string): string[] {
  const doc = JSON.parse(readFileSync(join(dir, file), "utf8")) as { Version: string; Statement: JsonStatement[] };
  expect(doc.Version).toBe("2012-10-17");
  return asSet(doc.Statement.map(fromJson));
}

describeChart(AWS_LOAD_BALANCER_CONTROLLER_CHART, "awsLoadBalancerControllerPolicyStatements against the 3.5.0 reference policies", (dir) => {
  it.each([
    ["aws", "iam_policy.json"],
    ["aws-us-gov", "iam_policy_us-gov.json"],
  ] as const)("equals upstream's policy for partition %s (%s) as a set of statements", (partition, file) => {
    const ours = asSet(awsLoadBalancerControllerPolicyStatements(partition).map(fromTyped));
    expect(ours).toEqual(upstream(dir, file));
  });

  it("keeps upstream's 16 statements and 80 distinct actions", () => {
    const statements = awsLoadBalancerControllerPolicyStatements("aws");
    expect(statements).toHaveLength(16);
    expect(new Set(statements.flatMap((s) => s.actions ?? [])).size).toBe(80);
  });

  it("fails the comparison when one action is missing", () => {
    const statements = awsLoadBalancerControllerPolicyStatements("aws");
    const trimmed = statements.map((s) =>
      s.sid === "ChangeOwnSecurityGroups" ? { ...s, actions: (s.actions ?? []).filter((a) => a !== "ec2:DeleteSecurityGroup") } : s,
    );
    expect(asSet(trimmed.map(fromTyped))).not.toEqual(upstream(dir, "iam_policy.json"));
  });

  it("fails the comparison when a tag condition is dropped", () => {
    const statements = awsLoadBalancerControllerPolicyStatements("aws");
    const loosened = statements.map((s) => (s.sid === "CreateTaggedLoadBalancers" ? { ...s, condition: [] } : s));
    expect(asSet(loosened.map(fromTyped))).not.toEqual(upstream(dir, "iam_policy.json"));
  });
});

describe("awsLoadBalancerControllerPolicyStatements", () => {
  describe("in any supported partition", () => {
    it.each(AWS_LOAD_BALANCER_CONTROLLER_PARTITIONS)("writes every ARN of %s in that partition", (partition) => {
      const arns = awsLoadBalancerControllerPolicyStatements(partition)
        .flatMap((s) => s.resources ?? [])
        .filter((r) => r !== "*");
      expect(arns).toHaveLength(13);
      expect(arns.every((arn) => arn.startsWith(`arn:${partition}:`))).toBe(true);
    });

    it("gives every statement a distinct sid", () => {
      const sids = awsLoadBalancerControllerPolicyStatements("aws").map((s) => s.sid);
      expect(new Set(sids).size).toBe(sids.length);
    });

    it("requires the cluster tag on every load balancer and target group it creates", () => {
      const create = awsLoadBalancerControllerPolicyStatements("aws").find((s) => s.actions?.includes("elasticloadbalancing:CreateLoadBalancer"));
      expect(create?.condition).toEqual([{ test: "Null", variable: "aws:RequestTag/elbv2.k8s.aws/cluster", values: ["false"] }]);
    });
  });
});

describe("isAwsLoadBalancerControllerPartition", () => {
  it("accepts the partitions whose upstream policy is the aws one with another partition", () => {
    expect(["aws", "aws-us-gov", "aws-cn", "aws-eusc"].every(isAwsLoadBalancerControllerPartition)).toBe(true);
  });

  it("refuses the ISO partitions, whose upstream policies differ", () => {
    expect(["aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f"].some(isAwsLoadBalancerControllerPartition)).toBe(false);
  });
});
