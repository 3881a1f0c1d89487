#!/usr/bin/env node
/**
 * The synth entry point (cdktf.json "app", `npm run synth`).
 *
 * It bundles main.ts, the sources it imports and every dependency into one CommonJS file
 * (bin/bundle.cjs: esbuild, type-stripping only, since `npm test` type-checks) and runs it with
 * plain node, through a V8 code cache.
 * - Why a bundle: running main.ts through tsx costs about twice the time (a loader hook per
 *   module, and source-mapped stack traces). Loading cdktf from node_modules means resolving and
 *   reading some 500 files, each with an inline source map; one whitespace-minified file parses
 *   faster.
 * - Why a code cache: V8 parses and compiles the 3 MB bundle on every run otherwise. The first
 *   successful run of a bundle saves the compiled code; later runs load it. This is what node 22's
 *   module.enableCompileCache() does; node 20 has only vm.Script's cachedData for it.
 *
 * Everything lives in `.synth/<digest>/` (LZ_SYNTH_DIR moves `.synth`), where the digest covers
 * every input of the build: the sources, the lockfiles, tsconfig.json, these launcher files and
 * the checkout's location. A build goes to a temporary folder that is renamed into place, so a
 * run sees a whole build or none; older builds are removed. Set LZ_SOURCE_MAPS=1 for
 * source-mapped stack traces while debugging a synth error (no code cache then).
 */
"use strict";
const { createHash, randomBytes } = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const { join, relative } = require("node:path");
const vm = require("node:vm");
const { bundle, LAZY_STACK_TRACE } = require("./bundle.cjs");

const root = join(__dirname, "..");
const synthDir = process.env.LZ_SYNTH_DIR || join(root, ".synth");
const sourceMaps = process.env.LZ_SOURCE_MAPS === "1";
const DEFAULT_ENVIRONMENTS = join(root, "src", "model", "default-environments.yaml");
/** The code cache file: a key (sha256 of node's version and the build digest), the payload's sha256, the payload. */
const KEY_BYTES = 32;
const CHECKSUM_BYTES = 32;

/** Every file under `dir`, in a stable order. */
function sources(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => (entry.isDirectory() ? sources(join(dir, entry.name)) : [join(dir, entry.name)]));
}

function buildDigest() {
  const inputs = [
    __filename,
    join(__dirname, "bundle.cjs"),
    LAZY_STACK_TRACE,
    join(root, "main.ts"),
    join(root, "tsconfig.json"),
    join(root, "package-lock.json"),
    // What npm actually installed; changes with every install, not only with the lockfile.
    join(root, "node_modules", ".package-lock.json"),
    ...sources(join(root, "src")),
  ];
  // The checkout's location too: the bundle resolves cdktf's fs.js from node_modules at run time.
  const hash = createHash("sha256").update(`root=${root}\nsource-maps=${sourceMaps}\n`);
  for (const file of inputs.filter((f) => fs.existsSync(f))) hash.update(`${relative(root, file)}\n`).update(fs.readFileSync(file));
  return hash.digest("hex").slice(0, 32);
}

const digest = buildDigest();
const buildDir = join(synthDir, digest);
const bundleFile = join(buildDir, "main.js");
if (fs.existsSync(bundleFile)) {
  start();
} else {
  build().then(start).catch((e) => {
    process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 1;
  });
}

function start() {
  if (sourceMaps) {
    process.setSourceMapsEnabled(true);
    require(bundleFile);
  } else {
    runWithCodeCache();
  }
}

/** Bundles into a temporary folder, renames it into place, and removes older builds. */
async function build() {
  fs.mkdirSync(synthDir, { recursive: true });
  const partial = join(synthDir, `partial-${process.pid}-${randomBytes(6).toString("hex")}`);
  fs.mkdirSync(partial);
  try {
    await bundle({ entryPoint: join(root, "main.ts"), outfile: join(partial, "main.js"), sourceMaps });
    // src/model/load.ts finds the embedded default file beside its own module (__dirname);
    // in the bundle that folder is the build folder.
    fs.copyFileSync(DEFAULT_ENVIRONMENTS, join(partial, "default-environments.yaml"));
    fs.renameSync(partial, buildDir);
  } catch (e) {
    fs.rmSync(partial, { recursive: true, force: true });
    // Another synth finished the same build first: use theirs.
    if (!fs.existsSync(bundleFile)) throw e;
  }
  for (const entry of fs.readdirSync(synthDir)) {
    const path = join(synthDir, entry);
    if (path !== buildDir && !entry.startsWith("partial-")) fs.rmSync(path, { recursive: true, force: true });
  }
}

/**
 * Runs the bundle as node's CommonJS loader would (same wrapper, module, require, __dirname),
 * compiled with a saved code cache when there is a sound one for this build, this node and
 * these V8 flags. V8 checks only the source's length and its flags, and trusts the payload, so
 * the file carries a key (node's version and the build's digest, which names the bundle: a
 * build folder's bundle never changes) and a checksum of the payload.
 */
function runWithCodeCache() {
  const source = fs.readFileSync(bundleFile);
  const key = createHash("sha256").update(`${process.version}\n${digest}`).digest();
  // One cache per set of V8 flags: cdktf's CLI runs the app with NODE_OPTIONS, npm run synth without.
  const flags = createHash("sha256")
    .update(`${process.arch} ${process.versions.v8} ${process.execArgv.join(" ")} ${process.env.NODE_OPTIONS || ""}`)
    .digest("hex")
    .slice(0, 12);
  const cacheFile = join(buildDir, `main.${flags}.v8cache`);
  const saved = readCodeCache(cacheFile, key);
  const script = new vm.Script(Module.wrap(source.toString("utf8")), {
    filename: bundleFile,
    cachedData: saved,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const bundleModule = new Module(bundleFile, module);
  bundleModule.filename = bundleFile;
  bundleModule.paths = Module._nodeModulePaths(buildDir);
  const run = script.runInThisContext();
  run.call(bundleModule.exports, bundleModule.exports, Module.createRequire(bundleFile), bundleModule, bundleFile, buildDir);
  bundleModule.loaded = true;
  // Saved after a successful synth, so the cache holds every function the synth compiled.
  if ((saved === undefined || script.cachedDataRejected) && !process.exitCode) writeCodeCache(cacheFile, key, script);
}

function readCodeCache(cacheFile, key) {
  let file;
  try {
    file = fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const header = KEY_BYTES + CHECKSUM_BYTES;
  if (file.length <= header || !key.equals(file.subarray(0, KEY_BYTES))) return undefined;
  const payload = file.subarray(header);
  const checksum = createHash("sha256").update(payload).digest();
  return checksum.equals(file.subarray(KEY_BYTES, header)) ? payload : undefined;
}

function writeCodeCache(cacheFile, key, script) {
  // Like the build: a file of this run's own, then a rename, so no run reads a half-written cache.
  const partial = `${cacheFile}.partial-${process.pid}-${randomBytes(6).toString("hex")}`;
  let fd;
  try {
    fd = fs.openSync(partial, "wx");
  } catch {
    return; // Not writable (a read-only checkout): the next run only loses the cache's speed.
  }
  try {
    try {
      const payload = script.createCachedData();
      fs.writeSync(fd, Buffer.concat([key, createHash("sha256").update(payload).digest(), payload]));
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, cacheFile);
  } catch {
    fs.rmSync(partial, { force: true });
  }
}
