import { RESERVED_NAMESPACES } from "../model/naming";
import { AWS_LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT } from "./aws-load-balancer-controller/values";
import { ADDONS } from "./registry";

describe("ADDONS", () => {
  it("names each add-on once", () => {
    const names = ADDONS.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("reserves every add-on's namespace, so no application namespace can take it", () => {
    const namespaces = [...ADDONS.map((a) => a.namespace), AWS_LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT.namespace];
    expect(namespaces.filter((ns) => !RESERVED_NAMESPACES.includes(ns))).toEqual([]);
  });
});
