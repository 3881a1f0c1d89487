import { loadOrgFile } from "../../src/model";
import { buildReport, NETWORK_PICTURE_HEADING, networkPictureMissing, networkPictureSection, type ReviewInput } from "../../src/review";
import { synthesizeOrg } from "../../src/testing";

const input: ReviewInput = { title: "acme", stacks: [] };

describe("networkPictureSection", () => {
  const org = loadOrgFile();
  const stacks = synthesizeOrg(org).map((s) => ({ name: s.name, json: typeof s.json === "string" ? JSON.parse(s.json) : s.json }));
  const report = buildReport(input, [networkPictureSection(org, stacks)]);
  const chart = report.split("```mermaid\n")[1]?.split("\n```")[0] ?? "";

  it("puts a Mermaid flowchart GitHub renders into the report, under its heading", () => {
    expect(report).toContain(`${NETWORK_PICTURE_HEADING}\n`);
    expect(chart.startsWith("flowchart LR")).toBe(true);
  });

  it("draws every environment of the organization with its account and VPC range", () => {
    for (const env of org.environments) {
      expect(chart).toContain(`${env.name} · ${env.accountId} · ${env.region} · ${env.cidr}`);
    }
  });

  it("comes before the stacks' details, after the summary", () => {
    expect(report.indexOf(NETWORK_PICTURE_HEADING)).toBeGreaterThan(report.indexOf("# Plan review: acme"));
  });
});

describe("networkPictureMissing", () => {
  it("says why there is no picture instead of leaving the section out silently", () => {
    const report = buildReport(input, [networkPictureMissing("pass --synth <cdktf.out> with --plans to draw it")]);
    expect(report).toContain(`${NETWORK_PICTURE_HEADING}\n\nNo picture: pass --synth <cdktf.out> with --plans to draw it.`);
  });
});
