export * from "./addon-versions";
export * from "./cluster-attributes";
export * from "./eks-cluster";
export * from "./eks-util";
export * from "./irsa-role";
export * from "./managed-node-group";
export * from "./node-security-group";
export * from "./node-security-group-rules";
