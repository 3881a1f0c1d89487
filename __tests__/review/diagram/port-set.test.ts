import { covers, formatPorts, intersect, normalize, portRange, subtract, union } from "../../../src/review/diagram";

describe("port sets", () => {
  it("merge overlapping and adjacent ranges and drop empty ones", () => {
    expect(normalize([[10, 20], [21, 30], [5, 12], [40, 39]])).toEqual([[5, 30]]);
    expect(union([[443, 443]], [[80, 80]])).toEqual([[80, 80], [443, 443]]);
  });

  it("intersect and subtract range by range", () => {
    expect(intersect([[0, 65535]], [[22, 22], [1024, 2048]])).toEqual([[22, 22], [1024, 2048]]);
    expect(subtract([[1024, 65535]], [[3389, 3389]])).toEqual([[1024, 3388], [3390, 65535]]);
    expect(covers([[1024, 3388], [3390, 65535]], portRange(32768, 61000))).toBe(true);
    expect(covers([[1024, 3388], [3390, 65535]], portRange(3000, 4000))).toBe(false);
  });

  it("print as ports and ranges, or all", () => {
    expect(formatPorts([[3306, 3306], [5432, 5432], [1024, 65535]])).toBe("3306,5432,1024-65535");
    expect(formatPorts([[0, 65535]])).toBe("all");
    expect(portRange(5, 4)).toEqual([]);
  });
});
