export * from "./aws-provider";
export * from "./environment-stack";
export * from "./landing-zone-stack";
export * from "./peering-stack";
export * from "./platform-stack";
export * from "./s3-backend";
export * from "./state-stack";
export * from "./dns-stack";
