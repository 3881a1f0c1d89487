import { formatTable } from "../../../scripts/lib/table";

describe("formatTable", () => {
  describe("rows wider than the headers", () => {
    it("pads every column to its widest cell and rules the header", () => {
      expect(formatTable(["stack", "plan"], [["production", "ok"], ["state", "-"]])).toBe(
        ["stack       plan", "----------  ----", "production  ok", "state       -"].join("\n"),
      );
    });
  });

  describe("no rows", () => {
    it("prints the header and the rule", () => {
      expect(formatTable(["a", "b"], [])).toBe("a  b\n-  -");
    });
  });
});
