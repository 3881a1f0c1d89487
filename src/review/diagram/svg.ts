/**
 * The organization as one self-contained SVG: inline styles, no scripts, no external fonts or
 * images. The layout is a deterministic grid computed from text lengths, so labels cannot overlap
 * by construction: every text is monospace at a fixed size, its width is its length times an
 * upper bound of the font's advance (DejaVu Sans Mono and Liberation Mono advance 0.60 em; 0.62
 * leaves room for other monospace fonts), and every box is sized from the texts it holds.
 * Every <text> names the rectangle it belongs in (`data-box`); the browser test checks both.
 * Pure: no constructs.
 */
import type { TierName } from "./network-facts";
import type { DiagramEnvironment, OrganizationDiagram } from "./organization-diagram";
import { cellText, type Endpoint, type ReachCell } from "./reachability";

const FONT = "DejaVu Sans Mono, Liberation Mono, Menlo, Consolas, monospace";
const SIZE = 12;
const TITLE_SIZE = 14;
/** Upper bound of a character's advance, in em. */
const ADVANCE = 0.62;
const LINE = 17;
const PAD = 8;
const GAP = 36;

const width = (text: string, size = SIZE) => Math.ceil(text.length * size * ADVANCE);

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const TIER_FILL: Record<TierName, string> = {
  public: "#e8f1fb",
  private: "#eaf6ec",
  "control-plane": "#f3ecf9",
  persistence: "#fdf3e1",
  "transit-gateway": "#eeeeee",
};

/** Collects SVG elements; texts carry the id of their box. */
class Canvas {
  readonly parts: string[] = [];
  private boxes = 0;

  rect(x: number, y: number, w: number, h: number, style: string, attrs = ""): string {
    const id = `b${this.boxes++}`;
    this.parts.push(`<rect id="${id}" x="${x}" y="${y}" width="${w}" height="${h}" style="${style}"${attrs}/>`);
    return id;
  }

  /** A text whose top-left corner is (x, y): its baseline sits 0.95 em + 1 px lower, so ascenders stay below y. */
  text(box: string, x: number, y: number, text: string, options: { size?: number; bold?: boolean; fill?: string; cls?: string } = {}): void {
    const size = options.size ?? SIZE;
    const style = `font-family:${FONT};font-size:${size}px;${options.bold ? "font-weight:bold;" : ""}fill:${options.fill ?? "#1b1b1b"}`;
    this.parts.push(`<text class="${options.cls ?? "label"}" data-box="${box}" x="${x}" y="${y + Math.ceil(size * 0.95) + 1}" style="${style}">${escapeXml(text)}</text>`);
  }

  raw(s: string): void {
    this.parts.push(s);
  }
}

interface EnvLayout {
  readonly env: DiagramEnvironment;
  readonly w: number;
  readonly h: number;
  readonly header: string[];
  readonly labelW: number;
  readonly cellW: number;
}

function envHeader(env: DiagramEnvironment): string[] {
  const lines = [`account ${env.accountId} · ${env.region}`, `VPC ${env.vpcCidr} · ${env.azSuffixes.length} AZs`];
  const gateways = [env.internetGateway ? "IGW" : "no IGW", env.natGateways === 0 ? "no NAT" : `NAT ×${env.natGateways}`];
  lines.push(gateways.join(" · "));
  if (env.clusterName) lines.push(`EKS ${env.clusterName}`);
  if (env.vpn) lines.push(`VPN ${env.vpn.address} udp/${env.vpn.port}`);
  return lines;
}

function layoutEnv(env: DiagramEnvironment): EnvLayout {
  const header = envHeader(env);
  const labelW = Math.max(...env.tiers.map((t) => width(t.tier))) + 2 * PAD;
  const cellTexts = env.tiers.flatMap((t) => t.subnets.flatMap((s) => [s.cidr, s.natGateway ? "NAT" : "", s.vpnServer ? `VPN ${s.vpnServer}` : ""]));
  const cellW = Math.max(...cellTexts.map((t) => width(t)), width("AZ a")) + 2 * PAD;
  const gridW = labelW + cellW * env.azSuffixes.length;
  const w = Math.max(gridW, width(env.name, TITLE_SIZE) + 2 * PAD, ...header.map((l) => width(l) + 2 * PAD)) + 2 * PAD;
  const h = PAD + LINE + 4 + header.length * LINE + PAD + LINE + env.tiers.reduce((n, t) => n + tierRowHeight(t.subnets), 0) + PAD;
  return { env, w, h, header, labelW, cellW };
}

