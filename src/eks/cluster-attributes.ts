/**
 * What the platform stack needs to know about a cluster. The `<env>` stack's EksCluster
 * implements it with tokens; cdktf turns them into cross-stack references.
 */
export interface ClusterAttributes {
  /** EKS cluster name. */
  readonly clusterName: string;
  /** API server endpoint URL. */
  readonly clusterEndpoint: string;
  /** Base64 certificate authority data of the API server. */
  readonly clusterCertificateAuthorityData: string;
  /** ARN of the IAM OIDC provider for IRSA. */
  readonly oidcProviderArn: string;
  /** OIDC issuer URL (https://oidc.eks...). */
  readonly oidcIssuerUrl: string;
  /** AWS-side output values of the cluster's add-ons (role ARNs) by add-on name. */
  readonly addonOutputs: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

/** The Kubernetes group the read-only access entry maps principals to; the platform binds a read-only ClusterRole to it. */
export const READ_ONLY_GROUP = "platform-read-only";

/** Namespace and service account names the IRSA trust policies are bound to. */
export const SERVICE_ACCOUNTS = {
  vpcCni: { namespace: "kube-system", name: "aws-node" },
  ebsCsi: { namespace: "kube-system", name: "ebs-csi-controller-sa" },
} as const;
