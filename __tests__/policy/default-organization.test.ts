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

/** Every stack of an organization, synthesized. */
function synthesized(org: ReturnType<typeof loadChanged>): SynthesizedStack[] {
  const app = Testing.app();
  buildApp(app, org);
  return app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack).map((s) => ({ name: s.node.id, json: Testing.synth(s) }));
}

describe("the default organization with a public endpoint opted into in the environments file", () => {
  const org = loadChanged((f) => {
    f.environments.production.eks.publicAccessCidrs = ["203.0.113.0/24"];
    f.environments.production.eks.publicAccessRationale = "the office egress range, until the VPN lands";
  });
  const stacks = synthesized(org);
  const report = runPolicy(stacks, { exceptions: loadExceptionsFile(), ...policyOptionsFor(org) });

  it("passes every policy rule without an entry in policy/exceptions.yaml", () => {
    expect(loadExceptionsFile().some((e) => e.rule === "AWS-0040" || e.rule === "AWS-0041")).toBe(false);
    expect(report.findings.map((f) => `${f.ruleId} ${f.stack}/${f.address}: ${f.message}`)).toEqual([]);
  });

  it("reports the exception as waived, with the file's rationale and where it was recorded", () => {
    expect(report.waived.map((w) => `${w.finding.ruleId} ${w.finding.stack}/${w.finding.address}`)).toContain("CKV_AWS_39 production/aws_eks_cluster.eks_cluster");
    expect(formatReport(report)).toContain(
      "AWS-0040 production/aws_eks_cluster.eks_cluster: the office egress range, until the VPN lands (AWS-0040/AWS-0041, recorded by environments.production.eks.publicAccessCidrs) [environments.production.eks.publicAccessCidrs]",
    );
  });

  it("waives that cluster only: another environment's public endpoint is still a finding", () => {
    const development = stacks.find((s) => s.name === "development")!;
    const opened = JSON.parse(development.json as string);
    opened.resource.aws_eks_cluster.eks_cluster.vpc_config.endpoint_public_access = true;
    opened.resource.aws_eks_cluster.eks_cluster.vpc_config.public_access_cidrs = ["203.0.113.0/24"];
    // With the project's exceptions (the nodes' HTTPS egress), so only the model's opt-in is in question.
    const other = runPolicy([{ name: "development", json: opened }], { exceptions: loadExceptionsFile(), ...policyOptionsFor(org) });
    expect(other.findings.map((f) => `${f.ruleId} ${f.stack}/${f.address}`)).toEqual(["CKV_AWS_39 development/aws_eks_cluster.eks_cluster"]);
  });

  it("fails without the model's exception, as before the opt-in recorded it", () => {
    const { modelExceptions: _recorded, ...options } = policyOptionsFor(org);
    const without = runPolicy(stacks, { exceptions: loadExceptionsFile(), ...options });
    expect(without.findings.map((f) => `${f.ruleId} ${f.stack}/${f.address}`)).toEqual(["CKV_AWS_39 production/aws_eks_cluster.eks_cluster"]);
  });
});

describe("the default organization with development's deletion protection lifted", () => {
  const org = loadChanged((f) => (f.environments.development.deletionProtection = false));
  const stacks = synthesized(org);

  it("passes every policy rule, and development's stack carries no prevent_destroy", () => {
    const report = runPolicy(stacks, { exceptions: loadExceptionsFile(), ...policyOptionsFor(org) });
    expect(report.findings).toEqual([]);
    expect(stacks.find((s) => s.name === "development")!.json).not.toContain('"prevent_destroy": true');
    expect(stacks.find((s) => s.name === "production")!.json).toContain('"prevent_destroy": true');
  });
});
