/** Where Karpenter runs and what names tie its two sides together. No constructs. */

/** The namespace and service account Karpenter runs as; its IRSA role trusts exactly this one. */
export const KARPENTER_SERVICE_ACCOUNT = { namespace: "karpenter", name: "karpenter" } as const;

/** The tag Karpenter's EC2NodeClass selects subnets and security groups by (value: the cluster name). */
export const KARPENTER_DISCOVERY_TAG = "karpenter.sh/discovery";
