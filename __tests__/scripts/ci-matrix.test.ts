/**
 * `npm run ci-matrix` as the workflow's synth job runs it: a child process on a synthesized
 * output folder, writing GitHub Actions outputs or trust policies.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadOrgFile } from "../../src/model";
import { changedFile } from "../../test-helpers/model-fixtures";
import { synthesizeInto } from "../../test-helpers/synthesized-manifest";

const ROOT = join(__dirname, "..", "..");

/** Runs the script; returns its exit status, stdout and stderr. */
function run(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts", "ci-matrix.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, PLATFORM_CONFIG: "", GITHUB_OUTPUT: "", ...env },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run ci-matrix", () => {
  const dir = mkdtempSync(join(tmpdir(), "landing-zone-ci-matrix-"));
  const outdir = join(dir, "cdktf.out");
  beforeAll(() => synthesizeInto(loadOrgFile(), outdir));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("appends one name=value line per output to $GITHUB_OUTPUT, and warns about the stack it leaves out", () => {
    const output = join(dir, "github-output");
    writeFileSync(output, "earlier=1\n");
    const result = run(["--outdir", outdir, "--github-output"], { GITHUB_OUTPUT: output });
    expect(result.status).toBe(0);
    const lines = readFileSync(output, "utf8").trimEnd().split("\n");
    expect(lines.map((l) => l.split("=")[0])).toEqual(["earlier", "state", "environments", "dns", "peering", "platforms", "counts", "stacks"]);
    expect(JSON.parse(lines.find((l) => l.startsWith("counts="))!.slice("counts=".length))).toEqual({ state: 0, environments: 3, dns: 1, peering: 1, platforms: 2 });
    expect(result.stderr).toBe(
      "::warning::ci-matrix: state is left out: state.ownState is local: its state is a file on the operator's machine, so a runner would plan it from nothing. " +
        'Deploy it by hand, move its state into the bucket (README "Bootstrapping the state"), then set state.ownState: s3 and CI plans and applies it\n',
    );
  });

  it("prints each role's trust policy for a repository", () => {
    const result = run(["--outdir", outdir, "--trust-policies", "acme/landing-zone"]);
    expect(result.status).toBe(0);
    const trusts = JSON.parse(result.stdout) as { role: string; stacks: string[] }[];
    expect(trusts.map((t) => t.stacks)).toEqual([["development", "development-platform"], ["management", "dns", "peering"], ["production", "production-platform"]]);
  });

  it("says to synth first when the output folder has no manifest", () => {
    const result = run(["--outdir", join(dir, "nothing")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`ci-matrix: ${join(dir, "nothing", "manifest.json")} does not exist; run npm run synth first\n`);
  });

  it("rejects an unknown argument with the ones it takes", () => {
    const result = run(["--outdir", outdir, "--matrix"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("ci-matrix: unknown or incomplete argument --matrix; use --outdir <dir>, --github-output, --trust-policies <owner/repo>\n");
  });

  it("fails, naming the stack and the fix, when the organization has a stack the workflow cannot run", () => {
    const config = join(dir, "user-deployer.yaml");
    writeFileSync(config, changedFile((file) => {
      file.state.deployers = { development: "arn:aws:iam::333333333333:user/ci" };
    }));
    const result = run(["--outdir", outdir], { PLATFORM_CONFIG: config });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "ci-matrix: the workflow cannot run this organization:\n  - stack development's deployer arn:aws:iam::333333333333:user/ci is not an IAM role",
    );
  });
});
