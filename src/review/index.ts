/** The plan review of `npm run review` (scripts/review.ts): pure functions over `terraform show -json` plans. */
export * from "./changes";
export * from "./deploy-order";
export * from "./exposure";
export * from "./network-rules";
export * from "./plan-json";
export * from "./policies";
export * from "./report";
export * from "./network-picture";