/** A tier row holds the CIDR line plus one line per marker of its busiest subnet. */
function tierRowHeight(subnets: DiagramEnvironment["tiers"][number]["subnets"]): number {
  const lines = Math.max(1, ...subnets.map((s) => 1 + (s.natGateway ? 1 : 0) + (s.vpnServer ? 1 : 0)));
  return lines * LINE + PAD;
}

function drawEnv(c: Canvas, l: EnvLayout, x: number, y: number): void {
  const { env } = l;
  c.raw(`<g class="environment" data-environment="${escapeXml(env.name)}">`);
  const box = c.rect(x, y, l.w, l.h, "fill:#ffffff;stroke:#4a5a6a;stroke-width:1.5", ` rx="6"`);
  let cy = y + PAD;
  c.text(box, x + PAD, cy, env.name, { size: TITLE_SIZE, bold: true, cls: "label environment-name" });
  cy += LINE + 4;
  for (const line of l.header) {
    c.text(box, x + PAD, cy, line, { fill: "#3a3a3a" });
    cy += LINE;
  }
  cy += PAD;
  const gx = x + PAD;
  const headBox = c.rect(gx, cy, l.labelW, LINE, "fill:none;stroke:none");
  c.text(headBox, gx + PAD, cy, "tier", { fill: "#666666" });
  env.azSuffixes.forEach((az, i) => {
    const hb = c.rect(gx + l.labelW + i * l.cellW, cy, l.cellW, LINE, "fill:none;stroke:none");
    c.text(hb, gx + l.labelW + i * l.cellW + PAD, cy, `AZ ${az}`, { fill: "#666666" });
  });
  cy += LINE;
  for (const t of env.tiers) {
    const rh = tierRowHeight(t.subnets);
    const lb = c.rect(gx, cy, l.labelW, rh, `fill:${TIER_FILL[t.tier]};stroke:#b0b8c0`);
    c.text(lb, gx + PAD, cy + PAD / 2, t.tier, { bold: false });
    env.azSuffixes.forEach((az, i) => {
      const cx = gx + l.labelW + i * l.cellW;
      const s = t.subnets.find((x) => x.azSuffix === az);
      const cb = c.rect(cx, cy, l.cellW, rh, `fill:${TIER_FILL[t.tier]};stroke:#b0b8c0`);
      if (!s) return;
      let ty = cy + PAD / 2;
      c.text(cb, cx + PAD, ty, s.cidr);
      if (s.natGateway) c.text(cb, cx + PAD, (ty += LINE), "NAT", { bold: true, fill: "#8a4b00" });
      if (s.vpnServer) c.text(cb, cx + PAD, (ty += LINE), `VPN ${s.vpnServer}`, { bold: true, fill: "#7a1f5c" });
    });
    cy += rh;
  }
  c.raw("</g>");
}

const endpointLabel = (e: Endpoint): string[] =>
  e.kind === "internet" ? ["internet", ""] : e.kind === "vpn-clients" ? [`${e.environment}`, "VPN clients"] : [`${e.environment}`, `${e.tier}`];

/** Packs tokens into lines of at most `max` characters (a longer token gets a line of its own). */
function wrap(tokens: readonly string[], max: number): string[] {
  const lines: string[] = [];
  for (const t of tokens) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + t.length <= max) lines[lines.length - 1] = `${last} ${t}`;
    else lines.push(t);
  }
  return lines;
}

const CELL_CHARS = 12;

function cellLines(cell: ReachCell): string[] {
  return wrap(cellText(cell), CELL_CHARS);
}

const VIA_FILL: Record<ReachCell["via"][number], string> = {
  local: "#dff2e1",
  peering: "#dce9f9",
  "transit-gateway": "#dce9f9",
  "internet-gateway": "#fde2cf",
};

