import { parseDocument, placeholderText, policyChanges, statementLines, statementsFromConfiguration } from "../../src/review/policies";
import { change, planOf, policy, unknownTrustPolicyPlan } from "../../test-helpers/plan-fixtures";

const readQueue = { Sid: "Read", Effect: "Allow", Action: "sqs:ReceiveMessage", Resource: "arn:aws:sqs:us-east-1:222222222222:q" };
const sendAll = { Sid: "Send", Effect: "Allow", Action: ["sqs:SendMessage"], Resource: "*", Condition: { StringEquals: { "aws:SourceAccount": "222222222222" } } };

describe("parseDocument", () => {
  it("normalizes a statement: lists, principals by type, conditions by operator and key", () => {
    const [s] = parseDocument(policy({ Effect: "Allow", Principal: { Service: "eks.amazonaws.com", AWS: ["arn:aws:iam::1:root"] }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:SecureTransport": "true" } } }))!;
    expect(s).toEqual({ effect: "Allow", actions: ["sts:AssumeRole"], resources: [], principals: ["Service: eks.amazonaws.com", "AWS: arn:aws:iam::1:root"], conditions: ["Bool aws:SecureTransport = true"] });
  });

  it("returns undefined for text that is not a policy document", () => {
    expect(parseDocument("not json")).toBeUndefined();
    expect(parseDocument('{"a":1}')).toBeUndefined();
  });
});

describe("policyChanges", () => {
  it("shows the statement an update adds to an inline policy, not the ones it keeps", () => {
    const plan = planOf([change("aws_iam_role_policy.worker", ["update"], { before: { policy: policy(readQueue) }, after: { policy: policy(readQueue, sendAll) } })]);
    const [c] = policyChanges(plan);
    expect(c).toMatchObject({ address: "aws_iam_role_policy.worker", attribute: "policy", what: "inline policy", kind: "changed", removed: [] });
    expect(c.statements).toEqual([{ sid: "Send", effect: "Allow", actions: ["sqs:SendMessage"], resources: ["*"], principals: [], conditions: ["StringEquals aws:SourceAccount = 222222222222"] }]);
  });

  it("shows a statement removed from a key policy", () => {
    const plan = planOf([change("aws_kms_key.k", ["update"], { before: { policy: policy(readQueue, sendAll) }, after: { policy: policy(readQueue) } })]);
    expect(policyChanges(plan)[0]).toMatchObject({ what: "key policy", statements: [], removed: [{ sid: "Send" }] });
  });

  it("leaves out a policy an update does not change, and resources that hold no policy", () => {
    const plan = planOf([
      change("aws_iam_role_policy.same", ["update"], { before: { policy: policy(readQueue), name: "a" }, after: { policy: policy(readQueue), name: "b" } }),
      change("aws_subnet.a", ["create"], { after: { cidr_block: "10.0.0.0/24" } }),
    ]);
    expect(policyChanges(plan)).toEqual([]);
  });

  it("renders a trust policy only known after apply from the configuration of its policy document, references as placeholders", () => {
    const [c] = policyChanges(unknownTrustPolicyPlan());
    expect(c).toMatchObject({ address: "aws_iam_role.eks_irsa-ebs-csi_role", what: "trust policy", kind: "added", fromConfiguration: "data.aws_iam_policy_document.eks_irsa-ebs-csi_trust" });
    expect(c.statements).toEqual([
      {
        sid: "ServiceAccountOnly",
        effect: "Allow",
        actions: ["sts:AssumeRoleWithWebIdentity"],
        resources: [],
        principals: ["Federated: ‹aws_iam_openid_connect_provider.eks_oidc-provider.arn›"],
        conditions: ['StringEquals ‹aws_iam_openid_connect_provider.eks_oidc-provider.url without "https://"›:sub = system:serviceaccount:kube-system:ebs-csi-controller-sa'],
      },
    ]);
  });
});

describe("policy attachments", () => {
  it("names the policy a new or moved attachment attaches and the role, from the configuration where the plan does not know them yet, and leaves out an unchanged one", () => {
    const plan = planOf(
      [
        change("aws_iam_role_policy_attachment.node-worker", ["create"], { after: { policy_arn: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy", role: "acme-nodes" } }),
        change("aws_iam_role_policy_attachment.controller", ["create"], { after: { policy_arn: null, role: null }, after_unknown: { policy_arn: true, role: true } }),
        change("aws_iam_role_policy_attachment.same", ["update"], { before: { policy_arn: "arn:a", role: "r1" }, after: { policy_arn: "arn:a", role: "r1" } }),
        change("aws_iam_role_policy_attachment.moved", ["create", "delete"], { before: { policy_arn: "arn:a", role: "r1" }, after: { policy_arn: "arn:a", role: "r2" } }),
      ],
      [
        {
          address: "aws_iam_role_policy_attachment.controller",
          mode: "managed",
          type: "aws_iam_role_policy_attachment",
          name: "controller",
          expressions: { policy_arn: { constant_value: "${aws_iam_policy.controller.arn}", references: ["aws_iam_policy.controller.arn", "aws_iam_policy.controller"] }, role: { constant_value: "${aws_iam_role.controller.name}", references: ["aws_iam_role.controller.name", "aws_iam_role.controller"] } },
        },
      ],
    );
    expect(policyChanges(plan).map((c) => [c.address, c.kind, c.attachment])).toEqual([
      ["aws_iam_role_policy_attachment.node-worker", "added", { policy: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy", to: "acme-nodes" }],
      ["aws_iam_role_policy_attachment.controller", "added", { policy: "‹aws_iam_policy.controller.arn›", to: "‹aws_iam_role.controller.name›" }],
      ["aws_iam_role_policy_attachment.moved", "changed", { policy: "arn:a", to: "r2" }],
    ]);
  });
});

describe("computed policy attributes", () => {
  it("leaves out a policy the configuration does not set and the provider computes (an SNS topic's, written by its topic policy)", () => {
    const plan = planOf([change("aws_sns_topic.alerts", ["create"], { after: { name: "alerts" }, after_unknown: { policy: true, arn: true } })], [
      { address: "aws_sns_topic.alerts", mode: "managed", type: "aws_sns_topic", name: "alerts", expressions: { name: { constant_value: "alerts" } } },
    ]);
    expect(policyChanges(plan)).toEqual([]);
  });
});

describe("statementsFromConfiguration", () => {
  it("says why when the configuration does not hold the document", () => {
    const plan = planOf([change("aws_iam_role.r", ["create"], { after_unknown: { assume_role_policy: true } })], [
      { address: "aws_iam_role.r", mode: "managed", type: "aws_iam_role", name: "r", expressions: { assume_role_policy: { references: ["aws_s3_bucket.b.arn", "aws_s3_bucket.b"] } } },
    ]);
    expect(statementsFromConfiguration(plan, "aws_iam_role.r", "assume_role_policy")).toEqual({ error: "only known after apply: computed from aws_s3_bucket.b.arn, aws_s3_bucket.b, which the plan does not show" });
  });

  it("reads a literal JSON document with interpolations from the argument itself", () => {
    const plan = planOf([], [
      { address: "aws_kms_key.k", mode: "managed", type: "aws_kms_key", name: "k", expressions: { policy: { constant_value: policy({ Effect: "Allow", Principal: { AWS: "${aws_iam_role.admin.arn}" }, Action: "kms:*", Resource: "*" }) } } },
    ]);
    expect(statementsFromConfiguration(plan, "aws_kms_key.k", "policy")).toMatchObject({ source: "the policy argument", statements: [{ principals: ["AWS: ‹aws_iam_role.admin.arn›"] }] });
  });
});

describe("placeholderText", () => {
  it("turns each interpolation into a placeholder and keeps the literal text around it", () => {
    expect(placeholderText("arn:aws:s3:::${aws_s3_bucket.state.bucket}/*")).toBe("arn:aws:s3:::‹aws_s3_bucket.state.bucket›/*");
    expect(placeholderText('${replace(aws_iam_openid_connect_provider.p.url, "https://", "")}:aud')).toBe('‹aws_iam_openid_connect_provider.p.url without "https://"›:aud');
    expect(placeholderText("no interpolation")).toBe("no interpolation");
  });
});

describe("statementLines", () => {
  it("writes a statement as an indented list, never as escaped JSON", () => {
    const [s] = parseDocument(policy(sendAll))!;
    expect(statementLines(s, "  ")).toEqual([
      "  - **Allow** (Send)",
      "    - Action: `sqs:SendMessage`",
      "    - Resource: `*`",
      "    - Condition: `StringEquals aws:SourceAccount = 222222222222`",
    ]);
  });
});
