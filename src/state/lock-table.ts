/**
 * The DynamoDB table the S3 backends lock state with when the model chooses
 * `locking: dynamodb` (deprecated by Terraform 1.11 in favour of the S3 lockfile, kept as the
 * option). On demand, point-in-time recovery, encrypted with the state key.
 */
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { Construct } from "constructs";

export interface LockTableProps {
  /** Name of the table; the S3 backends' `dynamodb_table`. */
  readonly tableName: string;
  /** ARN of the customer-managed KMS key that encrypts the table. */
  readonly kmsKeyArn: string;
}

export class LockTable extends Construct {
  /** Name of the table. */
  public readonly tableName: string;
  /** ARN of the table. */
  public readonly tableArn: string;

  constructor(scope: Construct, id: string, props: LockTableProps) {
    super(scope, id);
    const table = new DynamodbTable(this, "table", {
      name: props.tableName,
      // The S3 backend's fixed schema: a string hash key named LockID.
      hashKey: "LockID",
      attribute: [{ name: "LockID", type: "S" }],
      billingMode: "PAY_PER_REQUEST",
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: props.kmsKeyArn },
      deletionProtectionEnabled: true,
      lifecycle: { preventDestroy: true },
    });
    this.tableName = table.name;
    this.tableArn = table.arn;
  }
}
