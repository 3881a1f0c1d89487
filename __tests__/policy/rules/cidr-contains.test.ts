import { cidrContains } from "../../../src/policy/rules/cidr-contains";

describe("cidrContains", () => {
  it("holds for equal ranges and for subnets inside the range", () => {
    expect(cidrContains("10.120.0.0/16", "10.120.0.0/16")).toBe(true);
    expect(cidrContains("10.120.0.0/16", "10.120.64.0/19")).toBe(true);
  });

  it("fails for ranges outside or larger than the range", () => {
    expect(cidrContains("10.120.0.0/16", "10.121.0.0/19")).toBe(false);
    expect(cidrContains("10.120.0.0/16", "10.0.0.0/8")).toBe(false);
  });

  it("compares IPv6 ranges literally", () => {
    expect(cidrContains("2001:db8::/56", "2001:db8::/56")).toBe(true);
    expect(cidrContains("2001:db8::/56", "2001:db9::/56")).toBe(false);
  });
});
