export * from "./isolation";
export * from "./peering-network";
export * from "./route-table-plan";
export * from "./vpc-peering";
