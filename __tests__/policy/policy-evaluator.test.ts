import { statementsFromJson } from "../../src/policy/policy-document";
import { accountOf, conditionHolds, isAllowed, principalMatch, resourceMatches, type AccessRequest } from "../../src/policy/policy-evaluator";

const DEV = "arn:aws:iam::333333333333:role/deploy";
const STATE_ADMIN = "arn:aws:iam::111111111111:role/admin";
const BUCKET = "arn:aws:s3:::state";

function statements(...raw: object[]) {
  return statementsFromJson({ Statement: raw });
}

function request(overrides: Partial<AccessRequest> = {}): AccessRequest {
  return { principalArn: DEV, action: "s3:PutObject", resource: `${BUCKET}/dev/k`, ...overrides };
}

const allowAll = statements({ Effect: "Allow", Action: "*", Resource: "*" });

describe("policy evaluator", () => {
  describe("accountOf", () => {
    it("reads the account of an IAM ARN", () => {
      expect(accountOf(DEV)).toBe("333333333333");
    });
  });

  describe("resources", () => {
    const [s] = statements({ Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/dev/*` });

    it("match with * across path segments", () => {
      expect(resourceMatches(s, `${BUCKET}/dev/a/b.tfstate`)).toBe(true);
    });

    it("do not match outside the pattern", () => {
      expect(resourceMatches(s, `${BUCKET}/prod/k`)).toBe(false);
      expect(resourceMatches(s, `${BUCKET}/dev`)).toBe(false);
    });

    it("NotResource matches everything it does not list", () => {
      const [n] = statements({ Effect: "Deny", Action: "*", NotResource: `${BUCKET}/dev/*` });
      expect(resourceMatches(n, `${BUCKET}/prod/k`)).toBe(true);
      expect(resourceMatches(n, `${BUCKET}/dev/k`)).toBe(false);
    });
  });

  describe("principals", () => {
    it("name the caller directly by ARN or by *", () => {
      expect(principalMatch([{ type: "AWS", identifiers: [DEV] }], DEV)).toBe("direct");
      expect(principalMatch([{ type: "AWS", identifiers: ["*"] }], DEV)).toBe("direct");
    });

    it("name the caller's account by its root or its id", () => {
      expect(principalMatch([{ type: "AWS", identifiers: ["arn:aws:iam::333333333333:root"] }], DEV)).toBe("account");
      expect(principalMatch([{ type: "AWS", identifiers: ["333333333333"] }], DEV)).toBe("account");
    });

    it("do not name another principal or a service", () => {
      expect(principalMatch([{ type: "AWS", identifiers: [STATE_ADMIN] }], DEV)).toBe("none");
      expect(principalMatch([{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }], DEV)).toBe("none");
    });
  });

  describe("conditions", () => {
    const holds = (test: string, variable: string, values: string[], context: AccessRequest["context"] = {}) =>
      conditionHolds({ test, variable, values }, request({ context }));

    it("StringEquals holds when a value matches, not when none does or the key is missing", () => {
      expect(holds("StringEquals", "k", ["a", "b"], { k: "b" })).toBe(true);
      expect(holds("StringEquals", "k", ["a"], { k: "b" })).toBe(false);
      expect(holds("StringEquals", "k", ["a"])).toBe(false);
    });

    it("StringNotEquals holds when no value matches, and when the key is missing", () => {
      expect(holds("StringNotEquals", "k", ["a", "b"], { k: "c" })).toBe(true);
      expect(holds("StringNotEquals", "k", ["a", "b"], { k: "a" })).toBe(false);
      expect(holds("StringNotEquals", "k", ["a"])).toBe(true);
    });

    it("StringLike matches wildcards", () => {
      expect(holds("StringLike", "s3:prefix", ["env:/*"], { "s3:prefix": "env:/" })).toBe(true);
      expect(holds("StringLike", "s3:prefix", ["env:/*"], { "s3:prefix": "prod/" })).toBe(false);
    });

    it("ArnNotEquals on aws:PrincipalArn reads the caller's ARN", () => {
      expect(holds("ArnNotEquals", "aws:PrincipalArn", [STATE_ADMIN])).toBe(true);
      expect(holds("ArnNotEquals", "aws:PrincipalArn", [DEV])).toBe(false);
      expect(holds("ArnEquals", "aws:principalarn", [DEV])).toBe(true);
    });

    it("Null tests whether the key is present", () => {
      expect(holds("Null", "h", ["true"])).toBe(true);
      expect(holds("Null", "h", ["false"])).toBe(false);
      expect(holds("Null", "h", ["false"], { h: "x" })).toBe(true);
    });

    it("Bool compares without case", () => {
      expect(holds("Bool", "aws:SecureTransport", ["false"], { "aws:SecureTransport": "FALSE" })).toBe(true);
      expect(holds("Bool", "aws:SecureTransport", ["false"], { "aws:SecureTransport": "true" })).toBe(false);
    });

    it("IfExists holds when the key is missing", () => {
      expect(holds("StringEqualsIfExists", "k", ["a"])).toBe(true);
      expect(holds("StringEqualsIfExists", "k", ["a"], { k: "b" })).toBe(false);
    });

    it("ForAllValues holds when every value of a multi-valued key is listed", () => {
      expect(holds("ForAllValues:StringEquals", "dynamodb:LeadingKeys", ["a", "b"], { "dynamodb:LeadingKeys": ["a"] })).toBe(true);
      expect(holds("ForAllValues:StringEquals", "dynamodb:LeadingKeys", ["a"], { "dynamodb:LeadingKeys": ["a", "c"] })).toBe(false);
      expect(holds("ForAnyValue:StringEquals", "k", ["a"], { k: ["c", "a"] })).toBe(true);
    });

    it("throws on an operator it does not know rather than reading it as holding", () => {
      expect(() => holds("NumericLessThan", "k", ["1"], { k: "0" })).toThrow(/NumericLessThan is not supported/);
    });
  });

  describe("decisions", () => {
    const bucketPolicy = statements(
      { Effect: "Allow", Principal: { AWS: DEV }, Action: "s3:PutObject", Resource: `${BUCKET}/dev/*` },
      {
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: `${BUCKET}/prod/*`,
        Condition: { ArnNotEquals: { "aws:PrincipalArn": "arn:aws:iam::111111111111:role/prod" } },
      },
    );

    it("across accounts, needs both the identity and the resource policy to allow", () => {
      const policies = { resource: bucketPolicy, resourceAccount: "111111111111", kind: "s3" as const };
      expect(isAllowed(request(), { ...policies, identity: allowAll })).toBe(true);
      expect(isAllowed(request(), { ...policies, identity: [] })).toBe(false);
      expect(isAllowed(request({ resource: `${BUCKET}/other/k` }), { ...policies, identity: allowAll })).toBe(false);
    });

    it("lets an explicit Deny win over any Allow, even an admin's in the resource's account", () => {
      const policies = { resource: bucketPolicy, resourceAccount: "111111111111", kind: "s3" as const, identity: allowAll };
      expect(isAllowed(request({ principalArn: STATE_ADMIN, resource: `${BUCKET}/prod/k` }), policies)).toBe(false);
      expect(isAllowed(request({ principalArn: STATE_ADMIN, resource: `${BUCKET}/dev/k` }), policies)).toBe(true);
      expect(isAllowed(request({ principalArn: "arn:aws:iam::111111111111:role/prod", resource: `${BUCKET}/prod/k` }), policies)).toBe(true);
    });

    it("in one account, lets S3 allow by identity policy alone", () => {
      expect(isAllowed(request({ principalArn: STATE_ADMIN }), { identity: allowAll, resourceAccount: "111111111111", kind: "s3" })).toBe(true);
      expect(isAllowed(request({ principalArn: STATE_ADMIN }), { identity: [], resourceAccount: "111111111111", kind: "s3" })).toBe(false);
    });

    it("in one account, lets KMS allow only when the key policy names the caller or delegates to its account", () => {
      const kmsRequest = request({ principalArn: STATE_ADMIN, action: "kms:Decrypt", resource: "arn:aws:kms:us-east-1:111111111111:key/k" });
      const rootKeyPolicy = statements({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "kms:*", Resource: "*" });
      const base = { resourceAccount: "111111111111", kind: "kms" as const };
      expect(isAllowed(kmsRequest, { ...base, identity: allowAll, resource: rootKeyPolicy })).toBe(true);
      expect(isAllowed(kmsRequest, { ...base, identity: [], resource: rootKeyPolicy })).toBe(false);
      expect(isAllowed(kmsRequest, { ...base, identity: allowAll, resource: [] })).toBe(false);
    });

    it("lets a role trust policy admit only the principal it names", () => {
      const trust = statements({ Effect: "Allow", Principal: { AWS: DEV }, Action: "sts:AssumeRole" });
      const assume = (principalArn: string) =>
        isAllowed({ principalArn, action: "sts:AssumeRole", resource: "arn:aws:iam::111111111111:role/r" }, { identity: allowAll, resource: trust, resourceAccount: "111111111111", kind: "trust" });
      expect(assume(DEV)).toBe(true);
      expect(assume("arn:aws:iam::222222222222:role/deploy")).toBe(false);
    });

    it("applies NotPrincipal to everyone it does not name", () => {
      const deny = statements({ Effect: "Deny", NotPrincipal: { AWS: DEV }, Action: "s3:*", Resource: `${BUCKET}/*` });
      const policies = { identity: allowAll, resource: deny, resourceAccount: "111111111111", kind: "s3" as const };
      expect(isAllowed(request({ principalArn: STATE_ADMIN }), policies)).toBe(false);
      expect(isAllowed(request(), { ...policies, resource: [...deny, ...bucketPolicy] })).toBe(true);
    });
  });
});