/** Renders the diagram as SVG text. */
export function renderOrganizationSvg(d: OrganizationDiagram): string {
  const c = new Canvas();
  const layouts = d.environments.map(layoutEnv);
  const margin = 20;

  const title = `${d.organization} · ${d.region} · connectivity: ${d.connectivity}${d.transitGatewayHub ? ` (Transit Gateway in ${d.transitGatewayHub})` : ""}`;
  const subtitle = "drawn from the environments file and the synthesized stacks (npm run diagram)";

  // Environments side by side.
  const envTop = margin + 2 * LINE + PAD + 4;
  const xs: number[] = [];
  let x = margin;
  for (const l of layouts) {
    xs.push(x);
    x += l.w + GAP;
  }
  const envsRight = x - GAP;
  const envBottom = envTop + Math.max(0, ...layouts.map((l) => l.h));

  // Edges: one lane each below the boxes; each box's bottom is split into one anchor per edge end.
  const ends = new Map<string, number>();
  for (const e of d.edges) for (const n of [e.a, e.b]) ends.set(n, (ends.get(n) ?? 0) + 1);
  const used = new Map<string, number>();
  const anchor = (name: string) => {
    const i = d.environments.findIndex((e) => e.name === name);
    const k = used.get(name) ?? 0;
    used.set(name, k + 1);
    return xs[i] + Math.round((layouts[i].w * (k + 1)) / ((ends.get(name) ?? 1) + 1));
  };
  const laneH = 2 * LINE + PAD;
  const edgeLabels = d.edges.map((e) => {
    const how = e.kind === "peering" ? "VPC peering" : "Transit Gateway";
    const tiers = `routes from ${e.a}: ${e.aTiers.join(",") || "none"} · from ${e.b}: ${e.bTiers.join(",") || "none"}`;
    return [`${e.a} <-> ${e.b} · ${how}`, tiers];
  });
  const edgeTop = envBottom + PAD;
  const edgeSvg: string[] = [];
  const edgeTexts: { x: number; y: number; lines: string[]; edge: string }[] = [];
  d.edges.forEach((e, i) => {
    const ax = anchor(e.a);
    const bx = anchor(e.b);
    const ly = edgeTop + (i + 1) * laneH;
    const color = e.kind === "peering" ? "#2d6cb5" : "#6b3fa0";
    edgeSvg.push(
      `<g class="edge" data-edge="${escapeXml(e.id)}" data-kind="${e.kind}"><polyline points="${ax},${envBottom} ${ax},${ly} ${bx},${ly} ${bx},${envBottom}" style="fill:none;stroke:${color};stroke-width:2"/>` +
        `<circle cx="${ax}" cy="${envBottom}" r="3" style="fill:${color}"/><circle cx="${bx}" cy="${envBottom}" r="3" style="fill:${color}"/></g>`,
    );
    edgeTexts.push({ x: Math.min(ax, bx) + PAD, y: ly - 2 * LINE - 2, lines: edgeLabels[i], edge: e.id });
  });
  const edgesBottom = edgeTop + d.edges.length * laneH + (d.edges.length ? PAD : 0);

  // The matrix.
  const m = d.matrix;
  const cellsByKey = new Map(m.cells.map((cell) => [`${cell.from}>${cell.to}`, cell]));
  const rowLabels = m.sources.map((s) => endpointLabel(s).filter(Boolean).join(" "));
  const rowLabelW = Math.max(width("from \\ to"), ...rowLabels.map((r) => width(r))) + 2 * PAD;
  const colW = m.destinations.map((dst) => {
    const texts = [...endpointLabel(dst), ...m.sources.flatMap((src) => {
      const cell = cellsByKey.get(`${src.id}>${dst.id}`);
      return cell ? cellLines(cell) : [];
    })];
    return Math.max(...texts.map((t) => width(t))) + 2 * PAD;
  });
  const rowH = m.sources.map((src) => Math.max(1, ...m.destinations.map((dst) => {
    const cell = cellsByKey.get(`${src.id}>${dst.id}`);
    return cell ? cellLines(cell).length : 1;
  })) * LINE + PAD);
  const matrixTitle = "Reachability: which tier reaches which, on which ports (from synthesized routes, NACLs and security groups)";
  const legend = [
    "numbers: TCP ports · /udp: UDP ports · all: every protocol and port · +icmp: other protocols too",
    "port*: reached from only part of the source (a /32 such as the VPN server's address, or a listed range)",
    "green: same VPC · blue: across a peering or Transit Gateway edge · orange: from the internet through the IGW",
    "a tier's security groups are those on resources Terraform places in it (nodes: their launch template's),",
    "plus the EKS-managed cluster group on the control plane; run-time load balancers and nodes are not in the stacks",
  ];
  const matrixTop = edgesBottom + GAP;
  const headerH = 2 * LINE + PAD;
  const gridTop = matrixTop + LINE + 4 + legend.length * LINE + PAD;
  const matrixW = rowLabelW + colW.reduce((a, b) => a + b, 0);
  const matrixH = headerH + rowH.reduce((a, b) => a + b, 0);

  const totalW = Math.max(envsRight, margin + matrixW, margin + width(matrixTitle, SIZE) , margin + Math.max(...legend.map((l) => width(l))), margin + width(title, TITLE_SIZE), margin + width(subtitle), ...edgeTexts.map((t) => t.x + Math.max(...t.lines.map((l) => width(l))) + PAD)) + margin;
  const totalH = gridTop + matrixH + margin;

  const page = c.rect(0, 0, totalW, totalH, "fill:#fbfcfd;stroke:none");
  c.text(page, margin, margin, title, { size: TITLE_SIZE, bold: true, cls: "label title" });
  c.text(page, margin, margin + LINE + 2, subtitle, { fill: "#666666" });
  layouts.forEach((l, i) => drawEnv(c, l, xs[i], envTop));
  for (const s of edgeSvg) c.raw(s);
  for (const t of edgeTexts) {
    const w = Math.max(...t.lines.map((l) => width(l))) + 2 * PAD;
    const box = c.rect(t.x - PAD, t.y, w, 2 * LINE, "fill:#fbfcfd;fill-opacity:0.92;stroke:none", ` data-edge-label="${escapeXml(t.edge)}"`);
    t.lines.forEach((line, k) => c.text(box, t.x, t.y + k * LINE, line, { fill: k === 0 ? "#1b1b1b" : "#3a3a3a", bold: k === 0, cls: "label edge-label" }));
  }

  c.text(page, margin, matrixTop, matrixTitle, { bold: true });
  legend.forEach((l, i) => c.text(page, margin, matrixTop + LINE + 4 + i * LINE, l, { fill: "#555555" }));
  c.raw(`<g class="matrix" data-sources="${m.sources.length}" data-destinations="${m.destinations.length}">`);
  const corner = c.rect(margin, gridTop, rowLabelW, headerH, "fill:#f0f2f4;stroke:#c8ced4");
  c.text(corner, margin + PAD, gridTop + PAD / 2, "from \\ to", { fill: "#666666" });
  let cx = margin + rowLabelW;
  m.destinations.forEach((dst, j) => {
    const hb = c.rect(cx, gridTop, colW[j], headerH, "fill:#f0f2f4;stroke:#c8ced4");
    endpointLabel(dst).forEach((line, k) => c.text(hb, cx + PAD, gridTop + PAD / 2 + k * LINE, line, { bold: k === 0 }));
    cx += colW[j];
  });
  let ry = gridTop + headerH;
  m.sources.forEach((src, i) => {
    const rb = c.rect(margin, ry, rowLabelW, rowH[i], "fill:#f0f2f4;stroke:#c8ced4");
    c.text(rb, margin + PAD, ry + PAD / 2, rowLabels[i]);
    let x2 = margin + rowLabelW;
    m.destinations.forEach((dst, j) => {
      const cell = cellsByKey.get(`${src.id}>${dst.id}`);
      const fill = cell ? VIA_FILL[cell.via.find((v) => v !== "local") ?? "local"] : "#ffffff";
      const attrs = cell ? ` class="reach" data-from="${escapeXml(src.id)}" data-to="${escapeXml(dst.id)}"` : "";
      const cb = c.rect(x2, ry, colW[j], rowH[i], `fill:${fill};stroke:#c8ced4`, attrs);
      if (cell) cellLines(cell).forEach((line, k) => c.text(cb, x2 + PAD, ry + PAD / 2 + k * LINE, line));
      x2 += colW[j];
    });
    ry += rowH[i];
  });
  c.raw("</g>");

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${totalW}" height="${totalH}" viewBox="0 0 ${totalW} ${totalH}" role="img" aria-label="${escapeXml(title)}">\n` +
    `<title>${escapeXml(title)}</title>\n` +
    c.parts.join("\n") +
    "\n</svg>\n"
  );
}
