/**
 * Every temporary folder a test run makes (cdktf's Testing.synth makes one per synth, about 300
 * a run) goes under one folder of this run, which jest.global-teardown.js removes. Workers start
 * after this and inherit TMPDIR, and os.tmpdir() reads it on every call.
 */
const { mkdtempSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");

module.exports = async () => {
  const runDir = mkdtempSync(join(tmpdir(), "lz-jest-"));
  process.env.LZ_JEST_TMPDIR = runDir;
  process.env.TMPDIR = runDir;
};
