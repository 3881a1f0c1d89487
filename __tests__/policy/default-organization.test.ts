/**
 * The policy over every stack of the default organization: zero findings once the recorded
 * exceptions are applied. Built with Testing.app() and Testing.synth, as a user's own test would.
 */
import { Testing, TerraformStack } from "cdktf";
import { buildApp } from "../../src/app";
import { loadOrgFile } from "../../src/model";
import { formatReport, runPolicy, type SynthesizedStack } from "../../src/policy/engine";
import { loadExceptionsFile } from "../../src/policy/exceptions";
import { policyOptionsFor } from "../../src/policy/org-options";
import { loadChanged } from "../../test-helpers/model-fixtures";

describe("the default organization", () => {
  const org = loadOrgFile();
  const app = Testing.app();
  buildApp(app, org);
  const stacks: SynthesizedStack[] = app.node.children
    .filter((c): c is TerraformStack => c instanceof TerraformStack)
    .map((s) => ({ name: s.node.id, json: Testing.synth(s) }));
  const report = runPolicy(stacks, { exceptions: loadExceptionsFile(), ...policyOptionsFor(org) });

  it("has the state stack and one stack per environment to check", () => {
    expect(stacks.map((s) => s.name)).toEqual(expect.arrayContaining(["state", ...org.environments.map((e) => e.name)]));
  });

  it("passes every policy rule in every stack", () => {
    expect(report.findings.map((f) => `${f.ruleId} ${f.stack}/${f.address}: ${f.message}`)).toEqual([]);
    expect(formatReport(report)).toMatch(/rules x \d+ stacks, 0 findings$/);
  });

  it("uses every recorded exception, so none is stale", () => {
    expect(report.unusedExceptions).toEqual([]);
  });
});

describe("the default organization with connectivity: transitGateway", () => {
  const org = loadChanged((f) => (f.connectivity = "transitGateway"));
  const app = Testing.app();
  buildApp(app, org);
  const stacks: SynthesizedStack[] = app.node.children
    .filter((c): c is TerraformStack => c instanceof TerraformStack)
    .map((s) => ({ name: s.node.id, json: Testing.synth(s) }));
  const report = runPolicy(stacks, { exceptions: loadExceptionsFile(), ...policyOptionsFor(org) });

  it("checks the peering stack's Transit Gateway", () => {
    expect(stacks.find((s) => s.name === "peering")!.json).toContain('"aws_ec2_transit_gateway"');
  });

  it("passes every policy rule in every stack", () => {
    expect(report.findings.map((f) => `${f.ruleId} ${f.stack}/${f.address}: ${f.message}`)).toEqual([]);
  });
});
