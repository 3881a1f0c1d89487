/**
 * `npm run policy`: synthesizes the organization (PLATFORM_CONFIG, or the embedded example) into
 * a temporary outdir, runs every POLICY.md rule over every stack, applies policy/exceptions.yaml,
 * prints the findings by stack and the exceptions applied, and exits 1 on any finding left.
 */
import { loadOrgFile, ModelError } from "../src/model";
import { formatReport, loadExceptionsFile, PolicyExceptionError, policyOptionsFor, runPolicy } from "../src/policy";
import { synthesizeOrg } from "../src/testing";

try {
  const org = loadOrgFile(process.env.PLATFORM_CONFIG || undefined);
  const exceptions = loadExceptionsFile();
  const report = runPolicy(synthesizeOrg(org), { exceptions, ...policyOptionsFor(org) });
  process.stdout.write(`${formatReport(report)}\n`);
  if (report.findings.length > 0) process.exitCode = 1;
} catch (e) {
  if (!(e instanceof ModelError) && !(e instanceof PolicyExceptionError)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exitCode = 1;
}
