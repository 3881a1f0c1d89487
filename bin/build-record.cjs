/**
 * What a synth bundle was built from, and whether that is still what is on disk.
 *
 * A build records every file it read (each file esbuild loaded, through bin/bundle.cjs's onLoad,
 * with the sha256 of the exact bytes the bundler got; plus tsconfig.json, package.json files, the
 * lockfiles and the launcher's own files, which esbuild or the launcher read on their own), and every directory listing module resolution depended on (a "probe":
 * the entries of a directory named like what was looked up, so that a new `foo.ts` beside
 * `foo/index.ts`, or a package appearing in a nearer node_modules, is seen).
 *
 * Checking a record costs a stat per file and per directory; content is hashed only when the stat
 * cannot vouch for it. A stat vouches for a file when it is the recorded one (device, inode, size,
 * mtime and ctime to the nanosecond) and the recorded ctime and mtime are older than the build's
 * stamp, a file the build wrote before reading anything, on the same device. Why that is enough:
 * every write to a file sets its ctime to the current time, and no call can set ctime back
 * (utimes sets only atime and mtime, and moves ctime to now). A write after the stamp therefore
 * leaves a ctime at or after the stamp, unlike the recorded one. A write in the same clock tick
 * as the stamp is the case the "older than the stamp" rule excludes: such a file is always
 * hashed. Assumed, as make and git assume it: the clock does not go back, and files on the
 * stamp's device take their times from the same clock (files elsewhere are always hashed).
 */
"use strict";
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const { join } = require("node:path");

/** The stat fields that identify one version of a file or directory. */
function statKey(st) {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}

function sha256(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The entries of `dir`, or null when it does not exist. */
function readEntries(dir) {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    if (e.code === "ENOENT" || e.code === "ENOTDIR") return null;
    throw e;
  }
}

/**
 * The entries of `dir` that can answer a lookup of `stem` (the name itself, or the name with any
 * extension), each with its type and, for a symbolic link, its target; null when `dir` does not
 * exist. `entries` is the directory's listing when already read.
 */
function listing(dir, stem, entries = readEntries(dir)) {
  if (entries === null) return null;
  return entries
    .filter((e) => e.name === stem || e.name.startsWith(`${stem}.`))
    .map((e) => (e.isSymbolicLink() ? `${e.name} -> ${fs.readlinkSync(join(dir, e.name))}` : `${e.name}${e.isDirectory() ? "/" : ""}`))
    .sort()
    .join("\n");
}

/**
 * Writes the stamp in a clock tick after whatever was just changed (the folder the build goes to):
 * a change in the stamp's own tick counts as a change during the build, which would make the next
 * run rebuild for nothing. File times come from a coarse clock (a few milliseconds); the wait is
 * bounded, for file systems with coarser times.
 */
function writeStamp(stampFile) {
  fs.writeFileSync(stampFile, "");
  const first = fs.statSync(stampFile, { bigint: true }).mtimeNs;
  const deadline = Date.now() + 50;
  while (Date.now() < deadline) {
    fs.writeFileSync(stampFile, "");
    if (fs.statSync(stampFile, { bigint: true }).mtimeNs > first) return;
  }
}

/** Collects what one build read. Create it right after writeStamp, before reading anything. */
class Recorder {
  /** @param {string} stampFile a file written before the build read anything */
  constructor(stampFile) {
    const st = fs.statSync(stampFile, { bigint: true });
    this.stamp = { dev: String(st.dev), ns: String(st.mtimeNs > st.ctimeNs ? st.mtimeNs : st.ctimeNs) };
    /** @type {Map<string, {stat?: string, sha256?: string}>} */
    this.files = new Map();
    /** @type {Map<string, {stat?: string, stems: Map<string, string | null>}>} */
    this.dirs = new Map();
  }

  /** Reads a file for the build: its stat is taken before the read, its hash is of the bytes read. */
  readFile(path) {
    const fd = fs.openSync(path, "r");
    try {
      const st = fs.fstatSync(fd, { bigint: true });
      const bytes = fs.readFileSync(fd);
      this.files.set(path, { stat: statKey(st), sha256: sha256(bytes) });
      return bytes;
    } finally {
      fs.closeSync(fd);
    }
  }

