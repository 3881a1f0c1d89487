import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Testing } from "cdktf";
import { LandingZoneStack } from "../../src/stacks/landing-zone-stack";
import { StateBackendRole, type StateBackendRoleProps } from "../../src/state/state-backend-role";

const BUCKET_ARN = "arn:aws:s3:::acme-terraform-state";
const KEY_ARN = "arn:aws:kms:us-east-1:111111111111:key/k";
const props: StateBackendRoleProps = {
  roleName: "acme-development-platform-state",
  trustedPrincipalArn: "arn:aws:iam::333333333333:role/deploy",
  bucketArn: BUCKET_ARN,
  bucketName: "acme-terraform-state",
  stateKey: "development/platform.tfstate",
  readKeys: ["development/network-cluster.tfstate"],
  kmsKeyArn: KEY_ARN,
  region: "us-east-1",
};

function build(p: StateBackendRoleProps = props) {
  const stack = new LandingZoneStack(Testing.app(), "test");
  const role = new StateBackendRole(stack, "backend-role", p);
  const synth = Testing.synth(stack);
  const docs = JSON.parse(synth).data.aws_iam_policy_document;
  const bySid = new Map<string, any>(docs["backend-role_access"].statement.map((s: any) => [s.sid, s]));
  return { role, synth, trust: docs["backend-role_trust"], bySid };
}

describe("StateBackendRole", () => {
  describe("with lock-file locking and one consumed key", () => {
    const { synth, trust, bySid } = build();

    it("creates the named role with an inline policy", () => {
      expect(synth).toHaveResourceWithProperties(IamRole, { name: "acme-development-platform-state" });
      expect(synth).toHaveResourceWithProperties(IamRolePolicy, { role: "${aws_iam_role.backend-role_role.name}" });
    });

    it("is trusted by the stack's deployer only, never an account root or *", () => {
      expect(trust.statement).toEqual([
        expect.objectContaining({ actions: ["sts:AssumeRole"], principals: [{ type: "AWS", identifiers: ["arn:aws:iam::333333333333:role/deploy"] }] }),
      ]);
    });

    it("reads and writes only its own key, and locks only its own lock file", () => {
      expect(bySid.get("ReadWriteOwnState").resources).toEqual([`${BUCKET_ARN}/development/platform.tfstate`]);
      expect(bySid.get("LockOwnState").resources).toEqual([`${BUCKET_ARN}/development/platform.tfstate.tflock`]);
    });

    it("only reads the consumed key", () => {
      expect(bySid.get("ReadConsumedState")).toMatchObject({ actions: ["s3:GetObject"], resources: [`${BUCKET_ARN}/development/network-cluster.tfstate`] });
    });

    it("uses the state key only through S3 and only for its own objects' encryption context", () => {
      expect(bySid.get("UseStateKeyForOwnObjects").condition).toEqual([
        { test: "StringEquals", variable: "kms:ViaService", values: ["s3.us-east-1.amazonaws.com"] },
        {
          test: "StringEquals",
          variable: "kms:EncryptionContext:aws:s3:arn",
          values: [`${BUCKET_ARN}/development/platform.tfstate`, `${BUCKET_ARN}/development/platform.tfstate.tflock`],
        },
      ]);
      expect(bySid.get("DecryptConsumedState")).toMatchObject({ actions: ["kms:Decrypt"] });
    });

    it("has no DynamoDB access", () => {
      expect(bySid.has("LockOwnStateInTable")).toBe(false);
    });
  });

  describe("with a DynamoDB lock table", () => {
    const { bySid } = build({ ...props, readKeys: [], lockTableArn: "arn:aws:dynamodb:us-east-1:111111111111:table/locks", lockTableName: "locks" });

    it("locks only its own items", () => {
      expect(bySid.get("LockOwnStateInTable").condition).toEqual([
        {
          test: "ForAllValues:StringEquals",
          variable: "dynamodb:LeadingKeys",
          values: ["acme-terraform-state/development/platform.tfstate", "acme-terraform-state/development/platform.tfstate-md5"],
        },
      ]);
    });

    it("has no lock file grant and no consumed keys", () => {
      expect(bySid.has("LockOwnState")).toBe(false);
      expect(bySid.has("ReadConsumedState")).toBe(false);
      expect(bySid.has("DecryptConsumedState")).toBe(false);
    });
  });

  describe("while upgrading (allowBucketKeyDecrypt)", () => {
    it("also decrypts objects whose encryption context is the bucket ARN", () => {
      const { bySid } = build({ ...props, allowBucketKeyDecrypt: true });
      expect(bySid.get("DecryptConsumedState").condition[1].values).toContain(BUCKET_ARN);
    });
  });

  describe("with both lock mechanisms", () => {
    it("throws, naming the construct", () => {
      expect(() => build({ ...props, lockFile: true, lockTableArn: "arn:aws:dynamodb:us-east-1:111111111111:table/locks" })).toThrow(
        /test\/backend-role: lockFile and lockTableArn conflict/,
      );
    });
  });
});
