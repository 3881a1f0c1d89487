import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The launcher's bundler: plain CommonJS, not part of the TypeScript project.
const { bundle } = require("../../bin/bundle.cjs") as {
  bundle: (options: { entryPoint: string; outfile: string; sourceMaps: boolean }) => Promise<void>;
};

const root = join(__dirname, "..", "..");

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

describe("bin/bundle.cjs", () => {
  it("keeps cdktf's archive assets working: the zip is made, no second synth is started", async () => {
    const work = mkdtempSync(join(tmpdir(), "lz-bundle-"));
    const outfile = join(work, "app.js");
    await bundle({ entryPoint: join(root, "test-helpers", "fixtures", "archive-asset-app.ts"), outfile, sourceMaps: false });
    const assetDir = join(work, "function");
    mkdirSync(assetDir);
    writeFileSync(join(assetDir, "index.js"), "exports.handler = async () => 'ok';\n");
    const outdir = join(work, "out");

    const run = spawnSync(process.execPath, [outfile], {
      env: { ...process.env, CDKTF_OUTDIR: outdir, ASSET_DIR: assetDir, NODE_PATH: join(root, "node_modules") },
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

  it("puts the lazy token stack traces and the node_modules path of cdktf's fs.js into the bundle", async () => {
    const outfile = join(mkdtempSync(join(tmpdir(), "lz-bundle-")), "app.js");
    await bundle({ entryPoint: join(root, "test-helpers", "fixtures", "archive-asset-app.ts"), outfile, sourceMaps: false });
    const text = readFileSync(outfile, "utf8");
    expect(text).toContain("unformatted");
    expect(text).toContain('require.resolve("cdktf/lib/private/fs.js")');
    expect(text).not.toMatch(/`node \$\{__filename\}/);
  });

  describe("refuses to build", () => {
    /** A folder with an entry point and, optionally, a stand-in cdktf stack-trace module. */
    function project(entry: string, stackTraceModule?: string): string {
      const dir = mkdtempSync(join(tmpdir(), "lz-bundle-"));
      writeFileSync(join(dir, "entry.js"), entry);
      if (stackTraceModule !== undefined) {
        const lib = join(dir, "node_modules", "cdktf", "lib", "tokens", "private");
        mkdirSync(lib, { recursive: true });
        writeFileSync(join(lib, "stack-trace.js"), stackTraceModule);
      }
      return dir;
    }

    it("when a cdktf module it adapts is not the pinned version", async () => {
      const dir = project('require("cdktf/lib/tokens/private/stack-trace.js");\n', "exports.captureStackTrace = () => [];\n");
      await expect(bundle({ entryPoint: join(dir, "entry.js"), outfile: join(dir, "out.js"), sourceMaps: false })).rejects.toThrow(
        /cdktf\/lib\/tokens\/private\/stack-trace\.js is not the file bin\/bundle\.cjs was written for/,
      );
    });

    it("when the modules it adapts are not in the bundle at all", async () => {
      const dir = project("module.exports = 1;\n");
      await expect(bundle({ entryPoint: join(dir, "entry.js"), outfile: join(dir, "out.js"), sourceMaps: false })).rejects.toThrow(
        "cdktf/lib/tokens/private/stack-trace.js, cdktf/lib/private/fs.js not found in the bundle",
      );
    });
  });
});
