export * from "./port-set";
export * from "./network-facts";
export * from "./reachability";
export * from "./organization-diagram";
export * from "./svg";
export * from "./mermaid";
