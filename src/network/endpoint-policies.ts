/**
 * VPC endpoint policies (POLICY.md, second wave: "an endpoint policy limited to the organization's
 * accounts and the AWS-owned resources the workloads need"), as IAM policy documents. Pure: no
 * constructs. An endpoint policy does not grant anything; it bounds what identity and resource
 * policies may do through the endpoint
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html).
 */

/** One statement of an endpoint policy. */
export interface EndpointPolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Principal: "*";
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Record<string, Record<string, readonly string[]>>;
}

/** An endpoint policy document. */
export interface EndpointPolicy {
  readonly Version: "2012-10-17";
  readonly Statement: readonly EndpointPolicyStatement[];
}

/** Options of the policies. */
export interface EndpointPolicyOptions {
  /** The organization's accounts (environments, state, public zone). */
  readonly organizationAccountIds: readonly string[];
  /** AWS partition of the VPC. */
  readonly partition: string;
  /** Region of the VPC. */
  readonly region: string;
}

/** Only the organization's principals acting on the organization's resources. */
function organizationOnly(sid: string, action: string, accounts: readonly string[]): EndpointPolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: "*",
    Action: action,
    Resource: "*",
    Condition: { StringEquals: { "aws:PrincipalAccount": [...accounts], "aws:ResourceAccount": [...accounts] } },
  };
}

/**
 * AWS-owned S3 buckets that nodes and the OS read through the S3 gateway endpoint, read-only:
 * - ECR image layers: `prod-<region>-starport-layer-bucket`, "Minimum Amazon S3 bucket permissions
 *   for Amazon ECR" in https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html;
 * - Amazon Linux 2023 package repositories `al2023-repos-<region>-<suffix>` (AWS names
 *   `al2023-repos-<region>-de612dc2`, e.g. in the Application Migration Service network
 *   requirements; the suffix is matched by `*` so a new one keeps working) and Amazon Linux 2's
 *   `amazonlinux-2-repos-<region>` (AWS knowledge center, "update yum without internet access on
 *   Amazon Linux 2");
 * - SSM Agent's buckets `aws-ssm-<region>` and `amazon-ssm-<region>`
 *   (https://docs.aws.amazon.com/systems-manager/latest/userguide/ssm-agent-minimum-s3-permissions.html).
 */
export function awsOwnedReadOnlyBuckets(partition: string, region: string): string[] {
  const s3 = (bucketAndKey: string) => `arn:${partition}:s3:::${bucketAndKey}`;
  return [
    s3(`prod-${region}-starport-layer-bucket/*`),
    s3(`al2023-repos-${region}-*/*`),
    s3(`amazonlinux-2-repos-${region}/*`),
    s3(`aws-ssm-${region}/*`),
    s3(`amazon-ssm-${region}/*`),
  ];
}

/** The S3 gateway endpoint: the organization's buckets by its principals, and the AWS-owned buckets above read-only. */
export function s3GatewayEndpointPolicy(options: EndpointPolicyOptions): EndpointPolicy {
  return {
    Version: "2012-10-17",
    Statement: [
      organizationOnly("OrganizationBuckets", "s3:*", options.organizationAccountIds),
      { Sid: "AwsOwnedBucketsReadOnly", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: awsOwnedReadOnlyBuckets(options.partition, options.region) },
    ],
  };
}

/** The DynamoDB gateway endpoint: the organization's tables by its principals. */
export function dynamodbGatewayEndpointPolicy(options: EndpointPolicyOptions): EndpointPolicy {
  return { Version: "2012-10-17", Statement: [organizationOnly("OrganizationTables", "dynamodb:*", options.organizationAccountIds)] };
}

/**
 * An interface endpoint of an AWS API: calls by the organization's principals (nodes pull EKS
 * add-on images from AWS's ECR accounts, so the resource may be AWS's), and calls on the
 * organization's resources (IRSA's `sts:AssumeRoleWithWebIdentity` is signed by no AWS principal,
 * so only the role's account identifies it). A foreign principal acting on a foreign resource, the
 * exfiltration path, matches neither.
 */
export function interfaceEndpointPolicy(options: EndpointPolicyOptions): EndpointPolicy {
  const accounts = [...options.organizationAccountIds];
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "OrganizationPrincipals", Effect: "Allow", Principal: "*", Action: "*", Resource: "*", Condition: { StringEquals: { "aws:PrincipalAccount": accounts } } },
      { Sid: "OrganizationResources", Effect: "Allow", Principal: "*", Action: "*", Resource: "*", Condition: { StringEquals: { "aws:ResourceAccount": accounts } } },
    ],
  };
}
