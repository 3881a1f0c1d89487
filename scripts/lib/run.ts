/** Runs a child process and collects its output and wall time (the scripts' only process helper). */
import { spawn } from "node:child_process";

export interface RunResult {
  /** Exit code; null when a signal ended the process. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall time from spawn to exit, in milliseconds. */
  readonly wallMs: number;
}

export interface RunOptions {
  readonly cwd?: string;
  /** The child's whole environment. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs `command args...` to completion; never throws on a non-zero exit (the caller reads `code`). */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (code, signal) =>
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        wallMs: Number(process.hrtime.bigint() - start) / 1e6,
      }),
    );
  });
}
