/**
 * How bin/synth.cjs bundles an app (esbuild, type-stripping only, CommonJS for node 20), and
 * what it records doing so (bin/build-record.cjs: every file through onLoad, every resolution's
 * directory listings through onResolve; the metafile's inputs are checked against that record).
 *
 * What goes in the bundle:
 * - first-party code: every module whose real path is outside node_modules (main.ts, src/, a lib/
 *   folder, a local package symlinked into node_modules);
 * - cdktf, constructs and the provider bindings (@cdktf/provider-*), with everything inside their
 *   package folders (cdktf ships its own dependencies there): the modules a synth spends its load
 *   time on. One of them that finds files relative to itself by other means than __dirname stops
 *   the build (see UNSUPPORTED_IN_PACKAGE);
 * - any other package's module that is CommonJS (or JSON) and finds nothing relative to itself but
 *   through __dirname and __filename (yaml, zod: 170 files node would otherwise resolve and read).
 * The rest (ES modules, modules using require.resolve, require.cache or require() of a computed
 * name) node loads from node_modules at run time, resolved from the directory of the module that
 * imports it, exactly as without a bundle.
 *
 * Imports resolve as tsx resolves them when it runs main.ts unbundled: as CommonJS require() calls
 * ("require" export condition), with the project's tsconfig.json for every file.
 *
 * What a bundled module sees of itself is what it would see unbundled:
 * - __dirname and __filename are its own (first-party modules that use them get them defined);
 * - a package module runs inside a function like node's module wrapper, with a real node Module as
 *   `module`, registered in node's require cache under its real path before it runs. So a package
 *   node loads (a construct library) that requires cdktf gets the bundle's cdktf, not a second
 *   copy; and when node loaded such a module first, the bundle uses node's. One copy of each
 *   module, whichever side loads it first.
 *
 * cdktf's lib/tokens/private/stack-trace.js is replaced by bin/lazy-stack-trace.cjs, which formats
 * each token's creation stack when it is read rather than when the token is created. The original
 * is pinned by hash (cdktf is pinned exactly in package.json): after an upgrade, the build stops
 * and says which file to check, instead of bundling a stale stand-in.
 */
"use strict";
const { createHash } = require("node:crypto");
const { existsSync, lstatSync } = require("node:fs");
const Module = require("node:module");
const { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } = require("node:path");

const LAZY_STACK_TRACE = join(__dirname, "lazy-stack-trace.cjs");

/** Prefix of a bundle's require() for a package node loads at run time (see externalRequire in bin/synth.cjs). */
const EXTERNAL = "lz-external:";

/** The cdktf modules the bundle adapts: where they are, their pinned hash, and the adaptation. */
const ADAPTED_MODULES = [
  {
    name: "cdktf/lib/tokens/private/stack-trace.js",
    filter: /[\\/]node_modules[\\/]cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]stack-trace\.js$/,
    sha256: "48139050d4e88e62c8dfa7a50c5e829b99d655e0255de563c25abae59162e353",
    check: "bin/lazy-stack-trace.cjs does what it does",
  },
];

const LOADERS = { ".ts": "ts", ".mts": "ts", ".cts": "ts", ".tsx": "tsx", ".js": "js", ".cjs": "js", ".mjs": "js", ".jsx": "jsx", ".json": "json", ".txt": "text" };

/** Whether a package, by name, goes into the bundle. */
function isBundledPackage(name) {
  return name === "cdktf" || name === "constructs" || name.startsWith("@cdktf/provider-");
}

/**
 * The package a real path belongs to: its name and folder, from the first node_modules in the
 * path (below the project root when the path is inside it); undefined for first-party code.
 */
function packageOf(path, root) {
  const inside = path === root || path.startsWith(root + sep);
  const base = inside ? root : "";
  const segments = (inside ? relative(root, path) : path).split(sep);
  const at = segments.indexOf("node_modules");
  if (at < 0 || at + 1 >= segments.length) return undefined;
  const scoped = segments[at + 1].startsWith("@");
  const name = scoped ? `${segments[at + 1]}/${segments[at + 2]}` : segments[at + 1];
  const folder = join(base || sep, ...segments.slice(0, at + (scoped ? 3 : 2)));
  return { name, folder };
}

/** The name a lookup of `file` matches in its directory: without any extension (`foo.js` may resolve to `foo.ts`). */
function stemOf(name) {
  return name.startsWith(".") ? name : name.split(".")[0];
}

