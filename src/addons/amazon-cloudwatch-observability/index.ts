export * from "./addon";
export * from "./container-insights";
