import { clip, describeValue, formatPath, MAX_LISTED_PROBLEMS, ModelError, oneLine } from "../../src/model/problems";

describe("formatPath", () => {
  it("joins keys with dots and puts list indexes in brackets", () => {
    expect(formatPath(["environments", "production", "eks", "nodeGroups", 0, "name"])).toBe("environments.production.eks.nodeGroups[0].name");
  });

  it("quotes keys that are not plain names", () => {
    expect(formatPath(["tags", "kubernetes.io/role"])).toBe('tags["kubernetes.io/role"]');
    expect(formatPath(["environments", "123"])).toBe('environments["123"]');
  });

  it("cuts a long key", () => {
    expect(formatPath(["k".repeat(1000)])).toBe(`["${"k".repeat(78)}…]`);
  });

  it("names the top level", () => {
    expect(formatPath([])).toBe("(top level)");
  });
});

describe("describeValue", () => {
  it("shows short values as JSON-like text", () => {
    expect(describeValue("perAZ")).toBe('"perAZ"');
    expect(describeValue([1, "a", null])).toBe('[1, "a", null]');
    expect(describeValue({ a: 1, b: [true] })).toBe("{a: 1, b: [true]}");
  });

  it("cuts any value at 80 characters", () => {
    expect(describeValue("x".repeat(10_000))).toBe(`"${"x".repeat(78)}…`);
    expect(describeValue(Array.from({ length: 10_000 }, (_, i) => i))).toHaveLength(80);
  });

  it("shows a value that refers to itself without walking it forever", () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(describeValue(loop)).toMatch(/^\{self: \{self: \{self: .*…$/);
    expect(describeValue(loop)).toHaveLength(80);
  });

  it("names values that are not plain data by their kind", () => {
    expect(describeValue(Buffer.from("hi"))).toBe("a Buffer");
    expect(describeValue(undefined)).toBe("nothing");
  });
});

describe("clip", () => {
  it("leaves short text alone and ends cut text with an ellipsis", () => {
    expect(clip("short", 10)).toBe("short");
    expect(clip("0123456789abc", 10)).toBe("012345678…");
  });
});

describe("oneLine", () => {
  it("escapes line breaks and control characters", () => {
    expect(oneLine("a\nb\u0000c\u2028d")).toBe("a\\nb\\u0000c\\u2028d");
  });

  it("cuts an unbroken run longer than 100 characters", () => {
    expect(oneLine(`value ${"z".repeat(500)} is bad`)).toBe(`value ${"z".repeat(99)}… is bad`);
  });
});

describe("ModelError", () => {
  it("counts every problem in its headline and lists each on its own line", () => {
    const error = new ModelError("acme.yaml", ["a (line 1): bad", "b (line 2): worse"]);
    expect(error.message).toBe("acme.yaml: 2 problems in the environments file:\n  - a (line 1): bad\n  - b (line 2): worse");
    expect(error.name).toBe("ModelError");
  });

  it(`lists at most ${MAX_LISTED_PROBLEMS} problems and counts the rest`, () => {
    const error = new ModelError("big.yaml", Array.from({ length: 75 }, (_, i) => `k${i} (line ${i + 1}): unknown key`));
    expect(error.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(error.message.split("\n")).toHaveLength(MAX_LISTED_PROBLEMS + 2);
    expect(error.message).toMatch(/^big\.yaml: 75 problems in the environments file:\n[\s\S]*\n {2}\.\.\. and 25 more; fix these first, then load the file again$/);
  });
});
