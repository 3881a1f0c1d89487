/** Jest runs TypeScript through swc (transpile only); `npm test` type-checks with tsc first. */
module.exports = {
  testEnvironment: "node",
  // An add-on keeps its tests in its own folder (src/addons/<name>/*.test.ts).
  roots: ["<rootDir>/__tests__", "<rootDir>/src/addons"],
  testMatch: ["**/__tests__/**/*.test.ts", "**/src/addons/**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  moduleFileExtensions: ["ts", "js", "json"],
  setupFilesAfterEnv: ["<rootDir>/jest.setup.js"],
  globalSetup: "<rootDir>/jest.global-setup.js",
  globalTeardown: "<rootDir>/jest.global-teardown.js",
  maxWorkers: process.env.CI ? 2 : "50%",
};
