/** Removes the run's temporary folder that jest.global-setup.js made (see there). */
const { rmSync } = require("node:fs");

module.exports = async () => {
  const runDir = process.env.LZ_JEST_TMPDIR;
  if (runDir) rmSync(runDir, { recursive: true, force: true });
};
