export * from "./org";
export * from "./load";
export * from "./problems";
export * from "./naming";
export * from "./arns";
export * from "./cidr";
export * from "./subnet-plan";
export * from "./kubernetes-versions";
export { environmentsFileSchema, type EnvironmentsFileInput } from "./schema";
