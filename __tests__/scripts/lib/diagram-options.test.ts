import { parseDiagramOptions } from "../../../scripts/lib/diagram-options";

describe("parseDiagramOptions", () => {
  it("writes organization.svg by default and takes each output's file name", () => {
    expect(parseDiagramOptions([])).toEqual({ out: "organization.svg", mermaid: undefined, json: undefined });
    expect(parseDiagramOptions(["--out", "docs/organization.svg", "--mermaid", "a.mmd", "--json", "m.json"])).toEqual({ out: "docs/organization.svg", mermaid: "a.mmd", json: "m.json" });
  });

  it("rejects an unknown argument, naming the ones it takes", () => {
    expect(() => parseDiagramOptions(["--output", "x.svg"])).toThrow("unknown argument --output: npm run diagram takes --out <file>, --mermaid <file>, --json <file>");
    expect(() => parseDiagramOptions(["x.svg"])).toThrow(/^unknown argument x\.svg/);
  });

  it("rejects an option without its file name, or given twice", () => {
    expect(() => parseDiagramOptions(["--out"])).toThrow("--out needs a file name, e.g. --out docs/organization.svg");
    expect(() => parseDiagramOptions(["--mermaid", "--json", "m.json"])).toThrow("--mermaid needs a file name, e.g. --mermaid docs/organization.mmd");
    expect(() => parseDiagramOptions(["--json", "a", "--json", "b"])).toThrow("--json is given twice");
  });
});
