/**
 * The organization as a Mermaid `flowchart` (GitHub renders it in Markdown), for the review
 * report: one subgraph per environment with a node per tier (its CIDRs by AZ, NAT and VPN
 * marked) and the internet gateway; the peering or Transit Gateway edges; and, dotted, every
 * cross-environment and internet cell of the reachability matrix with its ports. Same data as
 * the SVG (organization-diagram.ts). Pure: no constructs.
 */
import type { OrganizationDiagram } from "./organization-diagram";
import { cellText } from "./reachability";

/** A Mermaid id from any name: letters, digits and underscores only. */
export function mermaidId(...parts: string[]): string {
  return parts.map((p) => p.replace(/[^A-Za-z0-9]/g, "_")).join("__");
}

/** Label text safe inside `"..."`: Mermaid reads `#quot;` as a quote. */
const label = (s: string) => s.replace(/"/g, "#quot;");

/** The flowchart's source text (no Markdown fence). */
export function organizationMermaid(d: OrganizationDiagram): string {
  const lines = ["flowchart LR"];
  const internet = mermaidId("internet");
  lines.push(`  ${internet}(("internet"))`);
  for (const env of d.environments) {
    lines.push(`  subgraph ${mermaidId("env", env.name)}["${label(`${env.name} · ${env.accountId} · ${env.region} · ${env.vpcCidr}`)}"]`);
    for (const t of env.tiers) {
      const subnets = t.subnets.map((s) => `${s.azSuffix}: ${s.cidr}${s.natGateway ? " NAT" : ""}${s.vpnServer ? ` VPN ${s.vpnServer}` : ""}`);
      lines.push(`    ${mermaidId(env.name, t.tier)}["${label(`${t.tier}<br/>${subnets.join("<br/>")}`)}"]`);
    }
    if (env.internetGateway) lines.push(`    ${mermaidId(env.name, "igw")}{{"IGW"}}`);
    lines.push("  end");
    if (env.internetGateway) {
      lines.push(`  ${internet} --- ${mermaidId(env.name, "igw")}`);
      if (env.tiers.some((t) => t.tier === "public")) lines.push(`  ${mermaidId(env.name, "igw")} --- ${mermaidId(env.name, "public")}`);
    }
  }
  if (d.connectivity === "transitGateway" && d.edges.length > 0) lines.push(`  ${mermaidId("tgw")}[["Transit Gateway${d.transitGatewayHub ? ` (${label(d.transitGatewayHub)})` : ""}"]]`);
  for (const e of d.edges) {
    const a = mermaidId("env", e.a);
    const b = mermaidId("env", e.b);
    if (e.kind === "peering") lines.push(`  ${a} <-->|"VPC peering"| ${b}`);
    else lines.push(`  ${a} <-->|"TGW"| ${mermaidId("tgw")}`, `  ${mermaidId("tgw")} <-->|"TGW"| ${b}`);
  }
  const id = (endpoint: string) => {
    if (endpoint === "internet") return internet;
    const [env, tier] = endpoint.split("/");
    return env === "vpn-clients" ? mermaidId("vpn_clients", tier) : mermaidId(env, tier);
  };
  for (const env of d.environments.filter((e) => d.matrix.sources.some((s) => s.id === `vpn-clients/${e.name}`))) lines.push(`  ${mermaidId("vpn_clients", env.name)}(["VPN clients of ${label(env.name)}"])`);
  // Reachability across environments and from outside; within one VPC the SVG's matrix has it.
  for (const cell of d.matrix.cells) {
    const fromEnv = cell.from.split("/")[0];
    const toEnv = cell.to.split("/")[0];
    if (fromEnv === toEnv && cell.from !== "internet") continue;
    lines.push(`  ${id(cell.from)} -.->|"${label(cellText(cell).join(" "))}"| ${id(cell.to)}`);
  }
  return `${lines.join("\n")}\n`;
}
