/**
 * ARNs of resources whose name our code fixes, built at synth from the account, partition,
 * region and name, so that policy documents naming them are known on a first `terraform plan`
 * instead of `(known after apply)`. No constructs.
 *
 * Formats are AWS's ("Identify AWS resources with Amazon Resource Names (ARNs)", AWS General
 * Reference, and each service's "Actions, resources, and condition keys" page of the Service
 * Authorization Reference). Each equals the `arn` attribute the AWS provider reports for the
 * resource: a test compares them with the resources of the default organization.
 *
 * A literal ARN drops Terraform's implicit dependency on the resource: a policy that names a
 * principal which must exist when the policy is put (a KMS key policy, a trust policy, an S3
 * bucket policy) needs an explicit `dependsOn` on that principal's resource.
 */

/** `arn:<partition>:iam::<account>:role<path><name>` (IAM roles; `path` is `/` unless the role sets one). */
export function iamRoleArn(partition: string, accountId: string, roleName: string, path = "/"): string {
  return `arn:${partition}:iam::${accountId}:role${path}${roleName}`;
}

/**
 * `arn:<partition>:logs:<region>:<account>:log-group:<name>`: the provider's `arn` of
 * `aws_cloudwatch_log_group`, which drops the `:*` the API appends (append `:*` for its streams).
 * Also the value CloudWatch Logs puts in the KMS encryption context `aws:logs:arn`.
 */
export function logGroupArn(partition: string, region: string, accountId: string, logGroupName: string): string {
  return `arn:${partition}:logs:${region}:${accountId}:log-group:${logGroupName}`;
}

/** `arn:<partition>:sns:<region>:<account>:<topic name>`. */
export function snsTopicArn(partition: string, region: string, accountId: string, topicName: string): string {
  return `arn:${partition}:sns:${region}:${accountId}:${topicName}`;
}

/** `arn:<partition>:sqs:<region>:<account>:<queue name>`. */
export function sqsQueueArn(partition: string, region: string, accountId: string, queueName: string): string {
  return `arn:${partition}:sqs:${region}:${accountId}:${queueName}`;
}

/** `arn:<partition>:events:<region>:<account>:rule/<name>`: a rule on the account's default event bus. */
export function eventRuleArn(partition: string, region: string, accountId: string, ruleName: string): string {
  return `arn:${partition}:events:${region}:${accountId}:rule/${ruleName}`;
}

/** `arn:<partition>:s3:::<bucket>`: bucket names are global, so the ARN holds neither region nor account. */
export function s3BucketArn(partition: string, bucketName: string): string {
  return `arn:${partition}:s3:::${bucketName}`;
}
