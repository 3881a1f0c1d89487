/**
 * The second connectivity mode `npm run validate` checks: the organization as given, and the same
 * file with `connectivity` flipped (peering <-> transitGateway), so both modes of one peers graph
 * synthesize, validate and plan. Pure.
 */
import { parseDocument } from "yaml";
import type { Connectivity, Org } from "../../src/model/org";

/** The mode the file does not use. */
export function otherConnectivity(mode: Connectivity): Connectivity {
  return mode === "peering" ? "transitGateway" : "peering";
}

/** The environments-file text with its top-level `connectivity` set to `mode`; comments and order kept. */
export function withConnectivity(text: string, mode: Connectivity): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`the environments file does not parse: ${doc.errors[0].message}`);
  doc.set("connectivity", mode);
  return doc.toString({ lineWidth: 0 });
}

/** Why the other mode needs no run of its own, or undefined when it does (the organization has a peers graph). */
export function otherModeSkipReason(org: Pick<Org, "peerings">): string | undefined {
  return org.peerings.length === 0 ? "the organization has no peers graph, so both modes synthesize the same stacks" : undefined;
}

/** The name a stack of the other mode has in the summary: `production [transitGateway]`. */
export function modeStackName(stack: string, mode: Connectivity): string {
  return `${stack} [${mode}]`;
}
