#!/usr/bin/env node
/**
 * The synth entry point (cdktf.json "app", `npm run synth`).
 *
 * It transpiles main.ts, the sources it imports and every dependency (cdktf, constructs and the
 * provider classes included) into one CommonJS file with esbuild (type-stripping only: `npm test`
 * type-checks) and runs it with plain node, through a V8 code cache.
 * - Why a bundle: running main.ts through tsx costs about twice the time (a loader hook per
 *   module, and source-mapped stack traces, which cdktf captures for every token it creates).
 *   Loading cdktf from node_modules means resolving and reading some 500 files, each with an
 *   inline source map; one whitespace-minified file parses faster. With everything in one file,
 *   the app and the provider classes share one instance of cdktf and constructs.
 * - Why a code cache: V8 parses and compiles the 3 MB bundle on every run otherwise. The first
 *   successful run after a rebuild saves the compiled code (`.synth/main.v8cache`, keyed by the
 *   bundle's hash and the node version); later runs load it. This is what node 22's
 *   module.enableCompileCache() does; node 20 has only vm.Script's cachedData for it.
 * - One cdktf module is replaced in the bundle: its token stack-trace capture, by
 *   bin/lazy-stack-trace.cjs, which formats the same frames when they are read instead of at once.
 * The bundle is rebuilt only when the content of the sources, the lockfile or these two launcher
 * files changed. Set LZ_SOURCE_MAPS=1 for source-mapped stack traces while debugging a synth
 * error (no code cache then).
 */
"use strict";
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const { join, relative } = require("node:path");
const vm = require("node:vm");

const root = join(__dirname, "..");
const outdir = join(root, ".synth");
const bundle = join(outdir, "main.js");
const stamp = join(outdir, "main.sha256");
const codeCache = join(outdir, "main.v8cache");
const lazyStackTrace = join(__dirname, "lazy-stack-trace.cjs");
/** cdktf's module that lazy-stack-trace.cjs stands in for (cdktf is pinned exactly in package.json). */
const CDKTF_STACK_TRACE = /[\\/]node_modules[\\/]cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]stack-trace\.js$/;
const sourceMaps = process.env.LZ_SOURCE_MAPS === "1";
/** Length of the key (a sha256) that heads the code cache file. */
const KEY_BYTES = 32;

/** Every file the bundle is made from, in a stable order. */
function sources(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? sources(join(dir, entry.name)) : [join(dir, entry.name)]));
}

const hash = createHash("sha256").update(`source-maps=${sourceMaps}\n`);
const buildInputs = [__filename, lazyStackTrace, join(root, "main.ts"), join(root, "package-lock.json"), ...sources(join(root, "src"))];
for (const file of buildInputs) {
  hash.update(`${relative(root, file)}\n`).update(fs.readFileSync(file));
}
const digest = hash.digest("hex");
if (fs.existsSync(bundle) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === digest) {
  start();
} else {
  // A failed build rejects, and node reports it and exits 1.
  build().then(start);
}

function start() {
  if (sourceMaps) {
    process.setSourceMapsEnabled(true);
    require(bundle);
  } else {
    runWithCodeCache();
  }
}

async function build() {
  const esbuild = require("esbuild");
  fs.mkdirSync(outdir, { recursive: true });
  // Build under a per-process name and rename: concurrent synths never read a half-written file.
  const partial = join(outdir, `main.${process.pid}.js`);
  let substituted = false;
  await esbuild.build({
    entryPoints: [join(root, "main.ts")],
    outfile: partial,
    bundle: true,
    minifyWhitespace: !sourceMaps,
    minifySyntax: true,
    legalComments: "none",
    platform: "node",
    target: "node20",
    format: "cjs",
    sourcemap: sourceMaps ? "inline" : false,
    logLevel: "error",
    plugins: [
      {
        name: "lazy-token-stack-traces",
        setup(b) {
          b.onLoad({ filter: CDKTF_STACK_TRACE }, () => {
            substituted = true;
            return { contents: fs.readFileSync(lazyStackTrace, "utf8"), loader: "js" };
          });
        },
      },
    ],
  });
  if (!substituted) {
    fs.rmSync(partial, { force: true });
    throw new Error("bin/synth.cjs: cdktf's lib/tokens/private/stack-trace.js was not in the bundle; check bin/lazy-stack-trace.cjs against the cdktf version in package.json");
  }
  // src/model/load.ts finds the embedded default file beside its own module (__dirname);
  // in the bundle that folder is .synth/.
  fs.copyFileSync(join(root, "src", "model", "default-environments.yaml"), join(outdir, "default-environments.yaml"));
  fs.renameSync(partial, bundle);
  fs.rmSync(codeCache, { force: true });
  fs.writeFileSync(stamp, digest);
}

/**
 * Runs the bundle as node's CommonJS loader would (same wrapper, module, require, __dirname),
 * compiled with the saved code cache when it belongs to this bundle and this node. V8 itself
 * checks only the source's length, so the cache file starts with a key of the bundle's bytes
 * and node's version, and a cache with another key is not used.
 */
function runWithCodeCache() {
  const source = fs.readFileSync(bundle);
  const key = createHash("sha256").update(process.version).update(source).digest();
  const saved = readCodeCache(key);
  const script = new vm.Script(Module.wrap(source.toString("utf8")), { filename: bundle, cachedData: saved });
  const bundleModule = new Module(bundle, module);
  bundleModule.filename = bundle;
  const run = script.runInThisContext();
  run.call(bundleModule.exports, bundleModule.exports, Module.createRequire(bundle), bundleModule, bundle, outdir);
  // Saved after a successful synth, so the cache holds every function the synth compiled.
  if ((saved === undefined || script.cachedDataRejected) && !process.exitCode) writeCodeCache(key, script.createCachedData());
}

function readCodeCache(key) {
  let file;
  try {
    file = fs.readFileSync(codeCache);
  } catch {
    return undefined;
  }
  return file.length > KEY_BYTES && key.equals(file.subarray(0, KEY_BYTES)) ? file.subarray(KEY_BYTES) : undefined;
}

function writeCodeCache(key, data) {
  // Like the bundle: a per-process name, then a rename, so no run reads a half-written cache.
  const partial = join(outdir, `main.${process.pid}.v8cache`);
  try {
    fs.writeFileSync(partial, Buffer.concat([key, data]));
    fs.renameSync(partial, codeCache);
  } catch {
    // A cache that cannot be written (read-only checkout) only costs the next run its speed.
    fs.rmSync(partial, { force: true });
  }
}