  /**
   * Records a file the build depends on, whether or not it exists, that esbuild reads on its own
   * (tsconfig.json, a package.json) or the launcher read earlier: the bytes recorded are not
   * necessarily the ones used, so a change of it during the build makes the record distrusted.
   */
  trackFile(path) {
    if (this.files.has(path)) return;
    try {
      this.readFile(path);
      this.files.get(path).tracked = true;
    } catch (e) {
      if (e.code !== "ENOENT" && e.code !== "ENOTDIR") throw e;
      this.files.set(path, {});
    }
  }

  /**
   * Records what `dir` holds under the name `stem`. The directory is stat'ed, then read, once: a
   * change after that moves its ctime past the stamp, and the record then distrusts it.
   */
  probe(dir, stem) {
    let entry = this.dirs.get(dir);
    if (!entry) {
      let stat;
      try {
        stat = statKey(fs.statSync(dir, { bigint: true }));
      } catch (e) {
        if (e.code !== "ENOENT" && e.code !== "ENOTDIR") throw e;
      }
      entry = { stat, entries: stat === undefined ? null : readEntries(dir), stems: new Map() };
      this.dirs.set(dir, entry);
    }
    if (!entry.stems.has(stem)) entry.stems.set(stem, listing(dir, stem, entry.entries));
  }

  /** The record, to be saved as JSON beside the bundle. `context` is anything else the build depends on. */
  finish(context) {
    const byPath = ([a], [b]) => (a < b ? -1 : a > b ? 1 : 0);
    const isSettled = (stat) => stat !== undefined && settled(stat, this.stamp);
    const files = [...this.files].sort(byPath).map(([path, f]) => ({ path, ...f, settled: isSettled(f.stat) }));
    const dirs = [...this.dirs]
      .sort(byPath)
      .map(([path, d]) => ({ path, stat: d.stat, settled: isSettled(d.stat), stems: Object.fromEntries([...d.stems].sort(byPath)) }));
    // Named by content only (paths, hashes, listings), so two builds of the same sources agree.
    const digest = sha256(
      JSON.stringify({ context, files: files.map((f) => [f.path, f.sha256 ?? null]), dirs: dirs.map((d) => [d.path, d.stems]) }),
    ).slice(0, 32);
    return { digest, context, stamp: this.stamp, files, dirs };
  }
}

/** Whether a stat was taken when nothing could change without changing it (see the file's comment). */
function settled(stat, stamp) {
  const [dev, , , mtime, ctime] = stat.split(":");
  return dev === stamp.dev && BigInt(mtime) < BigInt(stamp.ns) && BigInt(ctime) < BigInt(stamp.ns);
}

function currentStat(path) {
  let st;
  try {
    st = fs.statSync(path, { bigint: true, throwIfNoEntry: false });
  } catch (e) {
    if (e.code === "ENOTDIR") return undefined;
    throw e;
  }
  return st === undefined ? undefined : statKey(st);
}

/**
 * Why the record no longer describes what is on disk, or undefined when it still does.
 * `context` must equal the recorded one (the checkout's location, the build options).
 */
function staleReason(record, context) {
  if (JSON.stringify(record.context) !== JSON.stringify(context)) return "the build options or the checkout's location changed";
  for (const file of record.files) {
    const stat = currentStat(file.path);
    if (file.sha256 === undefined) {
      if (stat !== undefined) return `${file.path} appeared`;
      continue;
    }
    if (stat === undefined) return `${file.path} is gone`;
    if (stat === file.stat && file.settled) continue;
    if (file.tracked && !file.settled) return `${file.path} changed while the bundle was built`;
    let bytes;
    try {
      bytes = fs.readFileSync(file.path);
    } catch (e) {
      if (e.code === "ENOENT" || e.code === "ENOTDIR") return `${file.path} is gone`;
      throw e;
    }
    if (sha256(bytes) !== file.sha256) return `${file.path} changed`;
  }
  for (const dir of record.dirs) {
    const stat = currentStat(dir.path);
    if (dir.stat === undefined) {
      // A directory resolution looked into and did not find (a node_modules up the tree).
      if (stat === undefined) continue;
      return `${dir.path} appeared`;
    }
    if (stat === dir.stat && dir.settled) continue;
    // A directory that changed while the build ran may have been listed by esbuild before the
    // change and by the recorder after it: no listing of it can be trusted.
    if (!dir.settled) return `${dir.path} changed while the bundle was built`;
    for (const [stem, names] of Object.entries(dir.stems)) {
      if (listing(dir.path, stem) !== names) return `what ${join(dir.path, stem)} resolves to changed`;
    }
  }
  return undefined;
}

module.exports = { Recorder, staleReason, writeStamp };
