import { loadOrgFile } from "../../../src/model/load";
import { buildOrganizationDiagram, mermaidId, organizationMermaid } from "../../../src/review/diagram";
import { editStacks, deleteResources, synthesizedStacks } from "../../../test-helpers/diagram-fixtures";

/** The flowchart's declared ids (nodes and subgraphs) and its edges, read line by line. */
function parseFlowchart(text: string) {
  const lines = text.trimEnd().split("\n");
  const declared: string[] = [];
  const edges: { from: string; to: string; label?: string }[] = [];
  const unparsed: string[] = [];
  let depth = 0;
  for (const line of lines.slice(1).map((l) => l.trim())) {
    let m: RegExpExecArray | null;
    if ((m = /^subgraph ([A-Za-z0-9_]+)\["[^"]*"\]$/.exec(line))) {
      declared.push(m[1]);
      depth++;
    } else if (line === "end") depth--;
    else if ((m = /^([A-Za-z0-9_]+) (-\.->|<-->|---)(?:\|"([^"]*)"\|)? ([A-Za-z0-9_]+)$/.exec(line))) edges.push({ from: m[1], to: m[4], label: m[3] });
    else if ((m = /^([A-Za-z0-9_]+)(\["[^"]*"\]|\(\("[^"]*"\)\)|\{\{"[^"]*"\}\}|\(\["[^"]*"\]\)|\[\["[^"]*"\]\])$/.exec(line))) declared.push(m[1]);
    else unparsed.push(line);
  }
  return { header: lines[0], declared, edges, unparsed, depth };
}

describe("organizationMermaid", () => {
  const org = loadOrgFile();
  const stacks = synthesizedStacks(org);
  const diagram = buildOrganizationDiagram(org, stacks);
  const text = organizationMermaid(diagram);
  const chart = parseFlowchart(text);

  describe("of the default organization", () => {
    it("is a flowchart whose every line is a declaration, an edge or a subgraph's end, with subgraphs balanced", () => {
      expect(chart.header).toBe("flowchart LR");
      expect(chart.unparsed).toEqual([]);
      expect(chart.depth).toBe(0);
    });

    it("declares every id once and every edge's two ends", () => {
      expect(new Set(chart.declared).size).toBe(chart.declared.length);
      const undeclared = chart.edges.flatMap((e) => [e.from, e.to]).filter((id) => !chart.declared.includes(id));
      expect(undeclared).toEqual([]);
    });

    it("has a subgraph per environment with a node per tier, and the two peering edges", () => {
      for (const env of diagram.environments) {
        expect(chart.declared).toContain(mermaidId("env", env.name));
        for (const t of env.tiers) expect(chart.declared).toContain(mermaidId(env.name, t.tier));
      }
      expect(chart.edges.filter((e) => e.label === "VPC peering")).toEqual([
        { from: "env__management", to: "env__production", label: "VPC peering" },
        { from: "env__management", to: "env__development", label: "VPC peering" },
      ]);
    });

    it("draws each cross-environment and internet cell of the matrix as a dotted edge with its ports, and no cell within one VPC", () => {
      const dotted = chart.edges.filter((e) => text.includes(`${e.from} -.->`));
      expect(dotted).toContainEqual({ from: "management__public", to: "production__persistence", label: "3306* 5432* 6379* 11211*" });
      expect(dotted).toContainEqual({ from: "internet", to: "management__public", label: "443* 1194/udp" });
      expect(dotted.filter((e) => e.from === "production__private" && e.to.startsWith("production__"))).toEqual([]);
    });
  });

  describe("when a synthesized edit removes the management-production peering edge", () => {
    it("loses that edge and its reachability edges, and stays well formed", () => {
      const edited = editStacks(stacks, (s) => {
        deleteResources(s.peering, "aws_vpc_peering_connection", /^management-production_/);
        deleteResources(s.peering, "aws_route", /^management-production_/);
      });
      const after = parseFlowchart(organizationMermaid(buildOrganizationDiagram(org, edited)));
      expect(after.unparsed).toEqual([]);
      const touching = (edges: typeof after.edges) => edges.filter((e) => e.from !== "internet" && e.from !== "production__igw" && [e.from, e.to].some((id) => id.startsWith("production__") || id === "env__production"));
      expect(touching(chart.edges).length).toBeGreaterThan(0);
      expect(touching(after.edges)).toEqual([]);
      expect(after.edges.some((e) => e.to === "development__persistence")).toBe(true);
    });
  });

  it("makes ids of any name from letters, digits and underscores", () => {
    expect(mermaidId("team-a.prod", "control-plane")).toBe("team_a_prod__control_plane");
  });
});
