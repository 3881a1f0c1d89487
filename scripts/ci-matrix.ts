/**
 * `npm run ci-matrix`: what the example CI workflow (.github/workflows/landing-zone.yml) runs for
 * the organization of PLATFORM_CONFIG (or the embedded example), read from the model and from the
 * manifest of the last synth (`npm run synth` first; CDKTF_OUTDIR or --outdir moves it).
 *
 *   npm run ci-matrix                                   the matrices as JSON, and the stacks left out
 *   npm run ci-matrix -- --github-output                the same as the synth job's outputs ($GITHUB_OUTPUT)
 *   npm run ci-matrix -- --trust-policies <owner/repo>  each role's IAM trust policy for GitHub's OIDC
 *
 * Exits 1, saying why, when the workflow cannot run the organization (a stack without a known
 * deployer, a dependency the job graph would break).
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadOrgFile, ModelError } from "../src/model";
import { ciRoleTrusts, planCiMatrix, rolesAssumedBy, workflowOutputs, type CiManifest } from "./lib/ci-matrix";

class UsageError extends Error {}

function parse(argv: readonly string[]): { outdir: string; githubOutput: boolean; repository?: string } {
  let outdir = process.env.CDKTF_OUTDIR || "cdktf.out";
  let githubOutput = false;
  let repository: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--github-output") githubOutput = true;
    else if (arg === "--outdir" && argv[i + 1]) outdir = argv[++i];
    else if (arg === "--trust-policies" && argv[i + 1]) repository = argv[++i];
    else throw new UsageError(`ci-matrix: unknown or incomplete argument ${arg}; use --outdir <dir>, --github-output, --trust-policies <owner/repo>`);
  }
  return { outdir: resolve(outdir), githubOutput, repository };
}

try {
  const args = parse(process.argv.slice(2));
  const manifestPath = join(args.outdir, "manifest.json");
  if (!existsSync(manifestPath)) throw new UsageError(`ci-matrix: ${manifestPath} does not exist; run npm run synth first`);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as CiManifest & { stacks: Record<string, { synthesizedStackPath: string }> };
  const org = loadOrgFile(process.env.PLATFORM_CONFIG || undefined);
  const matrix = planCiMatrix(org, manifest);
  for (const s of matrix.skipped) process.stderr.write(`${args.githubOutput ? "::warning::" : ""}ci-matrix: ${s.stack} is left out: ${s.reason}\n`);
  if (matrix.problems.length > 0) {
    process.stderr.write(`ci-matrix: the workflow cannot run this organization:\n${matrix.problems.map((p) => `  - ${p}`).join("\n")}\n`);
    process.exitCode = 1;
  } else if (args.repository) {
    const assumed = new Map(
      Object.values(manifest.stacks).map((s) => [s.name, rolesAssumedBy(JSON.parse(readFileSync(join(args.outdir, s.synthesizedStackPath), "utf8")))]),
    );
    process.stdout.write(`${JSON.stringify(ciRoleTrusts(matrix, args.repository, assumed), null, 2)}\n`);
  } else if (args.githubOutput) {
    const file = process.env.GITHUB_OUTPUT;
    if (!file) throw new UsageError("ci-matrix: --github-output needs GITHUB_OUTPUT (set by GitHub Actions in every step)");
    const lines = Object.entries(workflowOutputs(matrix)).map(([name, value]) => `${name}=${value}\n`);
    appendFileSync(file, lines.join(""));
    process.stdout.write(lines.join(""));
  } else {
    process.stdout.write(`${JSON.stringify({ groups: matrix.groups, skipped: matrix.skipped }, null, 2)}\n`);
  }
} catch (e) {
  if (!(e instanceof ModelError) && !(e instanceof UsageError)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exitCode = 1;
}
