// Preloaded into a measured child by `npm run bench` (node --require): at exit, writes the
// process's peak resident set size (kilobytes) and CPU time (microseconds) from
// process.resourceUsage() to the JSON file named by BENCH_RSS_FILE.
"use strict";
const { writeFileSync } = require("node:fs");
const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKb: usage.maxRSS, cpuUs: usage.userCPUTime + usage.systemCPUTime }));
  });
}
