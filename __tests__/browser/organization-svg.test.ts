/**
 * The organization's SVG rendered by a real browser (headless Chromium): the DOM after layout
 * says where every label really is (getBBox, with the fonts the machine has), not where the
 * layout's character bound says. Runs in its own suite (`npm run test:browser`, CI runs it):
 * Chromium takes seconds to start. Under CI=true a missing Chromium fails, never skips.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadOrgFile } from "../../src/model/load";
import type { Org } from "../../src/model/org";
import { buildOrganizationDiagram, type OrganizationDiagram, renderOrganizationSvg } from "../../src/review/diagram";
import { chromiumVersion, runChromium } from "../../test-helpers/chromium";
import { synthesizedStacks } from "../../test-helpers/diagram-fixtures";
import { loadChanged } from "../../test-helpers/model-fixtures";

const hasChromium = chromiumVersion() !== undefined;
const itWithChromium = hasChromium || process.env.CI === "true" ? it : it.skip;

/** Measures every label of the inline SVG and writes the findings as JSON into #result. */
const MEASURE = `
const svg = document.querySelector("svg");
const texts = [...svg.querySelectorAll("text")];
const boxes = texts.map((t) => { const b = t.getBBox(); return { text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height, box: t.dataset.box }; });
const outside = [];
for (const b of boxes) {
  const r = document.getElementById(b.box).getBBox();
  if (b.x < r.x - 0.5 || b.y < r.y - 0.5 || b.x + b.w > r.x + r.width + 0.5 || b.y + b.h > r.y + r.height + 0.5) outside.push(b.text + " in " + b.box);
}
const overlapping = [];
for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
  const a = boxes[i], c = boxes[j];
  if (a.x < c.x + c.w - 0.5 && c.x < a.x + a.w - 0.5 && a.y < c.y + c.h - 0.5 && c.y < a.y + a.h - 0.5) overlapping.push(a.text + " / " + c.text);
}
const em = Math.max(...boxes.filter((b) => b.text.length >= 8).map((b) => b.w / b.text.length / parseFloat(getComputedStyle(texts[boxes.indexOf(b)]).fontSize)));
document.getElementById("result").textContent = JSON.stringify({
  labels: boxes.length,
  empty: boxes.filter((b) => b.w === 0 || b.h === 0).map((b) => b.text),
  outside, overlapping, maxAdvanceEm: em,
  environments: [...svg.querySelectorAll("g.environment")].map((g) => g.dataset.environment),
  environmentNames: [...svg.querySelectorAll("text.environment-name")].map((t) => t.textContent),
  edges: [...svg.querySelectorAll("g.edge")].map((g) => g.dataset.edge + " " + g.querySelector("polyline").getTotalLength().toFixed(0)),
  edgeLabels: [...svg.querySelectorAll("rect[data-edge-label]")].map((r) => r.dataset.edgeLabel),
  cells: svg.querySelectorAll("rect.reach").length,
});`;

interface Measured {
  labels: number;
  empty: string[];
  outside: string[];
  overlapping: string[];
  maxAdvanceEm: number;
  environments: string[];
  environmentNames: string[];
  edges: string[];
  edgeLabels: string[];
  cells: number;
}

/** Renders `svg` inline in a page, lets Chromium lay it out, returns what the page measured. */
function measureInChromium(svg: string): Measured {
  const dir = mkdtempSync(join(tmpdir(), "organization-svg-"));
  try {
    const page = join(dir, "page.html");
    writeFileSync(page, `<!doctype html><html><body style="margin:0">${svg}<pre id="result"></pre><script>${MEASURE}</script></body></html>`);
    const dom = runChromium(`file://${page}`, ["--dump-dom", "--virtual-time-budget=5000"]);
    const json = /<pre id="result">([^<]*)<\/pre>/.exec(dom)?.[1];
    if (!json) throw new Error(`the page wrote no measurements:\n${dom.slice(0, 2000)}`);
    return JSON.parse(json.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function expectReadable(org: Org, diagram: OrganizationDiagram, measured: Measured): void {
  expect(measured.environments).toEqual(org.environments.map((e) => e.name));
  expect(measured.environmentNames).toEqual(org.environments.map((e) => e.name));
  expect(measured.edges.map((e) => e.split(" ")[0])).toEqual(diagram.edges.map((e) => e.id));
  for (const e of measured.edges) expect(Number(e.split(" ")[1])).toBeGreaterThan(0);
  expect(measured.edgeLabels).toEqual(diagram.edges.map((e) => e.id));
  expect(measured.cells).toBe(diagram.matrix.cells.length);
  expect(measured.empty).toEqual([]);
  expect(measured.outside).toEqual([]);
  expect(measured.overlapping).toEqual([]);
  // The layout's bound: a font wider than 0.62 em per character would break it.
  expect(measured.maxAdvanceEm).toBeLessThanOrEqual(0.62);
}

describe("the organization's SVG in headless Chromium", () => {
  describe.each([
    ["the default organization", () => loadOrgFile()],
    ["the default organization over a Transit Gateway", () => loadChanged((file) => (file.connectivity = "transitGateway"))],
  ])("of %s", (_name, load) => {
    itWithChromium("shows every environment and edge, every label inside its box and none overlapping another (CI fails here without chromium)", () => {
      const org = load();
      const diagram = buildOrganizationDiagram(org, synthesizedStacks(org));
      const measured = measureInChromium(renderOrganizationSvg(diagram));
      expect(measured.labels).toBeGreaterThan(100);
      expectReadable(org, diagram, measured);
    });
  });

  itWithChromium("reports a label that leaves its box and two that overlap (the check itself)", () => {
    const style = "font-family:monospace;font-size:12px";
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100"><rect id="b0" x="0" y="0" width="300" height="100"/><rect id="b1" x="10" y="10" width="40" height="20"/>` +
      `<text data-box="b1" x="12" y="24" style="${style}">far too long for its box</text>` +
      `<text data-box="b0" x="100" y="60" style="${style}">first</text><text data-box="b0" x="110" y="62" style="${style}">second</text></svg>`;
    const measured = measureInChromium(svg);
    expect(measured.outside).toEqual(["far too long for its box in b1"]);
    expect(measured.overlapping).toEqual(["first / second"]);
  });

  itWithChromium("renders the committed docs/organization.svg to a screenshot of its size", () => {
    const svg = readFileSync(join(__dirname, "../../docs/organization.svg"), "utf8");
    const [, width, height] = /<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
    const dir = mkdtempSync(join(tmpdir(), "organization-png-"));
    try {
      const png = join(dir, "organization.png");
      runChromium(`file://${join(__dirname, "../../docs/organization.svg")}`, [`--screenshot=${png}`, `--window-size=${width},${height}`]);
      const bytes = readFileSync(png);
      // PNG signature, then the IHDR chunk: width and height as big-endian 32-bit integers.
      expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([width, height]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
