/**
 * Jest runs TypeScript through swc (transpile only); `npm test` type-checks with tsc first.
 * The launcher's end-to-end tests (__tests__/launcher: they bundle and run synths in child
 * processes) have their own config, jest.launcher.config.js, and command, `npm run test:launcher`;
 * CI runs both.
 */
module.exports = {
  testEnvironment: "node",
  // An add-on keeps its tests in its own folder (src/addons/<name>/*.test.ts).
  roots: ["<rootDir>/__tests__", "<rootDir>/src/addons"],
  testMatch: ["**/__tests__/**/*.test.ts", "**/src/addons/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/__tests__/launcher/", "<rootDir>/__tests__/browser/"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  moduleFileExtensions: ["ts", "js", "json"],
  setupFilesAfterEnv: ["<rootDir>/jest.setup.js"],
  globalSetup: "<rootDir>/jest.global-setup.js",
  globalTeardown: "<rootDir>/jest.global-teardown.js",
  maxWorkers: process.env.CI ? 2 : "50%",
  // A worker past this heap is replaced between test files: one holding every file's cdktf
  // modules took over jest's grace period to exit and was force-killed with a warning.
  workerIdleMemoryLimit: "512MB",
};
