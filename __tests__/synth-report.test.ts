import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finishSynth, formatSynthReport, removeStaleStackFolders, type SynthSummary } from "../src/synth-report";

const RETIRED = "environments.production.platform.ingress.controller: ingress-nginx was retired upstream on 2026-03-24";

/** An output folder as cdktf writes it: manifest.json and one cdk.tf.json per stack. */
function outdirWith(stacks: Record<string, { resources: Record<string, string[]>; annotations?: object[] }>): string {
  const outdir = join(work, `out-${Object.keys(stacks).join("-")}-${readdirSync(work).length}`);
  const manifest: Record<string, object> = {};
  for (const [name, stack] of Object.entries(stacks)) {
    mkdirSync(join(outdir, "stacks", name), { recursive: true });
    const resource = Object.fromEntries(Object.entries(stack.resources).map(([type, names]) => [type, Object.fromEntries(names.map((n) => [n, {}]))]));
    writeFileSync(join(outdir, "stacks", name, "cdk.tf.json"), JSON.stringify({ resource, data: { aws_partition: { p: {} } } }));
    manifest[name] = { name, synthesizedStackPath: `stacks/${name}/cdk.tf.json`, annotations: stack.annotations ?? [] };
  }
  writeFileSync(join(outdir, "manifest.json"), JSON.stringify({ version: "0.21.0", stacks: manifest }));
  return outdir;
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "lz-report-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("finishSynth", () => {
  it("counts each stack's resources (not its data sources) and keeps its annotations", () => {
    const outdir = outdirWith({
      state: { resources: { aws_s3_bucket: ["state", "logs"], aws_kms_key: ["key"] } },
      "production-platform": {
        resources: { helm_release: ["ingress"] },
        annotations: [{ level: "@cdktf/warn", constructPath: "production-platform", message: RETIRED, stacktrace: ["x"] }],
      },
    });
    const summary = finishSynth(outdir);
    expect(summary.stacks).toEqual([
      { name: "production-platform", resources: 1, annotations: [{ level: "warning", constructPath: "production-platform", message: RETIRED }] },
      { name: "state", resources: 3, annotations: [] },
    ]);
    expect(summary.removed).toEqual([]);
  });

  it("removes the folders of stacks the manifest no longer lists, and only those", () => {
    const outdir = outdirWith({ state: { resources: {} }, production: { resources: {} } });
    mkdirSync(join(outdir, "stacks", "staging", ".terraform"), { recursive: true });
    writeFileSync(join(outdir, "stacks", "notes.txt"), "a file, not a stack folder");
    expect(finishSynth(outdir).removed).toEqual(["staging"]);
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(["notes.txt", "production", "state"]);
  });
});

describe("removeStaleStackFolders", () => {
  it("does nothing when there is no stacks folder yet", () => {
    expect(removeStaleStackFolders(join(work, "nothing-here"), new Set(["state"]))).toEqual([]);
    expect(existsSync(join(work, "nothing-here"))).toBe(false);
  });
});

describe("formatSynthReport", () => {
  const summary: SynthSummary = {
    outdir: "/repo/cdktf.out",
    stacks: [
      { name: "production-platform", resources: 12, annotations: [{ level: "warning", constructPath: "production-platform", message: RETIRED }] },
      { name: "state", resources: 1, annotations: [] },
    ],
    removed: ["staging"],
  };

  it("prints a line per stack, every warning, the removed folders and a total", () => {
    expect(formatSynthReport(summary, { cwd: "/repo" })).toBe(
      [
        "Synthesized 2 stacks into cdktf.out:",
        "  production-platform  12 resources",
        "  state                1 resource",
        "",
        `warning [production-platform]: ${RETIRED}`,
        "",
        "Removed 1 stack folder the organization no longer has: cdktf.out/stacks/staging",
        "",
        "Total: 2 stacks, 13 resources, 1 warning.",
        "",
      ].join("\n"),
    );
  });

  it("counts the annotations without repeating them when cdktf's CLI prints them", () => {
    const report = formatSynthReport(summary, { cwd: "/repo", annotationsPrintedElsewhere: true });
    expect(report).not.toContain(RETIRED);
    expect(report).toContain("Total: 2 stacks, 13 resources, 1 warning (printed by cdktf below).");
  });

  it("names errors in the total, and says 0 warnings when there are none", () => {
    const clean: SynthSummary = { outdir: "/repo/out", stacks: [{ name: "state", resources: 2, annotations: [] }], removed: [] };
    expect(formatSynthReport(clean, { cwd: "/repo" })).toBe("Synthesized 1 stack into out:\n  state  2 resources\n\nTotal: 1 stack, 2 resources, 0 warnings.\n");
    const failed: SynthSummary = {
      ...clean,
      stacks: [{ name: "state", resources: 2, annotations: [{ level: "error", constructPath: "state/x", message: "broken" }] }],
    };
    expect(formatSynthReport(failed, { cwd: "/repo" })).toContain("error [state]: broken\n\nTotal: 1 stack, 2 resources, 1 error, 0 warnings.");
  });
});

describe("email subscriptions in the report", () => {
  it("lists each stack's email subscriptions from its cdk.tf.json and says they need confirmation", () => {
    const outdir = outdirWith({ production: { resources: {} }, state: { resources: {} } });
    const file = join(outdir, "stacks", "production", "cdk.tf.json");
    writeFileSync(
      file,
      JSON.stringify({
        resource: {
          aws_sns_topic_subscription: {
            ops: { protocol: "email", endpoint: "ops@example.com", topic_arn: "${aws_sns_topic.t.arn}" },
            queue: { protocol: "sqs", endpoint: "arn:aws:sqs:us-east-1:111111111111:q", topic_arn: "${aws_sns_topic.t.arn}" },
          },
        },
      }),
    );
    const summary = finishSynth(outdir);
    expect(summary.stacks).toEqual([
      { name: "production", resources: 2, annotations: [], emailSubscriptions: ["ops@example.com"] },
      { name: "state", resources: 0, annotations: [] },
    ]);
    expect(formatSynthReport(summary, { cwd: outdir })).toContain(
      'Email subscriptions need confirmation: after apply, AWS sends each address "AWS Notification - Subscription Confirmation"; ' +
        "until its link is followed, that address receives no alert:\n  production  ops@example.com\n",
    );
  });

  it("says nothing of subscriptions when no stack has one", () => {
    const outdir = outdirWith({ state: { resources: { aws_s3_bucket: ["state"] } } });
    expect(formatSynthReport(finishSynth(outdir), { cwd: outdir })).not.toMatch(/subscription/i);
  });
});
