import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { TerraformOutput, Testing } from "cdktf";
import { LandingZoneStack } from "../../src/stacks/landing-zone-stack";
import { LockTable } from "../../src/state/lock-table";

const KEY_ARN = "arn:aws:kms:us-east-1:111111111111:key/11111111-2222-3333-4444-555555555555";

describe("LockTable", () => {
  describe("with a name and a key", () => {
    const stack = new LandingZoneStack(Testing.app(), "test");
    const table = new LockTable(stack, "lock-table", { tableName: "acme-terraform-locks", kmsKeyArn: KEY_ARN });
    new TerraformOutput(stack, "name", { value: table.tableName });
    const synth = Testing.synth(stack);

    it("has the S3 backend's schema: a string hash key named LockID", () => {
      expect(synth).toHaveResourceWithProperties(DynamodbTable, {
        name: "acme-terraform-locks",
        hash_key: "LockID",
        attribute: [{ name: "LockID", type: "S" }],
      });
    });

    it("bills on demand", () => {
      expect(synth).toHaveResourceWithProperties(DynamodbTable, { billing_mode: "PAY_PER_REQUEST" });
    });

    it("turns on point-in-time recovery", () => {
      expect(synth).toHaveResourceWithProperties(DynamodbTable, { point_in_time_recovery: { enabled: true } });
    });

    it("encrypts with the customer-managed key", () => {
      expect(synth).toHaveResourceWithProperties(DynamodbTable, { server_side_encryption: { enabled: true, kms_key_arn: KEY_ARN } });
    });

    it("is protected from deletion in AWS and in Terraform", () => {
      expect(synth).toHaveResourceWithProperties(DynamodbTable, {
        deletion_protection_enabled: true,
        lifecycle: { prevent_destroy: true },
      });
    });

    it("exposes the table name as a reference", () => {
      expect(JSON.parse(synth).output.name.value).toBe("${aws_dynamodb_table.lock-table_table.name}");
    });
  });
});
