/**
 * Pure helpers of the EKS area (no constructs): ARNs of AWS-managed policies, node taint
 * effects, construct ids for IAM principals. Kept apart from the constructs so that they
 * have their own small tests, as aws-ec2 keeps `network-util.ts` apart from `vpc.ts`.
 */

/** ARN of an AWS-managed IAM policy, built from the model's partition (no data source). */
export function managedPolicyArn(partition: string, name: string): string {
  return `arn:${partition}:iam::aws:policy/${name}`;
}

/** ARN of an EKS access policy (`AmazonEKSClusterAdminPolicy`, `AmazonEKSViewPolicy`, ...). */
export function eksAccessPolicyArn(partition: string, name: string): string {
  return `arn:${partition}:eks::aws:cluster-access-policy/${name}`;
}

/** The AWS-managed policies each role of the cluster gets. */
export const MANAGED_POLICIES = {
  cluster: ["AmazonEKSClusterPolicy"],
  /** Deliberately without AmazonEKS_CNI_Policy: the VPC CNI gets it through its own IRSA role. */
  node: ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly"],
  vpcCni: ["AmazonEKS_CNI_Policy"],
  ebsCsi: ["service-role/AmazonEBSCSIDriverPolicy"],
} as const;

/** The five control-plane log types (CIS EKS 2.1.1, CKV_AWS_37). */
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/** Kubernetes taint effect (`NoSchedule`) -> the EKS API's spelling (`NO_SCHEDULE`). */
export function nodeGroupTaintEffect(effect: "NoSchedule" | "NoExecute" | "PreferNoSchedule"): string {
  switch (effect) {
    case "NoSchedule":
      return "NO_SCHEDULE";
    case "NoExecute":
      return "NO_EXECUTE";
    case "PreferNoSchedule":
      return "PREFER_NO_SCHEDULE";
  }
}

/**
 * A stable, readable construct id for an IAM principal ARN:
 * `arn:aws:iam::111111111111:role/team/platform-admin` -> `111111111111-role-platform-admin`.
 * Account, principal type and name keep it unique within a cluster's access entries; it changes
 * only when the principal does (which replaces the access entry anyway).
 */
export function principalId(arn: string): string {
  const match = /^arn:[^:]+:(?:iam|sts)::(\d{12}):([a-z-]+)\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!match) throw new Error(`${arn} is not an IAM principal ARN (arn:<partition>:iam::<account>:role/<name>)`);
  const [, account, type, name] = match;
  return `${account}-${type}-${name}`.replace(/[^A-Za-z0-9-]/g, "-");
}

/** The OIDC `sub` claim of a Kubernetes service account. */
export function serviceAccountSubject(serviceAccount: { readonly namespace: string; readonly name: string }): string {
  return `system:serviceaccount:${serviceAccount.namespace}:${serviceAccount.name}`;
}
