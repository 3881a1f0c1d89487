export * from "./addon-versions";
export * from "./cluster-attributes";
export * from "./eks-cluster";
export * from "./eks-util";
export * from "./external-dns-policy";
export * from "./external-dns-records-role";
export * from "./irsa-role";
export * from "./managed-node-group";
