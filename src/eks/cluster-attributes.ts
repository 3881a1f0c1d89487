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
  /** IRSA role of ExternalDNS (service account external-dns/external-dns). */
  readonly externalDnsRoleArn: string;
  /**
   * Role in the public zone's account that ExternalDNS assumes to change records (`--aws-assume-role`),
   * when the cluster runs in another account. Undefined: the IRSA role changes the zone itself.
   */
  readonly externalDnsAssumeRoleArn?: string;
}

/** The Kubernetes group the read-only access entry maps principals to; the platform binds a read-only ClusterRole to it. */
export const READ_ONLY_GROUP = "platform-read-only";

/** Namespace and service account names the IRSA trust policies are bound to. */
export const SERVICE_ACCOUNTS = {
  externalDns: { namespace: "external-dns", name: "external-dns" },
  vpcCni: { namespace: "kube-system", name: "aws-node" },
  ebsCsi: { namespace: "kube-system", name: "ebs-csi-controller-sa" },
} as const;
