/**
 * `npm run diagram [-- --out <file.svg>] [-- --mermaid <file.mmd>] [-- --json <file.json>]`:
 * synthesizes the organization (PLATFORM_CONFIG, or the embedded example) into a temporary
 * outdir and draws it from the model and the synthesized stacks: a self-contained SVG (default
 * `organization.svg`), optionally the Mermaid flowchart and the reachability matrix as JSON.
 * Offline: nothing calls AWS or the network.
 */
import { writeFileSync } from "node:fs";
import { loadOrgFile, ModelError } from "../src/model";
import { buildOrganizationDiagram, organizationMermaid, renderOrganizationSvg } from "../src/review/diagram";
import { synthesizeOrg } from "../src/testing";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  if (!value || value.startsWith("--")) throw new Error(`--${name} needs a file name`);
  return value;
}

try {
  const started = Date.now();
  const org = loadOrgFile(process.env.PLATFORM_CONFIG || undefined);
  const stacks = synthesizeOrg(org).map((s) => ({ name: s.name, json: typeof s.json === "string" ? JSON.parse(s.json) : s.json }));
  const diagram = buildOrganizationDiagram(org, stacks);
  const out = option("out") ?? "organization.svg";
  const svg = renderOrganizationSvg(diagram);
  writeFileSync(out, svg);
  const written = [`${out} (${svg.length} bytes)`];
  const mermaid = option("mermaid");
  if (mermaid) {
    writeFileSync(mermaid, organizationMermaid(diagram));
    written.push(mermaid);
  }
  const json = option("json");
  if (json) {
    writeFileSync(json, `${JSON.stringify(diagram.matrix, null, 2)}\n`);
    written.push(json);
  }
  process.stdout.write(`wrote ${written.join(", ")}: ${diagram.environments.length} environments, ${diagram.edges.length} edges, ${diagram.matrix.cells.length} reachable cells (${Date.now() - started} ms)\n`);
} catch (e) {
  if (!(e instanceof ModelError)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exitCode = 1;
}
