/** Whether a key attribute names a customer-managed KMS key. No constructs. */
import type { StackContext } from "../stack-context";

/**
 * A customer-managed key: a reference to an aws_kms_key or aws_kms_alias of the stack, a
 * cross-stack reference, or a literal key ARN; never an AWS-managed `alias/aws/...` key.
 */
export function customerManagedKey(value: unknown, ctx: StackContext): boolean {
  if (typeof value !== "string" || value === "") return false;
  if (value.includes("alias/aws/")) return false;
  if (value.includes("${")) return !!ctx.resolve(value, "aws_kms_key", "aws_kms_alias") || value.includes("terraform_remote_state");
  return /^arn:aws[\w-]*:kms:[^:]*:\d{12}:key\//.test(value);
}