/** Records the directory entries that decided where `request` from `resolveDir` resolved to. */
function probeResolution(recorder, request, resolveDir, resolved) {
  /** A path looked up as a file (with extensions) or as a directory (index, package.json). */
  const lookup = (target) => {
    const name = basename(target);
    if (name !== "" && name !== "." && name !== "..") recorder.probe(dirname(target), stemOf(name));
    if (resolved.startsWith(target + sep)) {
      recorder.probe(target, "index");
      recorder.probe(target, "package");
      recorder.trackFile(join(target, "package.json"));
    }
  };
  if (request.startsWith(".") || isAbsolute(request)) {
    lookup(resolve(resolveDir, request));
    return;
  }
  const parts = request.split("/");
  const nameParts = parts[0].startsWith("@") ? 2 : 1;
  const name = parts.slice(0, nameParts).join("/");
  const subpath = parts.slice(nameParts);
  // node_modules folders from the importer's directory up; the first that holds the package wins.
  for (let dir = resolveDir; ; dir = dirname(dir)) {
    recorder.probe(dir, "node_modules");
    const modules = join(dir, "node_modules");
    recorder.probe(modules, parts[0]);
    if (nameParts === 2) recorder.probe(join(modules, parts[0]), parts[1]);
    const folder = join(modules, name);
    if (existsSyncNoFollow(folder)) {
      recorder.trackFile(join(folder, "package.json"));
      if (subpath.length > 0) lookup(join(folder, ...subpath));
      else recorder.probe(folder, "index");
      return;
    }
    if (dirname(dir) === dir) break;
  }
  // Not from node_modules: a tsconfig path alias (tsconfig.json is recorded) to a file.
  recorder.probe(dirname(resolved), stemOf(basename(resolved)));
}

