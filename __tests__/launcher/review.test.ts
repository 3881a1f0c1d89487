/**
 * `npm run review` end to end, with Terraform: an edit of the default organization (one routine
 * edit of the change-safety table that replaces a node group, and the VPN's admin CIDR widened)
 * planned offline against the state the unedited stacks would have (`--base default`), and the
 * report read back. In the launcher suite because it runs the script and Terraform in child
 * processes (minutes, not the unit suite's seconds); CI runs it with TF_PLUGIN_MIRROR set
 * (.ci/run), and without a mirror it fails under CI instead of skipping.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DEFAULT_ENVIRONMENTS_FILE } from "../../src/model";
import { environment, roundText, type RoutineEdit } from "../../scripts/lib/edit-rounds";
import { ROUTINE_EDITS } from "../../scripts/lib/routine-edits";

const REPO = resolve(__dirname, "../..");
const mirror = process.env.TF_PLUGIN_MIRROR;
// Locally without a mirror there is no Terraform provider to plan with; CI always has one.
const describeWithTerraform = mirror || process.env.CI ? describe : describe.skip;

/** The VPN console's admin CIDR widened from a /24 to the /20 around it. */
const WIDEN_ADMIN_CIDR: RoutineEdit = {
  id: "widen-admin-cidr",
  title: "widen the VPN admins' CIDR",
  change: "management: vpn.adminCidrs 203.0.113.0/24 -> 203.0.112.0/20",
  stack: "management",
  apply: (doc) => {
    (environment(doc, "management").vpn as { adminCidrs: string[] }).adminCidrs = ["203.0.112.0/20"];
  },
  expect: {},
};

describeWithTerraform("npm run review --base default, on an edit of the default organization", () => {
  let work: string;
  let report: string;
  let run: ReturnType<typeof spawnSync>;

  beforeAll(() => {
    if (!mirror) throw new Error("TF_PLUGIN_MIRROR is not set: CI must give the review test a provider mirror (.ci/run exports it)");
    work = mkdtempSync(join(tmpdir(), "review-test-"));
    const replaceNodeGroup = ROUTINE_EDITS.find((e) => e.id === "node-group-instance-types")!;
    const edited = join(work, "environments.yaml");
    writeFileSync(edited, roundText(readFileSync(DEFAULT_ENVIRONMENTS_FILE, "utf8"), [replaceNodeGroup, WIDEN_ADMIN_CIDR]));
    const out = join(work, "review.md");
    run = spawnSync(process.execPath, ["--import", "tsx", "scripts/review.ts", "--base", "default", "--out", out, "management", "development"], {
      cwd: REPO,
      encoding: "utf8",
      env: { ...process.env, PLATFORM_CONFIG: edited, LZ_REVIEW_DIR: join(work, "scratch") },
    });
    report = run.status === 0 ? readFileSync(out, "utf8") : "";
  }, 20 * 60_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("plans both stacks and says where it wrote the report", () => {
    expect({ status: run.status, stderr: run.status === 0 ? "" : run.stderr }).toEqual({ status: 0, stderr: "" });
    expect(run.stdout).toMatch(/^review: wrote .*review\.md \(2 stacks planned, \d+ bytes, /m);
  });

  it("flags the node group's replacement with the attributes that force it", () => {
    expect(report).toContain("| 2 | [development](#stack-development) | 0 | 0 | 1 | 0 | 0 | 0 |");
    expect(report).toContain("- **replace** `aws_eks_node_group.eks_node-group-general_node-group` (create-before-destroy)");
    expect(report).toContain('  - forced by `instance_types: ["t3.large","t3a.large"] -> ["m6i.large"]`');
    expect(report).toContain('  - forced by `capacity_type: "SPOT" -> "ON_DEMAND"`');
  });

  it("flags the widened admin rule, in the security group and in the NACL, naming the narrower rule it replaces", () => {
    const widened = report.split("\n").filter((l) => l.startsWith("| **widened** from 203.0.113.0/24 tcp 443: 203.0.112.0/20 beyond 203.0.113.0/24"));
    expect(widened).toHaveLength(2);
    expect(widened.find((l) => l.includes("| security group | ingress | allow | 203.0.112.0/20 | tcp | 443 |"))).toContain("vpn_admin-https-203-0-113-0-24 is destroyed");
    expect(widened.find((l) => l.includes("| NACL | ingress | allow | 203.0.112.0/20 | tcp | 443 |"))).toBeDefined();
  });

  it("shows nothing else: the unedited parts plan no change against the settled state", () => {
    expect(report).toContain("| 1 | [management](#stack-management) | 2 | 0 | 0 | 2 | 0 | 0 |");
  });
});
