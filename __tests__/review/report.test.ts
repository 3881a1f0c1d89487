import { buildReport, type ReviewInput } from "../../src/review/report";
import { change, ingressRule, planOf, policy, unknownTrustPolicyPlan } from "../../test-helpers/plan-fixtures";

const edited = planOf([
  change(
    "aws_eks_node_group.eks_node-group-general_node-group",
    ["create", "delete"],
    { before: { instance_types: ["t3.large"] }, after: { instance_types: ["m6i.large"] }, replace_paths: [["instance_types"]] },
    { action_reason: "replace_because_cannot_update" },
  ),
  change("aws_vpc_security_group_ingress_rule.eks_api-from-vpn", ["update"], { before: ingressRule("10.0.0.0/16", 443), after: ingressRule("0.0.0.0/0", 443) }),
  change("aws_iam_role_policy.worker", ["create"], { after: { policy: policy({ Sid: "Send", Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:222222222222:q" }) } }),
]);

const input: ReviewInput = {
  title: "acme (edited.yaml)",
  stacks: [
    { name: "state", plan: planOf([]), lifecycles: new Map() },
    { name: "production", plan: edited, lifecycles: new Map() },
    { name: "development", plan: unknownTrustPolicyPlan() },
  ],
  notPlanned: [{ name: "peering", reason: "reads other stacks' outputs through terraform_remote_state" }],
  notes: ["Offline plans."],
};

describe("buildReport", () => {
  const report = buildReport(input);

  it("starts with the summary table in the given deploy order, counts per stack, and the stacks not planned", () => {
    expect(report).toContain("| # | stack | create | update | replace | destroy | read | forget | security findings |");
    expect(report).toContain("| 1 | [state](#stack-state) | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
    expect(report).toContain("| 2 | [production](#stack-production) | 1 | 1 | 1 | 0 | 0 | 0 | 3 |");
    expect(report).toContain("- `peering`: reads other stacks' outputs through terraform_remote_state");
    expect(report.indexOf("## Stack state")).toBeLessThan(report.indexOf("## Stack production"));
  });

  it("lists the replacement with the attribute forcing it", () => {
    expect(report).toContain(
      "- **replace** `aws_eks_node_group.eks_node-group-general_node-group` (create-before-destroy): an attribute that cannot be updated in place changes\n" +
        '  - forced by `instance_types: ["t3.large"] -> ["m6i.large"]`',
    );
  });

  it("calls out the widened rule with its CIDR before and after, and the internet exposure it opens", () => {
    expect(report).toContain("| **widened** from 10.0.0.0/16 tcp 443: 0.0.0.0/0 beyond 10.0.0.0/16 | security group | ingress | allow | 0.0.0.0/0 | tcp | 443 |");
    expect(report).toContain("- `aws_vpc_security_group_ingress_rule.eks_api-from-vpn`: security group ingress from 0.0.0.0/0 on tcp 443 (widened)");
  });

  it("shows the added IAM statement as a readable statement, not as escaped JSON", () => {
    expect(report).toContain("- `aws_iam_role_policy.worker` inline policy (`policy`), added:\n  - **Allow** (Send)\n    - Action: `sqs:SendMessage`");
    expect(report).not.toContain('\\"');
  });

  it("renders a trust policy only known after apply from its configuration, never as 'known after apply' alone", () => {
    expect(report).toContain("only known after apply; statements from the configuration of data.aws_iam_policy_document.eks_irsa-ebs-csi_trust");
    expect(report).toContain("    - Principal: `Federated: ‹aws_iam_openid_connect_provider.eks_oidc-provider.arn›`");
  });

  it("says prevent_destroy was not checked for a stack without lifecycles", () => {
    const dev = report.slice(report.indexOf("## Stack development"));
    expect(dev).toContain("_prevent_destroy not checked");
    expect(report.slice(0, report.indexOf("## Stack development"))).not.toContain("_prevent_destroy not checked");
  });

  it("puts extra sections (the hook for a picture) after the summary, and leaves out the ones that return nothing", () => {
    const withExtra = buildReport(input, [(i) => `## Picture\n\n${i.stacks.length} stacks`, () => undefined]);
    expect(withExtra.indexOf("## Picture\n\n3 stacks")).toBeGreaterThan(withExtra.indexOf("## Summary"));
    expect(withExtra.indexOf("## Picture")).toBeLessThan(withExtra.indexOf("## Stack state"));
  });
});
