#!/usr/bin/env node
/**
 * The synth entry point (cdktf.json "app", `npm run synth`).
 *
 * It runs main.ts as a bundle (bin/bundle.cjs: esbuild, type-stripping only, since `npm test`
 * type-checks) of the first-party code and cdktf, constructs and the provider bindings; every
 * other package is loaded by node from node_modules. It runs the bundle with plain node, through
 * a V8 code cache. Its output is the output of main.ts run unbundled (tests compare them byte for
 * byte), and never stale:
 * - The build records every file it read, with a hash of the bytes the bundler got, and every
 *   directory listing module resolution depended on (bin/build-record.cjs). Each run checks that
 *   record before using the bundle (a stat per file, a hash only when the stat cannot vouch for
 *   the content) and rebuilds on any difference: an edit anywhere main.ts's imports lead, inside
 *   or outside src/, in a local package or in a bundled package; a new file that an import would
 *   now resolve to; tsconfig.json, package.json, the lockfiles, these launcher files.
 * - Packages outside the bundle need no record: node reads them at run time.
 * - Why a bundle: running main.ts through tsx costs about twice the time (a loader hook per
 *   module, and source-mapped stack traces); loading cdktf and the provider classes from
 *   node_modules means resolving and reading some 700 files. One file parses faster.
 * - Why a code cache: V8 parses and compiles the 3 MB bundle on every run otherwise. The first
 *   successful run of a bundle saves the compiled code; later runs load it. This is what node 22's
 *   module.enableCompileCache() does; node 20 has only vm.Script's cachedData for it.
 *
 * A build lives in `.synth/<digest>/` (LZ_SYNTH_DIR moves `.synth`), named by the content it was
 * built from. It is built in a temporary folder renamed into place, so a run sees a whole build or
 * none; older builds are removed. Set LZ_SOURCE_MAPS=1 for source-mapped stack traces while
 * debugging a synth error (no code cache then), LZ_SYNTH_DEBUG=1 to be told why a run rebuilds.
 */
"use strict";
const { createHash, randomBytes } = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const { dirname, join } = require("node:path");
const vm = require("node:vm");
const { Recorder, staleReason, writeStamp } = require("./build-record.cjs");
const { bundle, EXTERNAL, LAZY_STACK_TRACE } = require("./bundle.cjs");

const root = join(__dirname, "..");
const entryPoint = join(root, "main.ts");
const synthDir = process.env.LZ_SYNTH_DIR || join(root, ".synth");
const sourceMaps = process.env.LZ_SOURCE_MAPS === "1";
const debug = process.env.LZ_SYNTH_DEBUG === "1";
/** What a build depends on besides the files it read. */
const context = { format: 2, root, sourceMaps };
/** Files every build depends on, whether or not the bundler reads them. */
const TRACKED = [
  __filename,
  join(__dirname, "bundle.cjs"),
  join(__dirname, "build-record.cjs"),
  LAZY_STACK_TRACE,
  join(root, "package.json"),
  join(root, "package-lock.json"),
  // What npm actually installed; changes with every install, not only with the lockfile.
  join(root, "node_modules", ".package-lock.json"),
];
/** The code cache file: a key (sha256 of node's version and the build digest), the payload's sha256, the payload. */
const KEY_BYTES = 32;
const CHECKSUM_BYTES = 32;

const current = currentBuild();
if (current) {
  start(current);
} else {
  build().then(start).catch((e) => {
    process.stderr.write(`${e && e.message && !sourceMaps ? e.message : e && e.stack ? e.stack : e}\n`);
    process.exitCode = 1;
  });
}

/** The build folder whose record still matches the files on disk, if there is one. */
function currentBuild() {
  let entries;
  try {
    entries = fs.readdirSync(synthDir);
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (entry.startsWith("partial-")) continue;
    const dir = join(synthDir, entry);
    let record;
    try {
      record = JSON.parse(fs.readFileSync(join(dir, "build.json"), "utf8"));
    } catch {
      continue;
    }
    const reason = staleReason(record, context);
    if (reason === undefined) return { dir, digest: record.digest };
    if (debug) process.stderr.write(`synth: rebuilding, ${reason}\n`);
  }
  return undefined;
}

