import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing, TerraformStack } from "cdktf";
import { buildApp } from "../../src/app";
import { eventRuleArn, iamRoleArn, loadOrgFile, logGroupArn, s3BucketArn, snsTopicArn, sqsQueueArn } from "../../src/model";
import type { TfJson } from "../../src/policy/types";
import { documentsKnownAfterApply, namedArns, unorderedPrincipals } from "../../test-helpers/policy-arns";

describe("ARNs built from names", () => {
  it("gives an IAM role its ARN without region, with its path", () => {
    expect(iamRoleArn("aws", "111111111111", "acme-dev-eks-cluster")).toBe("arn:aws:iam::111111111111:role/acme-dev-eks-cluster");
    expect(iamRoleArn("aws-us-gov", "111111111111", "ci", "/deploy/")).toBe("arn:aws-us-gov:iam::111111111111:role/deploy/ci");
  });

  it("gives a log group the ARN without the `:*` of its streams", () => {
    expect(logGroupArn("aws-cn", "cn-north-1", "111111111111", "/aws/vpc/acme-dev/flow-logs")).toBe("arn:aws-cn:logs:cn-north-1:111111111111:log-group:/aws/vpc/acme-dev/flow-logs");
  });

  it("gives topics, queues and default-bus rules their regional ARNs", () => {
    expect(snsTopicArn("aws", "eu-west-1", "111111111111", "acme-dev-alerts")).toBe("arn:aws:sns:eu-west-1:111111111111:acme-dev-alerts");
    expect(sqsQueueArn("aws", "eu-west-1", "111111111111", "acme-dev")).toBe("arn:aws:sqs:eu-west-1:111111111111:acme-dev");
    expect(eventRuleArn("aws", "eu-west-1", "111111111111", "acme-dev-karpenter-rebalance")).toBe("arn:aws:events:eu-west-1:111111111111:rule/acme-dev-karpenter-rebalance");
  });

  it("gives a bucket a global ARN, without region or account", () => {
    expect(s3BucketArn("aws", "acme-terraform-state")).toBe("arn:aws:s3:::acme-terraform-state");
  });
});

describe("the default organization's policy documents", () => {
  const org = loadOrgFile();
  const app = Testing.app();
  buildApp(app, org);
  const stacks = app.node.children
    .filter((c): c is TerraformStack => c instanceof TerraformStack)
    .map((s) => ({ name: s.node.id, json: JSON.parse(Testing.synth(s)) as TfJson }));

  it("name each resource of their own stack by the ARN that resource will have", () => {
    const named = stacks.flatMap((s) => namedArns(s.json, s.name).map((n) => ({ stack: s.name, ...n })));
    expect(named.filter((n) => n.literal !== n.expected)).toEqual([]);
    // The documents made static: the cluster role in the secrets-key policy, the flow-log group,
    // the alert topic, Karpenter's queue, rules and node role, the VPN and state log buckets.
    const byResource = new Set(named.map((n) => `${n.stack} ${n.document} ${n.resource}`));
    for (const env of ["development", "production"]) {
      expect(byResource).toContain(`${env} data.aws_iam_policy_document.eks_secrets-key-policy aws_iam_role.eks_cluster-role`);
      expect(byResource).toContain(`${env} data.aws_iam_policy_document.eks_karpenter_interruption-queue-policy-document aws_cloudwatch_event_rule.eks_karpenter_interruption-rebalance`);
      expect(byResource).toContain(`${env} aws_iam_policy.eks_karpenter_controller-IAMIntegration.policy aws_iam_role.eks_karpenter_node-role`);
      expect(byResource).toContain(`${env} aws_iam_policy.eks_karpenter_controller-Interruption.policy aws_sqs_queue.eks_karpenter_interruption-queue`);
    }
    for (const env of ["development", "management", "production"]) {
      expect(byResource).toContain(`${env} data.aws_iam_policy_document.network_flow-logs_permissions aws_cloudwatch_log_group.network_flow-logs_log-group`);
      expect(byResource).toContain(`${env} data.aws_iam_policy_document.observability_alert-topic_topic-policy-document aws_sns_topic.observability_alert-topic_topic`);
    }
    expect(byResource).toContain("management data.aws_iam_policy_document.vpn_backups_policy-document aws_s3_bucket.vpn_backups_bucket");
    expect(byResource).toContain("state data.aws_iam_policy_document.access-log-bucket_policy-document aws_s3_bucket.access-log-bucket_bucket");
  });

  it("are put only once every role of their stack they name as principal exists", () => {
    expect(stacks.flatMap((s) => unorderedPrincipals(s.json, s.name))).toEqual([]);
  });

  it("are known on a first plan, except those naming an OIDC provider or a KMS key, whose ARNs AWS picks", () => {
    const unknown = stacks.flatMap((s) => documentsKnownAfterApply(s.json, s.name).map((d) => ({ stack: s.name, ...d })));
    // A document with such a reference stays unknown whatever else it names; one without is a miss.
    expect(unknown.filter((d) => !d.references.some((r) => /^aws_(iam_openid_connect_provider|kms_key)$/.test(r)))).toEqual([]);
    // What stays unknown, per stack: the five IRSA trust policies of each cluster (the issuer and
    // provider ARN of a cluster not yet created), the VPN role's access to its backup key, and in
    // the state stack the seven stacks' backend-role access to the state key and the state bucket
    // policy (the key's ARN and id).
    const count = (stack: string) => unknown.filter((d) => d.stack === stack).length;
    expect(Object.fromEntries(stacks.map((s) => [s.name, count(s.name)]))).toEqual({
      state: 8,
      management: 1,
      production: 5,
      development: 5,
      dns: 0,
      peering: 0,
      "production-platform": 0,
      "development-platform": 0,
    });
  });
});

describe("unorderedPrincipals", () => {
  const stackWith = (dependsOnRole: boolean) => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "s");
    new AwsProvider(stack, "aws", { region: "us-east-1", allowedAccountIds: ["111111111111"] });
    const role = new IamRole(stack, "role", { name: "user", assumeRolePolicy: "{}" });
    new KmsKey(stack, "key", {
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/user" }, Action: "kms:Decrypt", Resource: "*" }],
      }),
      dependsOn: dependsOnRole ? [role] : undefined,
    });
    return JSON.parse(Testing.synth(stack)) as TfJson;
  };

  it("reports a key policy that names a role of the stack without waiting for it", () => {
    expect(unorderedPrincipals(stackWith(false))).toEqual([{ consumer: "aws_kms_key.key", principal: "arn:aws:iam::111111111111:role/user", role: "aws_iam_role.role" }]);
  });

  it("accepts it once the key depends on the role", () => {
    expect(unorderedPrincipals(stackWith(true))).toEqual([]);
  });
});
