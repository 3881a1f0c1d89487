export * from "./access-log-bucket";
export * from "./bucket-guardrails";
export * from "./lock-table";
export * from "./policy-statements";
export * from "./state-bucket";
export * from "./state-key";
export * from "./model";
export * from "./state-backend-role";
