export * from "./transit-gateway-hub";
export * from "./transit-gateway-peering";
