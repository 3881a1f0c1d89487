/**
 * The launcher's end-to-end tests (`npm run test:launcher`): bin/synth.cjs bundling and running
 * real apps in child processes, byte-compared with tsx, and `npm run review` planning an edit with
 * Terraform (TF_PLUGIN_MIRROR). Apart from `npm test` because they spend their time in builds and
 * child processes, not in the code under unit test; CI runs both.
 */
const base = require("./jest.config.js");

module.exports = {
  ...base,
  roots: ["<rootDir>/__tests__/launcher"],
  testMatch: ["**/__tests__/launcher/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/"],
};
