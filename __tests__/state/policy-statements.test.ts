import {
  accountRootArn,
  allowLogDeliveryStatement,
  bucketArn,
  denyInsecureTransportStatement,
  denyNonKmsUploadsStatement,
  stateObjectGuardStatements,
  keyUseThroughDynamoDbStatement,
  keyUseThroughS3Statement,
  lockFileKey,
  policyJsonBytes,
} from "../../src/state/policy-statements";

describe("policy statements", () => {
  describe("bucketArn and accountRootArn", () => {
    it("builds a bucket ARN in the given partition", () => {
      expect(bucketArn("aws", "acme-terraform-state")).toBe("arn:aws:s3:::acme-terraform-state");
      expect(bucketArn("aws-us-gov", "acme-terraform-state")).toBe("arn:aws-us-gov:s3:::acme-terraform-state");
    });

    it("builds an account's root principal ARN", () => {
      expect(accountRootArn("aws-cn", "012345678901")).toBe("arn:aws-cn:iam::012345678901:root");
    });
  });

  describe("keyUseThroughS3Statement", () => {
    const users = { partition: "aws", accountId: "111111111111", region: "eu-west-1" };
    const statement = keyUseThroughS3Statement(users, "arn:aws:s3:::b");

    it("delegates to the owning account's root, never a wildcard principal, and grants only the cryptographic operations", () => {
      expect(statement.principals).toEqual([{ type: "AWS", identifiers: ["arn:aws:iam::111111111111:root"] }]);
      expect(statement.actions).toEqual(["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"]);
    });

    it("admits the use only through S3 of the key's region and for the bucket's objects (or the bucket, with Bucket Keys)", () => {
      expect(statement.condition).toEqual([
        { test: "StringEquals", variable: "kms:ViaService", values: ["s3.eu-west-1.amazonaws.com"] },
        { test: "StringLike", variable: "kms:EncryptionContext:aws:s3:arn", values: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"] },
      ]);
    });

    it("names the only principals that may use the key, when given", () => {
      const named = keyUseThroughS3Statement({ ...users, principalArnPatterns: ["arn:aws:iam::111111111111:role/acme-*-state"] }, "arn:aws:s3:::b");
      expect(named.condition).toContainEqual({ test: "ArnLike", variable: "aws:PrincipalArn", values: ["arn:aws:iam::111111111111:role/acme-*-state"] });
    });
  });

  describe("keyUseThroughDynamoDbStatement", () => {
    const statement = keyUseThroughDynamoDbStatement({ partition: "aws", accountId: "111111111111", region: "eu-west-1" });

    it("grants what DynamoDB needs for a table encrypted with the key, through DynamoDB of the region and for callers of the account", () => {
      expect(statement.actions).toEqual(["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey", "kms:CreateGrant"]);
      expect(statement.condition).toEqual([
        { test: "StringEquals", variable: "kms:ViaService", values: ["dynamodb.eu-west-1.amazonaws.com"] },
        { test: "StringEquals", variable: "kms:CallerAccount", values: ["111111111111"] },
      ]);
    });
  });

  describe("denyInsecureTransportStatement", () => {
    const statement = denyInsecureTransportStatement("arn:aws:s3:::b");

    it("denies every S3 action on the bucket and its objects when aws:SecureTransport is false", () => {
      expect(statement).toEqual({
        sid: "DenyInsecureTransport",
        effect: "Deny",
        principals: [{ type: "AWS", identifiers: ["*"] }],
        actions: ["s3:*"],
        resources: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
        condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
      });
    });
  });

  describe("denyNonKmsUploadsStatement", () => {
    const statement = denyNonKmsUploadsStatement("arn:aws:s3:::b");

    it("denies object uploads that ask for an encryption other than aws:kms", () => {
      expect(statement.effect).toBe("Deny");
      expect(statement.actions).toEqual(["s3:PutObject"]);
      expect(statement.resources).toEqual(["arn:aws:s3:::b/*"]);
      expect(statement.condition).toContainEqual({
        test: "StringNotEquals",
        variable: "s3:x-amz-server-side-encryption",
        values: ["aws:kms"],
      });
    });

    it("lets uploads without the header through, so the bucket's default KMS encryption applies", () => {
      expect(statement.condition).toContainEqual({ test: "Null", variable: "s3:x-amz-server-side-encryption", values: ["false"] });
    });
  });

  describe("allowLogDeliveryStatement", () => {
    const statement = allowLogDeliveryStatement({
      logBucketArn: "arn:aws:s3:::b-logs",
      prefix: "b/",
      sourceBucketArn: "arn:aws:s3:::b",
      sourceAccountId: "111111111111",
    });

    it("allows only the S3 logging service to put objects under the prefix", () => {
      expect(statement.effect).toBe("Allow");
      expect(statement.principals).toEqual([{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }]);
      expect(statement.actions).toEqual(["s3:PutObject"]);
      expect(statement.resources).toEqual(["arn:aws:s3:::b-logs/b/*"]);
    });

    it("limits delivery to the logged bucket and its account", () => {
      expect(statement.condition).toEqual([
        { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:s3:::b"] },
        { test: "StringEquals", variable: "aws:SourceAccount", values: ["111111111111"] },
      ]);
    });
  });
});

describe("state key guard helpers", () => {
  it("names a key's lock file as Terraform's S3 lockfile does", () => {
    expect(lockFileKey("production/network-cluster.tfstate")).toBe("production/network-cluster.tfstate.tflock");
  });

  describe("stateObjectGuardStatements", () => {
    const arn = "arn:aws:s3:::b";
    const guard = { stackRolePatterns: ["arn:aws:iam::1:role/o-*-state"], deployerFolder: "state/*", deployer: "arn:aws:iam::1:role/d", deployerEverywhere: false };

    it("admits only the stack roles, the deployer and the break-glass principal to state objects", () => {
      const [all] = stateObjectGuardStatements(arn, guard, ["arn:aws:iam::1:role/bg"]);
      expect(all).toMatchObject({
        effect: "Deny",
        resources: [`${arn}/*`],
        condition: [{ test: "ArnNotLike", variable: "aws:PrincipalArn", values: ["arn:aws:iam::1:role/o-*-state", "arn:aws:iam::1:role/d", "arn:aws:iam::1:role/bg"] }],
      });
    });

    it("gives the state folder to the deployer and keeps the deployer out of every other object", () => {
      const [, own, others] = stateObjectGuardStatements(arn, guard, []);
      expect(own).toMatchObject({ resources: [`${arn}/state/*`], condition: [{ test: "ArnNotEquals", variable: "aws:PrincipalArn", values: ["arn:aws:iam::1:role/d"] }] });
      expect(others).toMatchObject({ notResources: [`${arn}/state/*`], condition: [{ test: "ArnEquals", variable: "aws:PrincipalArn", values: ["arn:aws:iam::1:role/d"] }] });
    });

    it("leaves the deployer every object while upgrading", () => {
      expect(stateObjectGuardStatements(arn, { ...guard, deployerEverywhere: true }, []).map((s) => s.sid)).toEqual([
        "DenyStateObjectsExceptStateRoles",
        "DenyStateStackObjectsExceptDeployer",
      ]);
    });
  });

  it("measures a policy as minified IAM JSON", () => {
    const statement = { sid: "S", effect: "Deny", principals: [{ type: "AWS", identifiers: ["*"] }], actions: ["s3:*"], resources: ["r"] };
    const expected = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "S", Effect: "Deny", Principal: { AWS: "*" }, Action: "s3:*", Resource: "r" }] });
    expect(policyJsonBytes([statement])).toBe(expected.length);
  });
});
