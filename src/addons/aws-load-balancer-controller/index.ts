/** The AWS Load Balancer Controller add-on: chart pin, IAM policy, IRSA role, values, release, ingress-nginx Service shape. */
export * from "./aws-load-balancer-controller";
export * from "./chart";
export * from "./iam-policy";
export * from "./ingress-nginx-service";
export * from "./role";
export * from "./values";