/** Bundles into a temporary folder, renames it into place, and removes older builds. */
async function build() {
  fs.mkdirSync(synthDir, { recursive: true });
  const partial = join(synthDir, `partial-${process.pid}-${randomBytes(6).toString("hex")}`);
  fs.mkdirSync(partial);
  let dir;
  let record;
  try {
    // The stamp comes before any read: see bin/build-record.cjs for why a stat can vouch for a file.
    const stampFile = join(partial, "stamp");
    writeStamp(stampFile);
    const recorder = new Recorder(stampFile);
    for (const file of TRACKED) recorder.trackFile(file);
    await bundle({ entryPoint, outfile: join(partial, "main.js"), sourceMaps, root, recorder });
    record = recorder.finish(context);
    fs.writeFileSync(join(partial, "build.json"), JSON.stringify(record));
    dir = join(synthDir, record.digest);
    fs.renameSync(partial, dir);
  } catch (e) {
    fs.rmSync(partial, { recursive: true, force: true });
    // Another synth finished the same build first: use theirs.
    if (!dir || !fs.existsSync(join(dir, "main.js"))) throw e;
  }
  for (const entry of fs.readdirSync(synthDir)) {
    const path = join(synthDir, entry);
    if (path !== dir && !entry.startsWith("partial-")) fs.rmSync(path, { recursive: true, force: true });
  }
  return { dir, digest: record.digest };
}

function start({ dir, digest }) {
  const bundleFile = join(dir, "main.js");
  const source = fs.readFileSync(bundleFile, "utf8");
  if (sourceMaps) runWithSourceMaps(source, bundleFile);
  else runWithCodeCache(source, bundleFile, dir, digest);
}

/**
 * Runs the bundle through node's own loader, which maps stack traces through the bundle's inline
 * source map (vm.Script would not). Its require is node's, so a package left out of the bundle is
 * resolved here, from the module that imported it.
 */
function runWithSourceMaps(source, bundleFile) {
  process.setSourceMapsEnabled(true);
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    if (typeof request !== "string" || !request.startsWith(EXTERNAL)) return resolveFilename.call(this, request, parent, ...rest);
    const { from, request: name } = JSON.parse(request.slice(EXTERNAL.length));
    const importer = new Module(from, null);
    importer.filename = from;
    importer.paths = Module._nodeModulePaths(dirname(from));
    return resolveFilename.call(this, name, importer, ...rest);
  };
  const bundleModule = new Module(bundleFile, module);
  bundleModule.filename = bundleFile;
  bundleModule.paths = Module._nodeModulePaths(root);
  bundleModule._compile(source, bundleFile);
}

/**
 * The `require` the bundle's modules share: node's, as if from main.ts (so a relative path
 * resolves from the project root, not from `.synth/`), and, for a package left out of the bundle,
 * node's require from the module that imported it (EXTERNAL in bin/bundle.cjs).
 */
function bundleRequire() {
  const fromEntry = Module.createRequire(entryPoint);
  const fromImporter = new Map();
  const require = (id) => {
    if (typeof id !== "string" || !id.startsWith(EXTERNAL)) return fromEntry(id);
    const { from, request } = JSON.parse(id.slice(EXTERNAL.length));
    let requireFrom = fromImporter.get(from);
    if (!requireFrom) fromImporter.set(from, (requireFrom = Module.createRequire(from)));
    return requireFrom(request);
  };
  return Object.assign(require, { resolve: fromEntry.resolve, cache: fromEntry.cache, main: fromEntry.main, extensions: fromEntry.extensions });
}

/**
 * Runs the bundle as node's CommonJS loader would (same wrapper, module, __dirname), compiled with
 * a saved code cache when there is a sound one for this build, this node and these V8 flags. V8
 * checks only the source's length and its flags, and trusts the payload, so the file carries a key
 * (node's version and the build's digest, which names the bundle: a build folder's bundle never
 * changes) and a checksum of the payload.
 */
function runWithCodeCache(source, bundleFile, dir, digest) {
  const key = createHash("sha256").update(`${process.version}\n${digest}`).digest();
  // One cache per set of V8 flags: cdktf's CLI runs the app with NODE_OPTIONS, npm run synth without.
  const flags = createHash("sha256")
    .update(`${process.arch} ${process.versions.v8} ${process.execArgv.join(" ")} ${process.env.NODE_OPTIONS || ""}`)
    .digest("hex")
    .slice(0, 12);
  const cacheFile = join(dir, `main.${flags}.v8cache`);
  const saved = readCodeCache(cacheFile, key);
  const script = new vm.Script(Module.wrap(source), {
    filename: bundleFile,
    cachedData: saved,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const bundleModule = new Module(bundleFile, module);
  bundleModule.filename = bundleFile;
  bundleModule.paths = Module._nodeModulePaths(root);
  const run = script.runInThisContext();
  run.call(bundleModule.exports, bundleModule.exports, bundleRequire(), bundleModule, bundleFile, dir);
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
