import { captureStackTrace as cdktfCapture } from "cdktf/lib/tokens/private/stack-trace";

// The stand-in bin/synth.cjs bundles in place of cdktf's module: plain CommonJS, not part of the TypeScript project.
const { captureStackTrace: lazyCapture } = require("../../bin/lazy-stack-trace.cjs") as { captureStackTrace: typeof cdktfCapture };

/** Captures through both implementations from one call site, so the frames should be the same. */
function bothCaptures(below?: (capture: typeof cdktfCapture) => string[]): [string[], string[]] {
  const [cdktf, lazy] = [cdktfCapture, lazyCapture].map((capture) => (below ?? createToken)(capture));
  return [cdktf, lazy];
}

/** Stands for a token's constructor: the trace starts at its caller. */
function createToken(capture: typeof cdktfCapture): string[] {
  return capture();
}

/** Leaves itself out of the trace, as cdktf's Dependable does with `below`. */
function hiddenConstructor(capture: typeof cdktfCapture): string[] {
  return capture(hiddenConstructor);
}

describe("bin/lazy-stack-trace.cjs, cdktf's token stack trace formatted on first use", () => {
  it("gives the same frames as cdktf's own, as an array", () => {
    const [cdktf, lazy] = bothCaptures();
    expect(cdktf.length).toBeGreaterThan(3);
    expect(cdktf[0]).toContain("lazy-stack-trace.test.ts");
    expect(Array.isArray(lazy)).toBe(true);
    expect(lazy.length).toBe(cdktf.length);
    expect([...lazy]).toEqual(cdktf);
    expect(lazy.join("\n  at ")).toBe(cdktf.join("\n  at "));
    expect(JSON.stringify(lazy)).toBe(JSON.stringify(cdktf));
  });

  it("leaves out the function given as `below` and what it called, as cdktf's does", () => {
    const [cdktf, lazy] = bothCaptures(hiddenConstructor);
    const [, withConstructor] = bothCaptures();
    expect([...lazy]).toEqual(cdktf);
    // One frame fewer than a trace that keeps the constructor (the frames above are the same calls).
    expect(lazy.length).toBe(withConstructor.length - 1);
  });

  it("formats the frames when they are first read, not when captured", () => {
    const previous = Error.prepareStackTrace;
    let formats = 0;
    Error.prepareStackTrace = (error, frames) => {
      formats++;
      return `${String(error)}\n${frames.map((f) => `    at ${f.toString()}`).join("\n")}`;
    };
    try {
      const frames = createToken(lazyCapture);
      expect(formats).toBe(0);
      expect(frames[0]).toMatch(/^createToken /);
      expect(formats).toBe(1);
      expect(frames.length).toBeGreaterThan(3);
      expect(formats).toBe(1);
    } finally {
      Error.prepareStackTrace = previous;
    }
  });

  it("formats before the array is frozen or changed, so those behave as on cdktf's array", () => {
    const [cdktf, lazy] = bothCaptures();
    Object.freeze(lazy);
    expect(Object.isFrozen(lazy)).toBe(true);
    expect([...lazy]).toEqual(cdktf);

    const [, changed] = bothCaptures();
    Object.defineProperty(changed, "note", { value: "x", enumerable: false });
    expect(changed.length).toBe(cdktf.length);
  });

  it("tries again on the next read when formatting throws", () => {
    const previous = Error.prepareStackTrace;
    Error.prepareStackTrace = () => {
      throw new Error("formatter broke");
    };
    let frames: string[];
    let firstRead: unknown;
    try {
      frames = createToken(lazyCapture);
      // No expect() here: jest itself reads stack traces, which this formatter breaks.
      try {
        void frames.length;
      } catch (e) {
        firstRead = e;
      }
    } finally {
      Error.prepareStackTrace = previous;
    }
    expect(firstRead).toEqual(new Error("formatter broke"));
    expect(frames.length).toBeGreaterThan(3);
    expect(frames[0]).toContain("lazy-stack-trace.test.ts");
  });
});
