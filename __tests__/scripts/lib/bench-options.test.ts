import { parseBenchArgs } from "../../../scripts/lib/bench-options";

describe("parseBenchArgs", () => {
  describe("no arguments", () => {
    it("measures 5 rounds of organizations of 10 and 50 environments and checks the targets", () => {
      expect(parseBenchArgs([])).toEqual({ runs: 5, sizes: [10, 50], check: true });
    });
  });

  describe("every option", () => {
    it("reads runs, sizes and --no-check", () => {
      expect(parseBenchArgs(["--runs", "5", "--sizes", "20,100", "--no-check"])).toEqual({ runs: 5, sizes: [20, 100], check: false });
    });
  });

  describe("bad values", () => {
    it("names the flag and the value", () => {
      expect(() => parseBenchArgs(["--runs", "0"])).toThrow("--runs must be a positive integer; got 0");
      expect(() => parseBenchArgs(["--sizes", "10,x"])).toThrow("--sizes must be comma-separated positive integers; got 10,x");
      expect(() => parseBenchArgs(["--fast"])).toThrow(/unknown option --fast/);
    });
  });
});
