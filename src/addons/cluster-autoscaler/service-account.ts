/** The service account the Cluster Autoscaler runs as, which its IRSA role trusts and its chart creates. */
export const CLUSTER_AUTOSCALER_SERVICE_ACCOUNT = { namespace: "cluster-autoscaler", name: "cluster-autoscaler" } as const;
