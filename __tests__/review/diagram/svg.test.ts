import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadOrgFile } from "../../../src/model/load";
import { buildOrganizationDiagram, renderOrganizationSvg } from "../../../src/review/diagram";
import { synthesizedStacks } from "../../../test-helpers/diagram-fixtures";
import { loadChanged } from "../../../test-helpers/model-fixtures";

const COMMITTED = join(__dirname, "../../../docs/organization.svg");

interface Box { x: number; y: number; w: number; h: number }

/** Rectangles by id, and every text with the box it names and its extent by the layout's own bound (0.62 em per character, 1.2 em tall from 0.95 em above the baseline). */
function geometry(svg: string) {
  const rects = new Map<string, Box>();
  for (const m of svg.matchAll(/<rect id="(b\d+)" x="(-?[\d.]+)" y="(-?[\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)) rects.set(m[1], { x: +m[2], y: +m[3], w: +m[4], h: +m[5] });
  const texts = [...svg.matchAll(/<text class="[^"]*" data-box="(b\d+)" x="([\d.]+)" y="([\d.]+)" style="[^"]*font-size:(\d+)px[^"]*">([^<]*)<\/text>/g)].map((m) => {
    const size = +m[4];
    const text = m[5].replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
    return { box: m[1], text, extent: { x: +m[2], y: +m[3] - 0.95 * size, w: text.length * size * 0.62, h: size * 1.2 } };
  });
  return { rects, texts, textCount: (svg.match(/<text /g) ?? []).length };
}

const inside = (a: Box, b: Box) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;
const intersects = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe("renderOrganizationSvg", () => {
  const org = loadOrgFile();
  const diagram = buildOrganizationDiagram(org, synthesizedStacks(org));
  const svg = renderOrganizationSvg(diagram);

  describe("of the default organization", () => {
    it("equals the committed docs/organization.svg (regenerate: npm run diagram -- --out docs/organization.svg)", () => {
      expect(readFileSync(COMMITTED, "utf8")).toBe(svg);
    });

    it("is self-contained: no script, no image, no link, no external font or stylesheet", () => {
      expect(svg).not.toMatch(/<script|<image|<foreignObject|href=|@import|@font-face|url\(/);
      expect(svg.match(/https?:\/\/[^"]+/g)).toEqual(["http://www.w3.org/2000/svg"]);
    });

    it("has a group per environment and per edge, and a cell per reachable pair of the matrix", () => {
      expect([...svg.matchAll(/data-environment="([^"]+)"/g)].map((m) => m[1])).toEqual(["management", "production", "development"]);
      expect([...svg.matchAll(/<g class="edge" data-edge="([^"]+)" data-kind="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual(["management|production peering", "management|development peering"]);
      expect((svg.match(/class="reach"/g) ?? []).length).toBe(diagram.matrix.cells.length);
      expect(svg).toContain(">3306 5432</text>");
    });

    it("lays every label inside its box and apart from every other label, by the layout's own character bound", () => {
      const { rects, texts, textCount } = geometry(svg);
      expect(texts).toHaveLength(textCount);
      expect(texts.filter((t) => !inside(t.extent, rects.get(t.box)!)).map((t) => t.text)).toEqual([]);
      const overlapping: string[] = [];
      for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) if (intersects(texts[i].extent, texts[j].extent)) overlapping.push(`${texts[i].text} / ${texts[j].text}`);
      expect(overlapping).toEqual([]);
    });
  });

  describe("with connectivity: transitGateway", () => {
    const changed = loadChanged((file) => {
      file.connectivity = "transitGateway";
    });
    const tgw = renderOrganizationSvg(buildOrganizationDiagram(changed, synthesizedStacks(changed)));

    it("names the gateway's hub, draws its edges and the attachment tier, and still keeps labels apart", () => {
      expect(tgw).toContain("connectivity: transitGateway (Transit Gateway in management)");
      expect([...tgw.matchAll(/data-kind="([^"]+)"/g)].map((m) => m[1])).toEqual(["transit-gateway", "transit-gateway"]);
      expect(tgw).toContain(">transit-gateway</text>");
      const { rects, texts } = geometry(tgw);
      expect(texts.filter((t) => !inside(t.extent, rects.get(t.box)!))).toEqual([]);
    });
  });
});
