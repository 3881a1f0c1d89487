#!/usr/bin/env node
/**
 * The synth entry point (cdktf.json "app", `npm run synth`).
 *
 * It transpiles main.ts, the sources it imports and their dependencies into one CommonJS file
 * with esbuild (type-stripping only: `npm test` type-checks) and runs it with plain node.
 * Running main.ts through tsx instead costs about twice the time: a loader hook per module, and
 * source-mapped stack traces, which cdktf captures for every token it creates. One file with
 * whitespace minified also parses faster than the provider classes' hundreds of files with
 * their inline source maps. cdktf and constructs stay external: the provider classes and the
 * app must share one instance of each. The bundle is rebuilt only when the sources' content or
 * the lockfile changed. Set LZ_SOURCE_MAPS=1 for source-mapped stack traces while debugging a
 * synth error.
 */
"use strict";
const { createHash } = require("node:crypto");
const { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const { join, relative } = require("node:path");

const root = join(__dirname, "..");
const outdir = join(root, ".synth");
const bundle = join(outdir, "main.js");
const stamp = join(outdir, "main.sha256");
const sourceMaps = process.env.LZ_SOURCE_MAPS === "1";

/** Every file the bundle is made from, in a stable order. */
function sources(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? sources(join(dir, entry.name)) : [join(dir, entry.name)]));
}

const hash = createHash("sha256").update(`source-maps=${sourceMaps}\n`);
for (const file of [join(root, "main.ts"), join(root, "package-lock.json"), ...sources(join(root, "src"))]) {
  hash.update(`${relative(root, file)}\n`).update(readFileSync(file));
}
const digest = hash.digest("hex");
if (!existsSync(bundle) || !existsSync(stamp) || readFileSync(stamp, "utf8") !== digest) build();
if (sourceMaps) process.setSourceMapsEnabled(true);
require(bundle);

function build() {
  const { buildSync } = require("esbuild");
  mkdirSync(outdir, { recursive: true });
  // Build under a per-process name and rename: concurrent synths never read a half-written file.
  const partial = join(outdir, `main.${process.pid}.js`);
  buildSync({
    entryPoints: [join(root, "main.ts")],
    outfile: partial,
    bundle: true,
    external: ["cdktf", "constructs"],
    minifyWhitespace: !sourceMaps,
    minifySyntax: true,
    legalComments: "none",
    platform: "node",
    target: "node20",
    format: "cjs",
    sourcemap: sourceMaps ? "inline" : false,
    logLevel: "error",
  });
  // src/model/load.ts finds the embedded default file beside its own module (__dirname);
  // in the bundle that folder is .synth/.
  copyFileSync(join(root, "src", "model", "default-environments.yaml"), join(outdir, "default-environments.yaml"));
  renameSync(partial, bundle);
  writeFileSync(stamp, digest);
}
