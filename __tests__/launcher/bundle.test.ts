import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The launcher's bundler and recorder: plain CommonJS, not part of the TypeScript project.
interface Recorder {
  files: Map<string, { sha256?: string }>;
}
const { Recorder } = require("../../bin/build-record.cjs") as { Recorder: new (stampFile: string) => Recorder };
const { bundle } = require("../../bin/bundle.cjs") as {
  bundle: (options: { entryPoint: string; outfile: string; sourceMaps: boolean; root: string; recorder: Recorder }) => Promise<void>;
};

const root = join(__dirname, "..", "..");
const ARCHIVE_APP = join(root, "test-helpers", "fixtures", "archive-asset-app.ts");

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

// A bundle of cdktf takes a few seconds when the machine is busy.
jest.setTimeout(60_000);

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "lz-bundle-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A new folder in this file's temporary folder. */
function folder(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Bundles `entryPoint` into `<dir>/app.js` as bin/synth.cjs does, with `projectRoot` as the project. */
async function bundleInto(dir: string, entryPoint: string, projectRoot = root): Promise<{ outfile: string; recorder: Recorder }> {
  const stamp = join(dir, "stamp");
  writeFileSync(stamp, "");
  const recorder = new Recorder(stamp);
  const outfile = join(dir, "app.js");
  await bundle({ entryPoint, outfile, sourceMaps: false, root: projectRoot, recorder });
  return { outfile, recorder };
}

describe("bin/bundle.cjs", () => {
  it("keeps cdktf's archive assets working: the zip is made, no second synth is started", async () => {
    const dir = folder("archive");
    const { outfile } = await bundleInto(dir, ARCHIVE_APP);
    const assetDir = folder("archive/function");
    writeFileSync(join(assetDir, "index.js"), "exports.handler = async () => 'ok';\n");
    const outdir = join(dir, "out");

    const run = spawnSync(process.execPath, [outfile], {
      env: { ...process.env, CDKTF_OUTDIR: outdir, ASSET_DIR: assetDir },
      encoding: "utf8",
      timeout: 60_000,
    });

    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const zips = filesUnder(join(outdir, "stacks", "assets")).filter((f) => f.endsWith(".zip"));
    expect(zips).toHaveLength(1);
    const zip = readFileSync(zips[0]);
    expect(zip.subarray(0, 4)).toEqual(Buffer.from("PK\x03\x04", "latin1"));
    expect(zip.includes(Buffer.from("index.js"))).toBe(true);
    // A recursive synth would have written its own stacks into the zip's folder.
    expect(filesUnder(outdir).filter((f) => f.endsWith("manifest.json"))).toHaveLength(1);
  });

  it("gives every bundled cdktf module its own __filename and puts the lazy token stack traces in", async () => {
    const { outfile, recorder } = await bundleInto(folder("text"), ARCHIVE_APP);
    const text = readFileSync(outfile, "utf8");
    const fsModule = join(root, "node_modules", "cdktf", "lib", "private", "fs.js");
    const escaped = JSON.stringify(fsModule).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    expect(text).toMatch(new RegExp(`__lzLoad\\(module\\d*,${escaped},function\\(exports\\d*,module\\d*,__filename,__dirname\\)\\{`));
    expect(text).toContain("unformatted");
    // Every file the bundle was made of is recorded with the hash of what esbuild got.
    expect(recorder.files.get(fsModule)?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(recorder.files.get(ARCHIVE_APP)?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("gives a module required in a cycle the exports it replaced, as node does (semver's Range and Comparator)", async () => {
    const dir = folder("cycle");
    mkdirSync(join(dir, "node_modules", "cycle"), { recursive: true });
    symlinkSync(join(root, "node_modules", "cdktf"), join(dir, "node_modules", "cdktf"));
    writeFileSync(join(dir, "node_modules", "cycle", "range.js"), 'class Range {}\nmodule.exports = Range;\nconst Comparator = require("./comparator");\nRange.comparator = Comparator;\n');
    writeFileSync(join(dir, "node_modules", "cycle", "comparator.js"), 'class Comparator {}\nmodule.exports = Comparator;\nconst Range = require("./range");\nComparator.range = Range;\n');
    writeFileSync(join(dir, "entry.ts"), 'import "cdktf";\nimport Range = require("cycle/range");\nconsole.log(typeof Range, Range.comparator.range === Range);\n');
    const { outfile } = await bundleInto(dir, join(dir, "entry.ts"), dir);
    const run = spawnSync(process.execPath, [outfile], { encoding: "utf8", timeout: 60_000 });
    expect(run.stderr).toBe("");
    // Without live exports the cycle would hand comparator.js range.js's first, empty exports object.
    expect(run.stdout).toBe("function true\n");
  });

  describe("refuses to build", () => {
    /** A project with an entry point and, optionally, a stand-in cdktf module. */
    function project(name: string, entry: string, cdktfModule?: { path: string; text: string }): string {
      const dir = folder(name);
      writeFileSync(join(dir, "entry.js"), entry);
      if (cdktfModule !== undefined) {
        const file = join(dir, "node_modules", "cdktf", ...cdktfModule.path.split("/"));
        mkdirSync(join(file, ".."), { recursive: true });
        writeFileSync(file, cdktfModule.text);
      }
      return dir;
    }

    it("when a cdktf module it adapts is not the pinned version", async () => {
      const dir = project("unpinned", 'require("cdktf/lib/tokens/private/stack-trace.js");\n', {
        path: "lib/tokens/private/stack-trace.js",
        text: "exports.captureStackTrace = () => [];\n",
      });
      await expect(bundleInto(dir, join(dir, "entry.js"), dir)).rejects.toThrow(
        /cdktf\/lib\/tokens\/private\/stack-trace\.js is not the file bin\/bundle\.cjs was written for/,
      );
    });

    it("when the module it adapts is not in the bundle at all", async () => {
      const dir = project("missing", "module.exports = 1;\n");
      await expect(bundleInto(dir, join(dir, "entry.js"), dir)).rejects.toThrow("cdktf/lib/tokens/private/stack-trace.js not found in the bundle");
    });

    it("when a module of cdktf would resolve a path from inside the bundle", async () => {
      const dir = project("resolving", 'require("cdktf/lib/index.js");\n', { path: "lib/index.js", text: 'exports.x = require.resolve("./data.json");\n' });
      await expect(bundleInto(dir, join(dir, "entry.js"), dir)).rejects.toThrow(/node_modules\/cdktf\/lib\/index\.js uses require\.resolve/);
    });
  });
});
