/** Command-line options of `npm run bench`. Pure. */

export interface BenchOptions {
  /** Measured rounds (one run of every scenario each); the table shows the medians. */
  readonly runs: number;
  /** Sizes (environment counts) of the generated organizations. */
  readonly sizes: readonly number[];
  /** Exit 1 when a target is missed. */
  readonly check: boolean;
}

/** Parses `--runs N`, `--sizes 10,50` and `--no-check`; throws with the flag and the value on bad input. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const known = new Set(["--runs", "--sizes", "--no-check"]);
  const unknown = argv.filter((a, i) => a.startsWith("--") && !known.has(a) && !(i > 0 && (argv[i - 1] === "--runs" || argv[i - 1] === "--sizes")));
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(", ")}; use --runs N, --sizes 10,50, --no-check`);
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const runsText = value("--runs") ?? "5";
  const sizesText = value("--sizes") ?? "10,50";
  const runs = Number(runsText);
  const sizes = sizesText.split(",").map(Number);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer; got ${runsText}`);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes must be comma-separated positive integers; got ${sizesText}`);
  return { runs, sizes, check: !argv.includes("--no-check") };
}
