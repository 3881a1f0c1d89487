import { evaluateStack, formatReport, runPolicy } from "../../src/policy/engine";
import { PolicyExceptionError } from "../../src/policy/exceptions";
import { ALL_RULES } from "../../src/policy/rules";

const vpcWithoutFlowLogs = { resource: { aws_vpc: { vpc: { cidr_block: "10.0.0.0/16" } } } };
const stateWithLogBucket = {
  resource: {
    aws_s3_bucket: { logs: { bucket: "logs" } },
    aws_s3_bucket_logging: { other: { bucket: "other", target_bucket: "${aws_s3_bucket.logs.id}" } },
  },
};
const logBucketException = { rule: "CKV_AWS_18", resource: "aws_s3_bucket.logs", stack: "state", rationale: "the log bucket does not log itself" };

describe("evaluateStack", () => {
  describe("Terraform JSON as the string Testing.synth returns", () => {
    it("parses it and reports findings with rule, stack and address", () => {
      const findings = evaluateStack("management", JSON.stringify(vpcWithoutFlowLogs), ALL_RULES.filter((r) => r.id === "CKV2_AWS_11"));
      expect(findings).toEqual([
        { ruleId: "CKV2_AWS_11", stack: "management", address: "aws_vpc.vpc", message: "no aws_flow_log references this VPC" },
      ]);
    });
  });

  describe("a stack with none of a rule's resource types", () => {
    it("passes every rule", () => {
      expect(evaluateStack("empty", {})).toEqual([]);
    });
  });
});

describe("runPolicy", () => {
  describe("with an exception that covers a finding", () => {
    const report = runPolicy(
      [
        { name: "state", json: stateWithLogBucket },
        { name: "management", json: vpcWithoutFlowLogs },
      ],
      { exceptions: [logBucketException, { rule: "AWS-0104", resource: "aws_security_group.none", rationale: "nodes reach registries on 443" }] },
    );

    it("moves the covered finding to waived and keeps the rest", () => {
      expect(report.waived.map((w) => `${w.finding.ruleId} ${w.finding.address}`)).toEqual(["CKV_AWS_18 aws_s3_bucket.logs"]);
      expect(report.findings.map((f) => f.ruleId)).toContain("CKV2_AWS_11");
      expect(report.findings.some((f) => f.ruleId === "CKV_AWS_18")).toBe(false);
    });

    it("lists the exceptions that covered nothing", () => {
      expect(report.unusedExceptions.map((e) => e.rule)).toEqual(["AWS-0104"]);
    });

    it("prints findings by stack, the exceptions applied and the totals", () => {
      const text = formatReport(report);
      expect(text).toMatch(/^management:\n  CKV2_AWS_11 aws_vpc\.vpc: no aws_flow_log references this VPC$/m);
      expect(text).toContain("exceptions applied (policy/exceptions.yaml, or the environments file where named):\n  CKV_AWS_18 state/aws_s3_bucket.logs: the log bucket does not log itself");
      expect(text).toMatch(new RegExp(`${ALL_RULES.length} rules x 2 stacks, ${report.findings.length} findings$`));
    });
  });

  describe("with an exception for a rule POLICY.md does not allow", () => {
    it("throws", () => {
      const exceptions = [{ rule: "CKV2_AWS_11", resource: "aws_vpc.*", rationale: "flow logs cost money" }];
      expect(() => runPolicy([{ name: "management", json: vpcWithoutFlowLogs }], { exceptions })).toThrow(PolicyExceptionError);
    });
  });

  describe("with no findings", () => {
    it("ends with the zero-findings line", () => {
      expect(formatReport(runPolicy([{ name: "empty", json: {} }]))).toBe(`${ALL_RULES.length} rules x 1 stacks, 0 findings`);
    });
  });
});

describe("the policy engine's imports", () => {
  it("never reach the app it grades: no module under src/policy imports the stacks, constructs or buildApp", () => {
    const { readdirSync, readFileSync } = require("node:fs") as typeof import("node:fs");
    const { join } = require("node:path") as typeof import("node:path");
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
    const policyDir = join(__dirname, "..", "..", "src", "policy");
    const offending = files(policyDir).filter((file) =>
      /from "(\.\.\/)+(app|stacks|eks|network|peering|platform|state|addons|testing)(\/|")|from "cdktf"|from "constructs"/.test(readFileSync(file, "utf8")),
    );
    expect(files(policyDir).length).toBeGreaterThan(10);
    expect(offending).toEqual([]);
  });
});
