/**
 * The example CI workflow, read as GitHub would read it: its job graph against the stack
 * dependencies of a real synth, its permissions, pins and triggers.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { CI_GROUPS, groupOf, PLAN_ENVIRONMENT, planCiMatrix, workflowOutputs, type CiGroup } from "../../scripts/lib/ci-matrix";
import { loadOrgFile } from "../../src/model";
import type { Org } from "../../src/model/org";
import { MIN_TERRAFORM_VERSION } from "../../src/stacks/landing-zone-stack";
import { loadChanged } from "../../test-helpers/model-fixtures";
import { synthesizeManifest } from "../../test-helpers/synthesized-manifest";
import { evaluate, truthy, type ExpressionContext } from "../../test-helpers/workflow-expressions";

const ROOT = join(__dirname, "..", "..");
const WORKFLOW_PATH = join(ROOT, ".github", "workflows", "landing-zone.yml");
const text = readFileSync(WORKFLOW_PATH, "utf8");
const document = parseDocument(text, { uniqueKeys: true });

interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}
interface Job {
  readonly if?: string;
  readonly needs?: string | string[];
  readonly permissions?: Record<string, string>;
  readonly environment?: string;
  readonly concurrency?: { group: string; "cancel-in-progress": boolean };
  readonly strategy?: { "fail-fast"?: boolean; matrix?: unknown };
  readonly outputs?: Record<string, string>;
  readonly steps: Step[];
}
const workflow = document.toJS() as {
  on: Record<string, unknown>;
  permissions: unknown;
  env: Record<string, string>;
  jobs: Record<string, Job>;
};
const jobs = workflow.jobs;

const needsOf = (job: string): string[] => {
  const needs = jobs[job].needs ?? [];
  return typeof needs === "string" ? [needs] : needs;
};

/** Every job `job` waits for, directly or through others. */
function transitiveNeeds(job: string): Set<string> {
  const all = new Set<string>();
  const visit = (j: string): void => {
    for (const n of needsOf(j)) {
      if (!all.has(n)) {
        all.add(n);
        visit(n);
      }
    }
  };
  visit(job);
  return all;
}

/**
 * The conditions an `if` joins with `&&`. Only for expressions without a top-level `||` (the test
 * asserts there is none), where the job runs only if every one of them holds.
 */
function conjuncts(condition: string | undefined): string[] {
  if (!condition) return [];
  const expression = condition.trim().replace(/^\$\{\{/, "").replace(/\}\}$/, "").replace(/\s+/g, " ").trim();
  expect(expression).not.toContain("||");
  return expression.split("&&").map((c) => c.trim());
}

const groupJob = (kind: "plan" | "apply", group: CiGroup) => `${kind}-${group}`;

/** For every dependency of every synthesized stack: its job and the job of the stack it depends on. */
function dependencyEdges(org: Org): { stack: string; dependency: string; group: CiGroup; dependencyGroup: CiGroup }[] {
  const { stacks } = synthesizeManifest(org);
  return Object.values(stacks).flatMap((s) => {
    // Every stack's backend assumes a role the state stack creates: state comes first (README).
    const dependencies = s.name === "state" ? s.dependencies : ["state", ...s.dependencies];
    return dependencies.map((dependency) => ({ stack: s.name, dependency, group: groupOf(org, s.name)!, dependencyGroup: groupOf(org, dependency)! }));
  });
}

