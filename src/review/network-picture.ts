/**
 * The review report's picture of the organization: the Mermaid flowchart of
 * src/review/diagram (environments, tiers per AZ, NAT, IGW, peering or Transit Gateway edges, the
 * VPN), which GitHub renders in a pull-request comment, drawn from the model and the same
 * synthesized stacks the plans were made of. No constructs, no I/O.
 */
import type { Org } from "../model/org";
import { buildOrganizationDiagram, organizationMermaid, type StackJson } from "./diagram";
import type { ReportSection } from "./report";

/** Heading of the section, so tests and readers find it. */
export const NETWORK_PICTURE_HEADING = "## The network these plans build";

/**
 * The section for an organization and its synthesized stacks: the Mermaid chart in a fenced block
 * GitHub renders, with a line saying where it comes from and where the full picture is.
 */
export function networkPictureSection(org: Org, stacks: readonly StackJson[]): ReportSection {
  const mermaid = organizationMermaid(buildOrganizationDiagram(org, stacks));
  return () =>
    [
      NETWORK_PICTURE_HEADING,
      "",
      "Drawn from the environments file and the synthesized stacks' routes (not from the plans). " +
        "`npm run diagram` writes the same picture as an SVG with the reachability matrix (which tier reaches which, on which ports).",
      "",
      "```mermaid",
      mermaid.trimEnd(),
      "```",
    ].join("\n");
}

/** The section saying why the picture is missing (e.g. `--plans` without `--synth`). */
export function networkPictureMissing(reason: string): ReportSection {
  return () => `${NETWORK_PICTURE_HEADING}\n\nNo picture: ${reason}.`;
}
