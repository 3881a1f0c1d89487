export * from "./backup-bucket";
export * from "./model";
export * from "./pritunl-vpn";
export * from "./security-group-rules";
export * from "./user-data";
export * from "./vpn-plan";