describe("the landing-zone workflow", () => {
  it("is YAML GitHub can read: no syntax errors, no duplicate keys", () => {
    expect(document.errors).toEqual([]);
    expect(document.warnings).toEqual([]);
  });

  it("runs on pull requests and on pushes to main only", () => {
    expect(workflow.on).toEqual({ pull_request: null, push: { branches: ["main"] } });
  });

  it("has one plan and one apply job per group of the matrix script, besides synth, review and comment", () => {
    expect(Object.keys(jobs).sort()).toEqual(
      ["synth", "review", "comment", ...CI_GROUPS.flatMap(({ group }) => [groupJob("plan", group), groupJob("apply", group)])].sort(),
    );
  });

  describe("job graph", () => {
    it.each(CI_GROUPS.flatMap(({ group, after }) => (["plan", "apply"] as const).map((kind) => [groupJob(kind, group), kind, after] as const)))(
      "%s needs synth and the %s jobs of the groups the matrix script runs before it",
      (job, kind, after) => {
        expect(needsOf(job)).toEqual(["synth", ...after.map((g) => groupJob(kind, g))]);
      },
    );

    describe.each([
      ["the default organization", () => loadOrgFile()],
      ["the default organization with a staging environment added", () => loadChanged((file) => {
        file.environments.staging = { ...structuredClone(file.environments.development), accountId: "444444444444", cidr: "10.140.0.0/16" };
        file.environments.staging.eks.readOnly = ["arn:aws:iam::444444444444:role/developer"];
      })],
    ])("for %s", (_name, load) => {
      const edges = dependencyEdges(load());

      it("has stack dependencies to check", () => {
        expect(edges.some((e) => e.dependencyGroup === "environments")).toBe(true);
      });

      it.each(["plan", "apply"] as const)("runs every stack's %s job after the jobs of the stacks it depends on, never beside them", (kind) => {
        const broken = edges.filter((e) => !transitiveNeeds(groupJob(kind, e.group)).has(groupJob(kind, e.dependencyGroup)));
        expect(broken).toEqual([]);
      });
    });

    it("feeds each group's jobs the matrix the synth job computed for that group", () => {
      for (const { group } of CI_GROUPS) {
        for (const kind of ["plan", "apply"] as const) {
          const job = jobs[groupJob(kind, group)];
          expect(job.strategy!.matrix).toBe(`\${{ fromJSON(needs.synth.outputs.${group}) }}`);
          expect(conjuncts(job.if)).toContain(`fromJSON(needs.synth.outputs.counts).${group} > 0`);
        }
        expect(jobs.synth.outputs![group]).toBe(`\${{ steps.matrix.outputs.${group} }}`);
      }
      expect(jobs.synth.steps.find((s) => s.id === "matrix")!.run).toBe("npm run ci-matrix -- --github-output");
      const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
      expect(pkg.scripts["ci-matrix"]).toBe("node --import tsx scripts/ci-matrix.ts");
    });
  });

  describe("permissions", () => {
    it("grants nothing at the workflow level", () => {
      expect(workflow.permissions).toEqual({});
    });

    const expected: Record<string, Record<string, string>> = {
      synth: { contents: "read" },
      review: { contents: "read" },
      comment: { "pull-requests": "write" },
      ...Object.fromEntries(CI_GROUPS.flatMap(({ group }) => [[groupJob("plan", group), { "id-token": "write" }], [groupJob("apply", group), { "id-token": "write" }]])),
    };
    it.each(Object.keys(expected))("gives %s only what it uses", (job) => {
      expect(jobs[job].permissions).toEqual(expected[job]);
    });

    it("runs the repository's own code (npm ci) only in jobs that can write nothing", () => {
      for (const [name, job] of Object.entries(jobs)) {
        if (job.steps.some((s) => s.run?.includes("npm "))) expect(Object.values(job.permissions!)).toEqual(["read"]);
        else expect(name).not.toBe("synth");
      }
    });
  });

  describe("actions", () => {
    const uses = Object.values(jobs).flatMap((j) => j.steps.filter((s) => s.uses).map((s) => s.uses!));

    it("pins every action to a full commit SHA", () => {
      expect(uses.length).toBeGreaterThan(0);
      for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
    });

    it("names the release of every pinned commit in a comment", () => {
      const lines = text.split("\n").filter((l) => /^\s*(- )?uses:/.test(l));
      expect(lines).toHaveLength(uses.length);
      for (const line of lines) expect(line).toMatch(/@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    });

    it("pins each action to one commit throughout", () => {
      const byAction = new Map<string, Set<string>>();
      for (const u of uses) {
        const [action, sha] = u.split("@");
        byAction.set(action, (byAction.get(action) ?? new Set()).add(sha));
      }
      for (const [action, shas] of byAction) expect([action, shas.size]).toEqual([action, 1]);
    });

    it("installs the Terraform the repository is checked with, which the stacks accept", () => {
      expect(workflow.env.TERRAFORM_VERSION).toMatch(/^1\.11\.\d+$/);
      expect(MIN_TERRAFORM_VERSION).toBe(">= 1.10.0");
      const setups = Object.values(jobs).flatMap((j) => j.steps.filter((s) => s.uses?.startsWith("hashicorp/setup-terraform@")));
      expect(setups).toHaveLength(CI_GROUPS.length * 2);
      for (const s of setups) expect(s.with).toEqual({ terraform_version: "${{ env.TERRAFORM_VERSION }}", terraform_wrapper: false });
    });
  });

  describe("plan and apply jobs", () => {
    const groupJobs = (kind: "plan" | "apply") => CI_GROUPS.map(({ group }) => [groupJob(kind, group), jobs[groupJob(kind, group)]] as const);

    it("runs nothing until the repository variable LANDING_ZONE_CI is true: every other job waits for a successful synth", () => {
      expect(jobs.synth.if).toBe("${{ vars.LANDING_ZONE_CI == 'true' }}");
      for (const [name, job] of Object.entries(jobs)) {
        if (name === "synth") continue;
        expect(transitiveNeeds(name).has("synth")).toBe(true);
        const direct = needsOf(name).find((n) => n === "synth" || transitiveNeeds(n).has("synth"))!;
        expect(conjuncts(job.if)).toContain(`needs.${direct}.result == 'success'`);
      }
    });

    it.each(groupJobs("apply"))("%s runs only on a push to main, after nothing failed or was cancelled", (_name, job) => {
      const all = conjuncts(job.if);
      expect(all).toEqual(
        expect.arrayContaining([
          "github.event_name == 'push'",
          "github.ref == 'refs/heads/main'",
          "!contains(needs.*.result, 'failure')",
          "!contains(needs.*.result, 'cancelled')",
        ]),
      );
    });

    it.each([...groupJobs("plan"), ["review", jobs.review] as const, ["comment", jobs.comment] as const])("%s runs only on pull requests", (_name, job) => {
      expect(conjuncts(job.if)).toContain("github.event_name == 'pull_request'");
    });

    it.each(groupJobs("apply"))("%s applies in its stack's GitHub environment, one apply per state key, none cancelled halfway", (_name, job) => {
      expect(job.environment).toBe("${{ matrix.environment }}");
      expect(job.concurrency).toEqual({ group: "landing-zone-apply-${{ matrix.key }}", "cancel-in-progress": false });
      expect(job.strategy!["fail-fast"]).toBe(false);
      const runs = job.steps.filter((s) => s.run).map((s) => s.run!.trim());
      expect(runs).toEqual([
        "terraform init -input=false",
        "terraform plan -input=false -lock-timeout=10m -out=tfplan",
        "terraform apply -input=false -lock-timeout=10m tfplan",
      ]);
    });

    it.each(groupJobs("plan"))("%s plans in the plan environment and never applies", (_name, job) => {
      expect(job.environment).toBe(PLAN_ENVIRONMENT);
      expect(job.steps.some((s) => s.run?.includes("terraform apply"))).toBe(false);
      expect(job.steps.find((s) => s.run?.includes("terraform plan"))!.run).toContain("-lock-timeout=10m -out=tfplan");
    });

    it.each([...groupJobs("plan"), ...groupJobs("apply")])("%s assumes its stack's deployer by OIDC in the stack's folder of the synth's output", (_name, job) => {
      const credentials = job.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))!;
      expect(credentials.with).toEqual({ "role-to-assume": "${{ matrix.role }}", "aws-region": "${{ matrix.region }}", "role-session-name": "landing-zone-${{ github.run_id }}" });
      expect(job.steps[0]).toMatchObject({ uses: expect.stringMatching(/^actions\/download-artifact@/), with: { name: "cdktf.out", path: "cdktf.out" } });
      for (const s of job.steps.filter((x) => x.run)) expect(s).toMatchObject({ "working-directory": "cdktf.out/${{ matrix.directory }}" });
    });
  });

  describe("the review", () => {
    it("writes every plan as <stack>.json, the layout npm run review reads, and uploads it", () => {
      for (const { group } of CI_GROUPS) {
        const steps = jobs[groupJob("plan", group)].steps;
        expect(steps.find((s) => s.run?.includes("terraform plan"))!.run).toContain('terraform show -json tfplan > "$RUNNER_TEMP/plans/${{ matrix.stack }}.json"');
        expect(steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!.with).toMatchObject({
          name: "plan-${{ matrix.stack }}",
          path: "${{ runner.temp }}/plans/${{ matrix.stack }}.json",
        });
      }
    });

    it("gathers every plan into one folder and runs npm run review on it, with the synthesized stacks, after every plan job", () => {
      expect(needsOf("review")).toEqual(["synth", ...CI_GROUPS.map(({ group }) => groupJob("plan", group))]);
      const downloads = jobs.review.steps.filter((s) => s.uses?.startsWith("actions/download-artifact@")).map((s) => s.with);
      expect(downloads).toEqual([
        { pattern: "plan-*", "merge-multiple": true, path: "plans" },
        { name: "cdktf.out", path: "cdktf.out" },
      ]);
      expect(jobs.review.steps.find((s) => s.name === "npm run review")!.run).toContain("npm run review -- --plans plans --synth cdktf.out --out review.md");
    });

    it("posts the report as one comment it updates, from a job that runs no repository code", () => {
      expect(needsOf("comment")).toEqual(["review"]);
      expect(jobs.comment.steps.map((s) => s.uses!.split("@")[0])).toEqual(["actions/download-artifact", "actions/github-script"]);
      const script = String(jobs.comment.steps[1].with!.script);
      expect(script).toContain('const marker = "<!-- landing-zone-plan-review -->"');
      expect(script).toContain("github.rest.issues.updateComment");
      expect(script).toContain("github.rest.issues.createComment");
    });
  });

  describe("played through events and failures", () => {
    const org = loadOrgFile();
    const outputs = workflowOutputs(planCiMatrix(org, synthesizeManifest(org)));
    const REPO = "acme/landing-zone";

    interface Play {
      readonly event: "push" | "pull_request";
      readonly ref?: string;
      /** The pull request's head repository. @default REPO */
      readonly headRepository?: string;
      /** Jobs that fail when they run. */
      readonly failing?: readonly string[];
      readonly vars?: Record<string, string>;
    }

    /**
     * Each job's result, deciding every `if:` as GitHub does: a job runs when its condition holds
     * (`success() &&` is implied when the condition has no status function) and its needs are done.
     */
    function play({ event, ref = event === "push" ? "refs/heads/main" : "refs/pull/7/merge", headRepository = REPO, failing = [], vars = { LANDING_ZONE_CI: "true" } }: Play) {
      const github = {
        event_name: event,
        ref,
        repository: REPO,
        event: event === "pull_request" ? { pull_request: { number: 7, head: { repo: { full_name: headRepository } } } } : {},
      };
      const results: Record<string, string> = {};
      const pending = new Set(Object.keys(jobs));
      while (pending.size > 0) {
        const ready = [...pending].filter((name) => needsOf(name).every((n) => results[n] !== undefined));
        expect(ready.length).toBeGreaterThan(0);
        for (const name of ready) {
          const needs = Object.fromEntries(
            needsOf(name).map((n) => [n, { result: results[n], outputs: n === "synth" && results[n] === "success" ? outputs : {} }]),
          );
          const context: ExpressionContext = { github, vars, needs, cancelled: false };
          const condition = jobs[name].if ?? "success()";
          const implied = /\b(success|failure|cancelled|always)\(/.test(condition) ? true : truthy(evaluate("success()", context));
          const runs = implied && truthy(evaluate(condition, context));
          results[name] = !runs ? "skipped" : failing.includes(name) ? "failure" : "success";
          pending.delete(name);
        }
      }
      return results;
    }
    const ran = (results: Record<string, string>) => Object.keys(results).filter((j) => results[j] !== "skipped").sort();

    it("on a push to main applies every group that has stacks, in order, and plans nothing", () => {
      expect(ran(play({ event: "push" }))).toEqual(["apply-dns", "apply-environments", "apply-peering", "apply-platforms", "synth"]);
    });

    it("stops the applies after a failed one, and leaves the groups beside it alone", () => {
      const results = play({ event: "push", failing: ["apply-peering"] });
      expect(results).toMatchObject({ "apply-environments": "success", "apply-dns": "success", "apply-peering": "failure", "apply-platforms": "skipped" });
    });

    it("applies nothing once the environments failed", () => {
      expect(ran(play({ event: "push", failing: ["apply-environments"] }))).toEqual(["apply-environments", "synth"]);
    });

    it("on a pull request plans every group that has stacks, then reviews and comments, and applies nothing", () => {
      expect(ran(play({ event: "pull_request" }))).toEqual(["comment", "plan-dns", "plan-environments", "plan-peering", "plan-platforms", "review", "synth"]);
    });

    it("keeps planning the later groups after a failed plan, and still reports", () => {
      const results = play({ event: "pull_request", failing: ["plan-environments"] });
      expect(results).toMatchObject({ "plan-environments": "failure", "plan-dns": "success", "plan-peering": "success", "plan-platforms": "success", review: "success", comment: "success" });
    });

    it("posts no comment when the report could not be made", () => {
      expect(play({ event: "pull_request", failing: ["review"] }).comment).toBe("skipped");
    });

    it("runs only the synth of a pull request from a fork, which gets no OIDC token", () => {
      expect(ran(play({ event: "pull_request", headRepository: "someone/landing-zone" }))).toEqual(["synth"]);
    });

    it("applies nothing on a push to another branch, even if the workflow were triggered there", () => {
      expect(ran(play({ event: "push", ref: "refs/heads/feature" }))).toEqual(["synth"]);
    });

    it("runs nothing at all until LANDING_ZONE_CI is true", () => {
      expect(ran(play({ event: "push", vars: {} }))).toEqual([]);
      expect(ran(play({ event: "pull_request", vars: { LANDING_ZONE_CI: "false" } }))).toEqual([]);
    });

    it("runs nothing after a failed synth", () => {
      expect(ran(play({ event: "push", failing: ["synth"] }))).toEqual(["synth"]);
      expect(ran(play({ event: "pull_request", failing: ["synth"] }))).toEqual(["synth"]);
    });
  });
});

describe("the expression evaluator the tests play the workflow with", () => {
  const context: ExpressionContext = {
    github: { event_name: "push" },
    vars: {},
    needs: { a: { result: "success", outputs: { counts: '{"x":2}' } }, b: { result: "failure", outputs: {} } },
    cancelled: false,
  };

  it("reads paths, star filters and fromJSON", () => {
    expect(evaluate("${{ fromJSON(needs.a.outputs.counts).x > 1 }}", context)).toBe(true);
    expect(evaluate("contains(needs.*.result, 'failure')", context)).toBe(true);
    expect(evaluate("github.event_name == 'PUSH'", context)).toBe(true);
  });

  it("evaluates the right side of && only when the left holds", () => {
    expect(evaluate("needs.b.result == 'success' && fromJSON(needs.b.outputs.counts).x > 0", context)).toBe(false);
    expect(() => evaluate("needs.a.result == 'success' && fromJSON(needs.b.outputs.counts).x > 0", context)).toThrow();
  });

  it("rejects what it does not know instead of guessing", () => {
    expect(() => evaluate("hashFiles('x')", context)).toThrow("unsupported function hashFiles");
    expect(() => evaluate("secrets.TOKEN == ''", context)).toThrow("unsupported context secrets");
  });
});