function existsSyncNoFollow(path) {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Defines __lzLoad, which runs a bundled package module as node's loader would: a real Module,
 * registered in node's cache under the module's real path before it runs; or, when node already
 * loaded that file, node's copy. The bundle's own module object reads that Module's exports live,
 * so a module required in a cycle after it replaced module.exports gives the new value, as in node.
 */
const PRELUDE = `var __lzLoad=(()=>{const M=require("node:module"),{dirname:d}=require("node:path");return(o,f,b)=>{let m=M._cache[f];Object.defineProperty(o,"exports",{get:()=>m.exports,set:v=>{m.exports=v},configurable:!0,enumerable:!0});if(m)return;m=new M(f,null);m.filename=f;m.paths=M._nodeModulePaths(d(f));M._cache[f]=m;try{b.call(m.exports,m.exports,m,f,d(f))}catch(e){delete M._cache[f];throw e}m.loaded=!0}})();`;

/** import/export statements: an ES module, which node 20 cannot require() and the wrapper cannot hold. */
const ESM_SYNTAX = /^\s*(import|export)\b/m;
/** Module-relative lookups a bundled package module cannot do from inside the bundle. */
const UNSUPPORTED_IN_PACKAGE = /\brequire\.resolve\s*\(|\brequire\s*\(\s*[^\s"'`)]|\brequire\.cache\b/;

/**
 * Bundles `entryPoint` into `outfile`, reading every file through `recorder`. Rejects when the
 * adapted cdktf module was not in the bundle or is not the version the adaptation was written for.
 * @param {{ entryPoint: string; outfile: string; sourceMaps: boolean; root: string; recorder: import("./build-record.cjs").Recorder }} options
 */
async function bundle({ entryPoint, outfile, sourceMaps, root, recorder }) {
  const esbuild = require("esbuild");
  const adapted = new Set();
  const inner = {};
  /** Bytes read to decide whether a package module can be bundled, for onLoad to use (the same bytes). */
  const read = new Map();
  /**
   * Whether a resolved file goes into the bundle: first-party code, cdktf, constructs and the
   * providers always; another package's module when it is CommonJS (or JSON) that does nothing
   * relative to its own module but __dirname and __filename (which it gets). The rest node loads.
   */
  const bundles = (path) => {
    const pkg = packageOf(path, root);
    if (pkg === undefined || isBundledPackage(pkg.name) || read.has(path)) return true;
    const ext = extname(path);
    if (ext === ".json") return true;
    if (ext !== ".js" && ext !== ".cjs") return false;
    const bytes = recorder.readFile(path);
    const text = bytes.toString("utf8");
    if (ESM_SYNTAX.test(text) || UNSUPPORTED_IN_PACKAGE.test(text)) {
      recorder.files.delete(path);
      return false;
    }
    read.set(path, bytes);
    return true;
  };
  const tsconfig = join(root, "tsconfig.json");
  recorder.trackFile(tsconfig);
  const result = await esbuild.build({
    entryPoints: [entryPoint],
    outfile,
    absWorkingDir: root,
    bundle: true,
    // tsx, which runs main.ts unbundled, reads the tsconfig.json of the directory it runs in, for every file.
    ...(existsSync(tsconfig) ? { tsconfig } : { tsconfigRaw: "{}" }),
    // Bundling renames a class whose name another module also uses (Vpc2, _Annotations); error
    // messages that quote constructor.name then show that name. Keeping the source names costs
    // about a tenth of a default synth, so only the debugging build (LZ_SOURCE_MAPS=1) does.
    keepNames: sourceMaps,
    minifyWhitespace: !sourceMaps,
    minifySyntax: true,
    legalComments: "none",
    platform: "node",
    target: "node20",
    format: "cjs",
    sourcemap: sourceMaps ? "inline" : false,
    banner: { js: PRELUDE },
    metafile: true,
    logLevel: "silent",
    plugins: [
      {
        name: "landing-zone-synth",
        setup(build) {
          // Package names only: a relative import is bundled like its importer and resolved by esbuild.
          // What decided each resolution is recorded from the metafile after the build (a directory
          // that changes meanwhile has a ctime past the stamp, which the record distrusts).
          build.onResolve({ filter: /^[^./]/ }, async (args) => {
            if (args.pluginData === inner || args.kind === "entry-point" || Module.isBuiltin(args.path)) return undefined;
            if (args.kind === "require-resolve" || args.kind === "dynamic-import") return undefined;
            // Inside cdktf, constructs or a provider, every require() is of the package's own files or
            // of another of them: bundled, resolved by esbuild (with the "require" condition), no round trip.
            const from = args.importer ? packageOf(args.importer, root) : undefined;
            if (args.kind === "require-call" && from !== undefined && isBundledPackage(from.name)) return undefined;
            // tsx runs main.ts as CommonJS: every import is a require(), resolved with node's "require" condition.
            const kind = args.kind === "import-statement" ? "require-call" : args.kind;
            const found = await build.resolve(args.path, { kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: inner });
            // Unresolvable here (an optional dependency in a try block): node decides at run time, as it would unbundled.
            const external = { path: EXTERNAL + JSON.stringify({ from: args.importer, request: args.path }), external: true };
            if (found.errors.length > 0) return external;
            if (found.external) return { path: found.path, external: true };
            if (!bundles(found.path)) return external;
            return { path: found.path, namespace: found.namespace, sideEffects: found.sideEffects, suffix: found.suffix };
          });
          build.onLoad({ filter: /.*/, namespace: "file" }, (args) => {
            const loader = LOADERS[extname(args.path)];
            if (loader === undefined) throw new Error(`bin/bundle.cjs has no loader for ${args.path}`);
            const bytes = read.get(args.path) ?? recorder.readFile(args.path);
            const adapt = ADAPTED_MODULES.find((m) => m.filter.test(args.path));
            if (adapt) {
              if (hashOf(bytes) !== adapt.sha256) {
                throw new Error(`${adapt.name} is not the file bin/bundle.cjs was written for: check that ${adapt.check}, then update its sha256 there`);
              }
              adapted.add(adapt.name);
              return { contents: wrapPackageModule(recorder.readFile(LAZY_STACK_TRACE).toString("utf8"), args.path), loader: "js" };
            }
            if (loader === "json" || loader === "text") return { contents: bytes, loader };
            const text = bytes.toString("utf8");
            if (packageOf(args.path, root) !== undefined) {
              if (loader === "js" && UNSUPPORTED_IN_PACKAGE.test(text)) {
                throw new Error(
                  `${args.path} uses require.resolve, require.cache or require() of a computed name, which resolve from the bundle's folder; bin/bundle.cjs cannot bundle it (keep its package out of the bundle in isBundledPackage)`,
                );
              }
              return { contents: loader === "js" ? wrapPackageModule(text, args.path) : text, loader };
            }
            return { contents: withOwnLocation(text, args.path), loader };
          });
        },
      },
    ],
  });
  for (const [input, { imports }] of Object.entries(result.metafile.inputs)) {
    const importer = resolve(root, input);
    for (const { path, original, external } of imports) {
      if (!external && original) {
        probeResolution(recorder, original, dirname(importer), resolve(root, path));
      }
    }
  }
  const unrecorded = Object.keys(result.metafile.inputs)
    .map((input) => resolve(root, input))
    .filter((input) => !recorder.files.has(input));
  if (unrecorded.length > 0) throw new Error(`bin/bundle.cjs: esbuild read ${unrecorded.join(", ")} without recording it`);
  const missing = ADAPTED_MODULES.filter((m) => !adapted.has(m.name)).map((m) => m.name);
  if (missing.length > 0) throw new Error(`bin/bundle.cjs: ${missing.join(", ")} not found in the bundle; check the cdktf version in package.json`);
}

/** A CommonJS module of a bundled package, run by __lzLoad. The first line stays the first line. */
function wrapPackageModule(text, path) {
  const source = text.startsWith("#!") ? `//${text.slice(2)}` : text;
  return `__lzLoad(module,${JSON.stringify(path)},function(exports,module,__filename,__dirname){${source}\n});`;
}

/** A first-party module that reads __dirname or __filename gets its own, on its first line. */
function withOwnLocation(text, path) {
  if (!/\b__(dirname|filename)\b/.test(text)) return text;
  const defs = `var __filename=${JSON.stringify(path)},__dirname=${JSON.stringify(dirname(path))};`;
  if (!text.startsWith("#!")) return defs + text;
  const eol = text.indexOf("\n");
  return eol < 0 ? text : `${text.slice(0, eol + 1)}${defs}${text.slice(eol + 1)}`;
}

function hashOf(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}

module.exports = { bundle, EXTERNAL, LAZY_STACK_TRACE };
