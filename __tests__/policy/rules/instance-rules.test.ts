import { evaluateStack } from "../../../src/policy/engine";
import { ALL_RULES } from "../../../src/policy/rules";
import { launchTemplateImdsv2 } from "../../../src/policy/rules/eks-rules";
import { instanceRules } from "../../../src/policy/rules/instance-rules";
import { itChecksEveryRuleAgainstItsFixtures, stack, type Part, type RuleCases } from "../../../test-helpers/policy-fixtures";

/** A launch template as the VPN's: encrypted gp3 root, monitoring, EBS-optimized, a profile, IMDSv2. */
const template = (change: Record<string, unknown> = {}): Part => [
  "aws_launch_template",
  "vpn",
  {
    name: "acme-management-vpn",
    metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 },
    block_device_mappings: [{ device_name: "/dev/xvda", ebs: { encrypted: "true", volume_type: "gp3" } }],
    monitoring: { enabled: true },
    ebs_optimized: "true",
    iam_instance_profile: { arn: "${aws_iam_instance_profile.vpn.arn}" },
    ...change,
  },
];

/** An instance launched from that template, setting what scanners read on the instance itself. */
const instance = (change: Record<string, unknown> = {}): Part => [
  "aws_instance",
  "vpn",
  {
    launch_template: { id: "${aws_launch_template.vpn.id}", version: "${aws_launch_template.vpn.latest_version}" },
    metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 },
    monitoring: true,
    ebs_optimized: true,
    iam_instance_profile: "${aws_iam_instance_profile.vpn.name}",
    ...change,
  },
];

/** An instance with no launch template, every setting its own. */
const standalone = (change: Record<string, unknown> = {}): Part => [
  "aws_instance",
  "bare",
  {
    ami: "ami-0123456789abcdef0",
    metadata_options: { http_tokens: "required", http_put_response_hop_limit: 1 },
    root_block_device: { encrypted: true, volume_type: "gp3" },
    monitoring: true,
    ebs_optimized: true,
    iam_instance_profile: "profile",
    ...change,
  },
];

const cases: RuleCases = {
  CKV_AWS_8: {
    fail: [
      stack(template({ block_device_mappings: [{ device_name: "/dev/xvda", ebs: { volume_type: "gp3" } }] }), instance()),
      stack(standalone({ root_block_device: { encrypted: false } })),
      stack(standalone({ root_block_device: undefined })),
      stack(standalone({ ebs_block_device: [{ device_name: "/dev/sdf", encrypted: false }] })),
    ],
    pass: stack(template(), instance(), standalone()),
    message: /not encrypted|encryption is not declared/,
  },
  CKV_AWS_126: {
    fail: [stack(template(), instance({ monitoring: false })), stack(template({ monitoring: undefined }), instance({ monitoring: undefined }))],
    pass: stack(template(), instance({ monitoring: undefined }), standalone()),
    message: /detailed monitoring off/,
  },
  CKV_AWS_135: {
    fail: [stack(template(), instance({ ebs_optimized: false })), stack(template({ ebs_optimized: undefined }), instance({ ebs_optimized: undefined }))],
    pass: stack(template(), instance({ ebs_optimized: undefined }), standalone()),
    message: /ebs_optimized is not true/,
  },
  CKV2_AWS_41: {
    fail: [
      stack(template({ iam_instance_profile: undefined }), instance({ iam_instance_profile: undefined })),
      stack(standalone({ iam_instance_profile: "" })),
    ],
    pass: stack(template(), instance({ iam_instance_profile: undefined }), standalone()),
    message: /no iam_instance_profile/,
  },
};

describe("instanceRules", () => {
  itChecksEveryRuleAgainstItsFixtures(instanceRules, cases);

  it("covers every id of POLICY.md's aws_instance row, each checking aws_instance", () => {
    const row = ["CKV_AWS_79", "CKV_AWS_8", "CKV_AWS_126", "CKV_AWS_135", "CKV2_AWS_41"];
    const checking = ALL_RULES.filter((r) => r.resourceTypes.includes("aws_instance")).map((r) => r.id);
    expect(row.filter((id) => !checking.includes(id))).toEqual([]);
  });
});

describe("launchTemplateImdsv2 (CKV_AWS_79) on instances", () => {
  describe("when the instance sets metadata_options itself", () => {
    it("flags optional tokens on the instance even though its template requires them", () => {
      const findings = evaluateStack("test", stack(template(), instance({ metadata_options: { http_tokens: "optional", http_put_response_hop_limit: 1 } })), [launchTemplateImdsv2]);
      expect(findings.map((f) => `${f.address}: ${f.message}`)).toEqual([
        "aws_instance.vpn: metadata_options.http_tokens is not required (IMDSv1 stays available)",
      ]);
    });
  });

  describe("when the instance has no metadata_options", () => {
    it("reads its launch template's, and flags a hop limit of 2 there", () => {
      const json = stack(
        template({ metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 2 } }),
        instance({ metadata_options: undefined }),
      );
      expect(evaluateStack("test", json, [launchTemplateImdsv2]).map((f) => f.address)).toEqual(["aws_launch_template.vpn", "aws_instance.vpn"]);
    });

    it("passes when the template requires tokens with one hop", () => {
      expect(evaluateStack("test", stack(template(), instance({ metadata_options: undefined })), [launchTemplateImdsv2])).toEqual([]);
    });
  });

  describe("for an instance without template or metadata_options", () => {
    it("flags it: IMDSv1 is EC2's default", () => {
      expect(evaluateStack("test", stack(standalone({ metadata_options: undefined })), [launchTemplateImdsv2]).map((f) => f.message)).toEqual([
        "metadata_options.http_tokens is not required (IMDSv1 stays available)",
        "metadata_options.http_put_response_hop_limit is unset, not 1",
      ]);
    });
  });
});
