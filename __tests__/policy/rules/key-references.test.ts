import { customerManagedKey } from "../../../src/policy/rules/key-references";
import { StackContext } from "../../../src/policy/stack-context";

describe("customerManagedKey", () => {
  const ctx = new StackContext("s", { resource: { aws_kms_key: { k: {} } } });

  it("accepts a reference to a key of the stack, a cross-stack reference and a literal key ARN", () => {
    expect(customerManagedKey("${aws_kms_key.k.arn}", ctx)).toBe(true);
    expect(customerManagedKey("${data.terraform_remote_state.x.outputs.key}", ctx)).toBe(true);
    expect(customerManagedKey("arn:aws:kms:us-east-1:111111111111:key/1234abcd", ctx)).toBe(true);
  });

  it("refuses AWS-managed keys, unknown references and empty values", () => {
    expect(customerManagedKey("arn:aws:kms:us-east-1:111111111111:alias/aws/s3", ctx)).toBe(false);
    expect(customerManagedKey("${aws_kms_key.other.arn}", ctx)).toBe(false);
    expect(customerManagedKey("", ctx)).toBe(false);
    expect(customerManagedKey(undefined, ctx)).toBe(false);
  });
});
