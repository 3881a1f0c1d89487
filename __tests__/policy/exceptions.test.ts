import { readFileSync } from "node:fs";
import { parse } from "yaml";
import {
  ALLOWED_EXCEPTIONS,
  DEFAULT_EXCEPTIONS_FILE,
  exceptionCovers,
  globMatches,
  loadExceptionsFile,
  parseExceptions,
  PolicyExceptionError,
} from "../../src/policy/exceptions";
import { ALL_RULES } from "../../src/policy/rules";
import type { Finding } from "../../src/policy/types";

const rule = (id: string) => ALL_RULES.find((r) => r.id === id)!;
const finding = (ruleId: string, address: string, detail?: Record<string, unknown>, stack = "production"): Finding => ({
  ruleId,
  stack,
  address,
  message: "m",
  detail,
});

describe("policy/exceptions.yaml", () => {
  const exceptions = loadExceptionsFile();

  it("loads, so it names only rule ids POLICY.md allows", () => {
    const allowed = ALLOWED_EXCEPTIONS.map((a) => a.rule);
    expect(exceptions.every((e) => allowed.includes(e.rule))).toBe(true);
  });

  it("gives every exception a rationale of at least a sentence", () => {
    for (const e of exceptions) expect(e.rationale.length).toBeGreaterThan(40);
  });

  it("has the same number of entries as the file, none dropped", () => {
    const raw = parse(readFileSync(DEFAULT_EXCEPTIONS_FILE, "utf8")) as { exceptions: unknown[] };
    expect(exceptions).toHaveLength(raw.exceptions.length);
  });
});

describe("parseExceptions", () => {
  describe("an exception for a rule POLICY.md does not list", () => {
    it("is refused with the allowed ids", () => {
      const text = "exceptions:\n  - rule: CKV_AWS_130\n    resource: aws_subnet.public-a\n    rationale: public subnets need public IPs\n";
      expect(() => parseExceptions(text, "x.yaml")).toThrow(PolicyExceptionError);
      expect(() => parseExceptions(text, "x.yaml")).toThrow(/exceptions\[0\]\.rule: "CKV_AWS_130" is not an exception POLICY\.md allows; allowed: AWS-0104, /);
    });
  });

  describe("entries without a rationale or resource, or with unknown keys", () => {
    it("reports every problem at once", () => {
      const text = "exceptions:\n  - rule: AWS-0104\n    resource: ''\n    reason: typo\n  - rule: CKV_AWS_18\n    resource: aws_s3_bucket.logs\n";
      let error: PolicyExceptionError | undefined;
      try {
        parseExceptions(text, "x.yaml");
      } catch (e) {
        error = e as PolicyExceptionError;
      }
      expect(error?.problems).toEqual([
        "exceptions[0].reason: unknown key; allowed keys: rule, resource, stack, rationale",
        "exceptions[0].resource: required, a resource address or glob",
        "exceptions[0].rationale: required, say why the exception is acceptable",
        "exceptions[1].rationale: required, say why the exception is acceptable",
      ]);
    });
  });

  describe("an empty file", () => {
    it("has no exceptions", () => {
      expect(parseExceptions("")).toEqual([]);
      expect(parseExceptions("exceptions: []")).toEqual([]);
    });
  });
});

describe("exceptionCovers", () => {
  const egress = { rule: "AWS-0104", resource: "aws_vpc_security_group_egress_rule.*", rationale: "nodes pull images over 443" };

  describe("AWS-0104", () => {
    it("waives TCP 443 egress to the internet", () => {
      expect(exceptionCovers(egress, finding("AWS-0104", "aws_vpc_security_group_egress_rule.https", { protocol: "tcp", fromPort: 443, toPort: 443 }), rule("AWS-0104"))).toBe(true);
    });

    it("never waives other ports or all traffic, whatever the glob says", () => {
      const r = rule("AWS-0104");
      expect(exceptionCovers(egress, finding("AWS-0104", "aws_vpc_security_group_egress_rule.all", { protocol: "-1" }), r)).toBe(false);
      expect(exceptionCovers(egress, finding("AWS-0104", "aws_vpc_security_group_egress_rule.wide", { protocol: "tcp", fromPort: 0, toPort: 65535 }), r)).toBe(false);
    });
  });

  describe("AWS-0132 on the access-log bucket", () => {
    const e = { rule: "AWS-0132", resource: "aws_s3_bucket.logs", stack: "state", rationale: "log delivery needs SSE-S3" };

    it("applies through the rule's alias to CKV_AWS_145 findings of the log bucket with AES256", () => {
      expect(exceptionCovers(e, finding("CKV_AWS_145", "aws_s3_bucket.logs", { accessLogTarget: true, sseAlgorithm: "AES256" }, "state"), rule("CKV_AWS_145"))).toBe(true);
    });

    it("does not apply to a bucket without encryption, to a bucket that receives no logs, or in another stack", () => {
      const r = rule("CKV_AWS_145");
      expect(exceptionCovers(e, finding("CKV_AWS_145", "aws_s3_bucket.logs", { accessLogTarget: true }, "state"), r)).toBe(false);
      expect(exceptionCovers(e, finding("CKV_AWS_145", "aws_s3_bucket.logs", { accessLogTarget: false, sseAlgorithm: "AES256" }, "state"), r)).toBe(false);
      expect(exceptionCovers(e, finding("CKV_AWS_145", "aws_s3_bucket.logs", { accessLogTarget: true, sseAlgorithm: "AES256" }, "production"), r)).toBe(false);
    });
  });

  describe("AWS-0040 for a public endpoint", () => {
    const e = { rule: "AWS-0040", resource: "aws_eks_cluster.*", rationale: "the operator reaches the API from the office range" };

    it("applies only when the endpoint is limited to CIDRs that are not open", () => {
      const r = rule("CKV_AWS_39");
      expect(exceptionCovers(e, finding("CKV_AWS_39", "aws_eks_cluster.c", { publicAccessCidrs: ["203.0.113.0/24"] }), r)).toBe(true);
      expect(exceptionCovers(e, finding("CKV_AWS_39", "aws_eks_cluster.c", { publicAccessCidrs: ["0.0.0.0/0"] }), r)).toBe(false);
      expect(exceptionCovers(e, finding("CKV_AWS_39", "aws_eks_cluster.c", { publicAccessCidrs: [] }), r)).toBe(false);
    });

    it("never waives CKV_AWS_38, which still holds", () => {
      expect(exceptionCovers(e, finding("CKV_AWS_38", "aws_eks_cluster.c", { publicAccessCidrs: ["203.0.113.0/24"] }), rule("CKV_AWS_38"))).toBe(false);
    });
  });
});

describe("globMatches", () => {
  it("matches * across any characters and ? as one", () => {
    expect(globMatches("aws_s3_bucket.*log*", "aws_s3_bucket.access-log-bucket_bucket")).toBe(true);
    expect(globMatches("aws_s3_bucket.?tate", "aws_s3_bucket.state")).toBe(true);
    expect(globMatches("aws_s3_bucket.state", "aws_s3_bucket.state2")).toBe(false);
  });
});
