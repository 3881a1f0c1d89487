/**
 * How bin/synth.cjs bundles an app: esbuild, every dependency included (cdktf, constructs and the
 * provider classes too), type-stripping only, CommonJS for node 20, with two cdktf modules adapted
 * to living in a bundle:
 * - lib/tokens/private/stack-trace.js is replaced by bin/lazy-stack-trace.cjs, which formats
 *   each token's creation stack when it is read rather than when the token is created;
 * - lib/private/fs.js zips archive assets by running its own file with node (`node ${__filename}`).
 *   In the bundle __filename is the bundle, which would start another synth instead of a zip, so
 *   the bundled copy runs the original file from node_modules.
 * Both originals are pinned by hash (cdktf is pinned exactly in package.json): after an upgrade,
 * the build stops and says which file to check, instead of bundling a stale stand-in.
 */
"use strict";
const { createHash } = require("node:crypto");
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

const LAZY_STACK_TRACE = join(__dirname, "lazy-stack-trace.cjs");

/** The cdktf modules the bundle adapts: where they are, their pinned hash, and the adaptation. */
const ADAPTED_MODULES = [
  {
    name: "cdktf/lib/tokens/private/stack-trace.js",
    filter: /[\\/]node_modules[\\/]cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]stack-trace\.js$/,
    sha256: "48139050d4e88e62c8dfa7a50c5e829b99d655e0255de563c25abae59162e353",
    check: "bin/lazy-stack-trace.cjs does what it does",
    adapt: () => readFileSync(LAZY_STACK_TRACE, "utf8"),
  },
  {
    name: "cdktf/lib/private/fs.js",
    filter: /[\\/]node_modules[\\/]cdktf[\\/]lib[\\/]private[\\/]fs\.js$/,
    sha256: "3fb8a5949aac34b84430ab6bd18206360bc399d8e1b89a8266e9083f0abd6d53",
    check: "archiveSync still runs this file through node, and bin/bundle.cjs still points it at the original",
    adapt: (original) => {
      const own = "`node ${__filename} ${src} ${dest}`";
      if (!original.includes(own)) return undefined;
      return original.replace(own, '`node ${require.resolve("cdktf/lib/private/fs.js")} ${src} ${dest}`');
    },
  },
];

/**
 * Bundles `entryPoint` into `outfile`. Rejects when a cdktf module to adapt was not in the bundle
 * or is not the version the adaptation was written for.
 * @param {{ entryPoint: string; outfile: string; sourceMaps: boolean }} options
 */
async function bundle({ entryPoint, outfile, sourceMaps }) {
  const esbuild = require("esbuild");
  const adapted = new Set();
  await esbuild.build({
    entryPoints: [entryPoint],
    outfile,
    bundle: true,
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
    logLevel: "error",
    plugins: [
      {
        name: "adapt-cdktf-for-a-bundle",
        setup(build) {
          for (const module of ADAPTED_MODULES) {
            build.onLoad({ filter: module.filter }, (args) => {
              const original = readFileSync(args.path, "utf8");
              const contents = hashOf(original) === module.sha256 ? module.adapt(original) : undefined;
              if (contents === undefined) {
                throw new Error(`${module.name} is not the file bin/bundle.cjs was written for: check that ${module.check}, then update its sha256 there`);
              }
              adapted.add(module.name);
              return { contents, loader: "js" };
            });
          }
        },
      },
    ],
  });
  const missing = ADAPTED_MODULES.filter((m) => !adapted.has(m.name)).map((m) => m.name);
  if (missing.length > 0) throw new Error(`bin/bundle.cjs: ${missing.join(", ")} not found in the bundle; check the cdktf version in package.json`);
}

function hashOf(text) {
  return createHash("sha256").update(text).digest("hex");
}

module.exports = { bundle, LAZY_STACK_TRACE };
