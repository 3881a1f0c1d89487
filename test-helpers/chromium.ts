/**
 * Headless Chromium for the browser tests (Debian's `chromium` package; .ci/run installs it).
 * Plain command-line use, no driver library: `--dump-dom` prints the page after its scripts ran,
 * `--screenshot` writes a PNG. Each run gets its own profile directory, so parallel runs do not
 * share a profile lock. Outside __tests__ so jest does not collect it as a test file.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The browser: CHROMIUM if set, else Debian's /usr/bin/chromium. */
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

/** `chromium --version`, or undefined when it cannot run. */
export function chromiumVersion(): string | undefined {
  const r = spawnSync(CHROMIUM, ["--version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Runs headless Chromium on `url` with `extra` flags; returns its stdout, or throws with its stderr. */
export function runChromium(url: string, extra: readonly string[]): string {
  const profile = mkdtempSync(join(tmpdir(), "chromium-profile-"));
  try {
    const r = spawnSync(
      CHROMIUM,
      ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars", `--user-data-dir=${profile}`, ...extra, url],
      { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
    );
    if (r.error) throw new Error(`${CHROMIUM} could not run: ${r.error.message} (install Debian's chromium package)`);
    if (r.status !== 0) throw new Error(`${CHROMIUM} exited with ${r.status}: ${r.stderr}`);
    return r.stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
