import { parseArgs } from "../../scripts/review";

describe("parseArgs", () => {
  it("reads the options and the stacks named, with review.md in the working directory by default", () => {
    expect(parseArgs(["--base", "default", "production"])).toEqual({ base: "default", out: `${process.cwd()}/review.md`, stacks: ["production"], plans: undefined, synth: undefined });
    expect(parseArgs(["--plans", "plans", "--synth", "cdktf.out", "--out", "/tmp/r.md"])).toMatchObject({ plans: "plans", synth: "cdktf.out", out: "/tmp/r.md", stacks: [] });
  });

  it("says what is wrong with an option", () => {
    expect(parseArgs(["--out"])).toEqual({ error: "--out needs a value" });
    expect(parseArgs(["--plans", "--out", "x"])).toEqual({ error: "--plans needs a value" });
    expect(parseArgs(["-x"])).toEqual({ error: "unknown option -x; the options are --plans <dir>, --synth <cdktf.out>, --base <environments file>|default, --out <file>" });
    expect(parseArgs(["--plans", "p", "--base", "default"])).toEqual({ error: "--base plans the organization itself; it does not go with --plans" });
    expect(parseArgs(["--synth", "cdktf.out"])).toEqual({ error: "--synth goes with --plans (without --plans the review synthesizes the organization itself)" });
  });
});
