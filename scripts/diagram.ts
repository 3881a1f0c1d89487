/**
 * `npm run diagram [-- --out <file.svg>] [--mermaid <file.mmd>] [--json <file.json>]`:
 * synthesizes the organization (PLATFORM_CONFIG, or the embedded example) into a temporary
 * outdir and draws it from the model and the synthesized stacks: a self-contained SVG (default
 * `organization.svg`), optionally the Mermaid flowchart and the reachability matrix as JSON.
 * Offline: nothing calls AWS or the network. A bad argument or environments file exits 1 with
 * its message, never a stack trace.
 */
import { writeFileSync } from "node:fs";
import { loadOrgFile, ModelError } from "../src/model";
import { buildOrganizationDiagram, organizationMermaid, renderOrganizationSvg } from "../src/review/diagram";
import { synthesizeOrg } from "../src/testing";
import { type DiagramOptions, parseDiagramOptions } from "./lib/diagram-options";

function main(options: DiagramOptions): string {
  const started = Date.now();
  const org = loadOrgFile(process.env.PLATFORM_CONFIG || undefined);
  const stacks = synthesizeOrg(org).map((s) => ({ name: s.name, json: typeof s.json === "string" ? JSON.parse(s.json) : s.json }));
  const diagram = buildOrganizationDiagram(org, stacks);
  const svg = renderOrganizationSvg(diagram);
  writeFileSync(options.out, svg);
  const written = [`${options.out} (${Buffer.byteLength(svg)} bytes)`];
  if (options.mermaid) {
    writeFileSync(options.mermaid, organizationMermaid(diagram));
    written.push(options.mermaid);
  }
  if (options.json) {
    writeFileSync(options.json, `${JSON.stringify(diagram.matrix, null, 2)}\n`);
    written.push(options.json);
  }
  const { environments, edges, matrix } = diagram;
  return `wrote ${written.join(", ")}: ${environments.length} environments, ${edges.length} edges, ${matrix.cells.length} reachable cells (${Date.now() - started} ms)\n`;
}

let options: DiagramOptions | undefined;
try {
  options = parseDiagramOptions(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exitCode = 1;
}
if (options) {
  try {
    process.stdout.write(main(options));
  } catch (e) {
    if (!(e instanceof ModelError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 1;
  }
}
