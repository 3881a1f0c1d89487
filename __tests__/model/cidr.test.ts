import { cidrSubnet, contains, overlaps, parseCidr } from "../../src/model/cidr";

describe("cidr", () => {
  describe("parseCidr", () => {
    it("parses a canonical network", () => {
      expect(parseCidr("10.120.0.0/16")).toEqual({ base: "10.120.0.0", prefix: 16, first: 175636480, last: 175636480 + 65535 });
    });

    it("explains host bits with the network that was meant", () => {
      expect(parseCidr("10.120.5.0/16")).toMatch(/did you mean 10\.120\.0\.0\/16/);
    });

    it("rejects octets out of range and missing prefixes", () => {
      expect(parseCidr("10.256.0.0/16")).toBe("is not a valid IPv4 CIDR");
      expect(parseCidr("10.1.0.0")).toBe("needs a prefix length, such as /16");
    });
  });

  describe("cidrSubnet", () => {
    it("matches Terraform's cidrsubnet", () => {
      expect(cidrSubnet("10.130.0.0/16", 3, 2)).toBe("10.130.64.0/19");
      expect(cidrSubnet("10.130.0.0/16", 6, 48)).toBe("10.130.192.0/22");
      expect(cidrSubnet("10.0.0.0/8", 8, 255)).toBe("10.255.0.0/16");
    });

    it("refuses a network number that does not fit", () => {
      expect(() => cidrSubnet("10.0.0.0/16", 2, 4)).toThrow(/does not fit in 2 bits/);
      expect(() => cidrSubnet("10.0.0.0/30", 3, 0)).toThrow(/no room/);
    });
  });

  describe("overlaps and contains", () => {
    it("detects shared addresses in either order", () => {
      expect(overlaps("10.0.0.0/16", "10.0.255.0/24")).toBe(true);
      expect(overlaps("10.0.255.0/24", "10.0.0.0/16")).toBe(true);
      expect(overlaps("10.0.0.0/16", "10.1.0.0/16")).toBe(false);
    });

    it("knows when a network lies inside another", () => {
      expect(contains("10.0.0.0/16", "10.0.4.0/22")).toBe(true);
      expect(contains("10.0.4.0/22", "10.0.0.0/16")).toBe(false);
    });
  });
});
