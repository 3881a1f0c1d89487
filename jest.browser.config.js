/**
 * The browser tests (`npm run test:browser`): headless Chromium renders what the app draws
 * (docs/organization.svg, `npm run diagram`) and checks it from the DOM. Apart from `npm test`
 * because Chromium takes seconds to start; CI runs it (and installs Debian's chromium if missing).
 */
const base = require("./jest.config.js");

module.exports = {
  ...base,
  roots: ["<rootDir>/__tests__/browser"],
  testMatch: ["**/__tests__/browser/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/"],
  testTimeout: 180000,
};
