import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The launcher's build record: plain CommonJS, not part of the TypeScript project.
interface BuildRecord {
  digest: string;
  context: unknown;
  files: { path: string; stat?: string; sha256?: string }[];
  dirs: { path: string; stat?: string; stems: Record<string, string | null> }[];
}
interface Recorder {
  readFile(path: string): Buffer;
  trackFile(path: string): void;
  probe(dir: string, stem: string): void;
  finish(context: unknown): BuildRecord;
}
const { Recorder, staleReason, writeStamp } = require("../../bin/build-record.cjs") as {
  Recorder: new (stampFile: string) => Recorder;
  staleReason: (record: BuildRecord, context: unknown) => string | undefined;
  writeStamp: (stampFile: string) => void;
};

const CONTEXT = { root: "/project" };
/** A modification time in whole seconds, which utimes can set exactly, well before any stamp. */
const OLD = new Date("2026-01-01T00:00:00Z");

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "lz-record-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * A project folder with `files` (dated OLD) and whatever `setup` adds, recorded as a build that
 * read every file and looked up `lib/util`, after a stamp written as bin/synth.cjs writes it.
 */
function recordedProject(name: string, files: Record<string, string>, setup?: (dir: string) => void): { dir: string; record: () => BuildRecord } {
  const dir = join(work, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
    utimesSync(join(dir, path), OLD, OLD);
  }
  setup?.(dir);
  const stamp = join(work, `${name}.stamp`);
  writeStamp(stamp);
  const recorder = new Recorder(stamp);
  for (const path of Object.keys(files)) recorder.readFile(join(dir, path));
  recorder.probe(join(dir, "lib"), "util");
  recorder.probe(join(dir, "lib", "util"), "index");
  recorder.trackFile(join(dir, "tsconfig.json"));
  const record = recorder.finish(CONTEXT);
  // As bin/synth.cjs reads it back: through JSON.
  return { dir, record: () => JSON.parse(JSON.stringify(record)) as BuildRecord };
}

const FILES = { "main.ts": 'import { u } from "./lib/util";\n', "lib/util/index.ts": 'export const u = "v1";\n' };

describe("bin/build-record.cjs", () => {
  it("finds nothing stale while nothing changed", () => {
    const { record } = recordedProject("unchanged", FILES);
    expect(staleReason(record(), CONTEXT)).toBeUndefined();
  });

  it("names the same digest for the same content, and another for other content", () => {
    const a = recordedProject("digest-a", FILES).record();
    const b = recordedProject("digest-b", FILES).record();
    // Different folders: different paths, so different digests; the same folder again gives the same one.
    expect(a.digest).not.toBe(b.digest);
    const again = recordedProject("digest-a", FILES).record();
    expect(again.digest).toBe(a.digest);
  });

  it("sees a content change that keeps the size and the modification time", () => {
    const { dir, record } = recordedProject("same-size", FILES);
    const file = join(dir, "lib", "util", "index.ts");
    writeFileSync(file, 'export const u = "v2";\n');
    utimesSync(file, OLD, OLD);
    expect(staleReason(record(), CONTEXT)).toBe(`${file} changed`);
  });

  it("accepts a file rewritten with the same content (hashed, since its stat changed)", () => {
    const { dir, record } = recordedProject("touched", FILES);
    const file = join(dir, "main.ts");
    writeFileSync(file, readFileSync(file));
    expect(staleReason(record(), CONTEXT)).toBeUndefined();
  });

  it("sees a removed file", () => {
    const { dir, record } = recordedProject("removed", FILES);
    unlinkSync(join(dir, "main.ts"));
    expect(staleReason(record(), CONTEXT)).toBe(`${join(dir, "main.ts")} is gone`);
  });

  it("sees a new file an import would now resolve to", () => {
    const { dir, record } = recordedProject("shadowed", FILES);
    writeFileSync(join(dir, "lib", "util.ts"), 'export const u = "shadow";\n');
    expect(staleReason(record(), CONTEXT)).toBe(`what ${join(dir, "lib", "util")} resolves to changed`);
  });

  it("sees a symbolic link pointed elsewhere under the same name", () => {
    const { dir, record } = recordedProject("relinked", { ...FILES, "lib/a.ts": "a\n", "lib/b.ts": "b\n" }, (d) => symlinkSync("a.ts", join(d, "lib", "util.ts")));
    expect(record().dirs.find((d) => d.path === join(dir, "lib"))?.stems.util).toBe("util.ts -> a.ts\nutil/");
    unlinkSync(join(dir, "lib", "util.ts"));
    symlinkSync("b.ts", join(dir, "lib", "util.ts"));
    expect(staleReason(record(), CONTEXT)).toBe(`what ${join(dir, "lib", "util")} resolves to changed`);
  });

  it("ignores unrelated new files beside the inputs (an editor's swap file)", () => {
    const { dir, record } = recordedProject("swap", FILES);
    writeFileSync(join(dir, "lib", ".util.ts.swp"), "x");
    expect(staleReason(record(), CONTEXT)).toBeUndefined();
  });

  it("sees a file that was absent and now exists", () => {
    const { dir, record } = recordedProject("appeared", FILES);
    writeFileSync(join(dir, "tsconfig.json"), "{}");
    expect(staleReason(record(), CONTEXT)).toBe(`${join(dir, "tsconfig.json")} appeared`);
  });

  it("distrusts a directory that changed while the build ran", () => {
    const dir = join(work, "racing");
    mkdirSync(join(dir, "lib"), { recursive: true });
    const stamp = join(work, "racing.stamp");
    writeStamp(stamp);
    // A change after the stamp: the listing esbuild saw may predate it.
    writeFileSync(join(dir, "lib", "other.ts"), "x");
    const recorder = new Recorder(stamp);
    recorder.probe(join(dir, "lib"), "util");
    const record = JSON.parse(JSON.stringify(recorder.finish(CONTEXT))) as BuildRecord;
    expect(staleReason(record, CONTEXT)).toBe(`${join(dir, "lib")} changed while the bundle was built`);
  });

  it("distrusts a file read apart from the bundler (tsconfig.json) that changed while the build ran", () => {
    const dir = join(work, "tracked");
    mkdirSync(dir, { recursive: true });
    const stamp = join(work, "tracked.stamp");
    writeStamp(stamp);
    // Written after the stamp: esbuild may have read the version before this one.
    writeFileSync(join(dir, "tsconfig.json"), "{}");
    const recorder = new Recorder(stamp);
    recorder.trackFile(join(dir, "tsconfig.json"));
    const record = JSON.parse(JSON.stringify(recorder.finish(CONTEXT))) as BuildRecord;
    expect(staleReason(record, CONTEXT)).toBe(`${join(dir, "tsconfig.json")} changed while the bundle was built`);
  });

  it("rebuilds for another context (the checkout moved, source maps on)", () => {
    const { record } = recordedProject("context", FILES);
    expect(staleReason(record(), { root: "/elsewhere" })).toBe("the build options or the checkout's location changed");
  });
});
