/**
 * The organization's connectivity mode: the same `peers` graph carried by VPC peering
 * connections (the default) or by one Transit Gateway in the hub's account and region. The
 * schema fields (spread into the file's top level by schema.ts), the hub, and the rules that
 * only the Transit Gateway mode has. No constructs.
 */
import { z } from "zod";
import { contains, overlaps, parseCidr, type Cidr } from "./cidr";
import type { FilePath, Problem } from "./problems";
import type { EnvironmentsFile } from "./schema";
import { azSlot, plannedTransitGatewaySubnet, transitGatewayLetters } from "./subnet-plan";

/** Top-level fields of the environments file for the connectivity mode. */
export const connectivityFields = {
  connectivity: z
    .enum(["peering", "transitGateway"])
    .default("peering")
    .describe(
      "How the environments of the peers graph reach each other: VPC peering connections, or one Transit Gateway in the hub's account and region with a route table per environment. Same graph, same isolation, either way.",
    ),
  awsOrganizationArn: z
    .string()
    .regex(/^arn:aws(-[a-z]+)*:organizations::\d{12}:organization\/o-[a-z0-9]{10,32}$/, {
      message: "must be an AWS Organizations ARN such as arn:aws:organizations::111111111111:organization/o-exampleorgid",
    })
    .optional()
    .describe(
      "With connectivity transitGateway: share the Transit Gateway with this AWS Organization (RAM sharing with Organizations enabled, no invitations). @default shared with each spoke account, which accepts the invitation",
    ),
};

/** The environments that take part in the peering graph, in file order. */
export function connectedEnvironments(file: EnvironmentsFile): string[] {
  const names = Object.keys(file.environments);
  const listed = new Set(Object.values(file.environments).flatMap((e) => e.peers));
  return names.filter((n) => file.environments[n].peers.length > 0 || listed.has(n));
}

/**
 * The hub candidates of a file: environments that other environments list in `peers` and that
 * list none themselves (management in the default organization). Transit Gateway mode needs
 * exactly one; the gateway lives in its account and region.
 */
export function hubCandidates(file: EnvironmentsFile): string[] {
  const listed = new Set(Object.values(file.environments).flatMap((e) => e.peers));
  return Object.keys(file.environments).filter((n) => listed.has(n) && file.environments[n].peers.length === 0);
}

/** The letter of an AZ of the region (`us-east-1c` -> `c`); undefined for any other name. */
function letterOf(az: string, region: string): string | undefined {
  return az.length === region.length + 1 && az.startsWith(region) && /[a-z]$/.test(az) ? az.slice(-1) : undefined;
}

/**
 * The rules of `connectivity: transitGateway`: one hub, every connected environment in the hub's
 * region (no Transit Gateway peering between regions is built), and a planned attachment /28 for
 * every AZ of every connected environment that overlaps none of the file's explicit subnets.
 * Nothing to check in peering mode, except that `awsOrganizationArn` has a use.
 */
export function checkConnectivity(file: EnvironmentsFile, vpcs: ReadonlyMap<string, Cidr>, problems: Problem[]): void {
  if (file.connectivity !== "transitGateway") {
    if (file.awsOrganizationArn) {
      problems.push({ path: ["awsOrganizationArn"], message: "is set but connectivity is peering; it only says whom the Transit Gateway is shared with. Set connectivity: transitGateway or remove it" });
    }
    return;
  }
  const connected = connectedEnvironments(file);
  if (connected.length === 0) return;
  const hubs = hubCandidates(file);
  if (hubs.length !== 1) {
    problems.push({
      path: ["connectivity"],
      message:
        hubs.length === 0
          ? "transitGateway needs a hub: an environment the others list in peers and that lists none itself; the file has none. Make one environment the hub (list it in the spokes' peers, give it no peers) or use connectivity: peering"
          : `transitGateway needs one hub, an environment the others list in peers and that lists none itself; found ${hubs.join(", ")}. Keep one of them (give the others a peers entry to it) or use connectivity: peering`,
    });
    return;
  }
  const hub = hubs[0];
  const hubRegion = file.environments[hub].region ?? file.region;
  for (const name of connected) {
    const env = file.environments[name];
    const at = (...rest: (string | number)[]): FilePath => ["environments", name, ...rest];
    const region = env.region ?? file.region;
    if (region !== hubRegion) {
      problems.push({
        path: env.region ? at("region") : at("peers"),
        message:
          `${region} is not the hub ${hub}'s region ${hubRegion}; with connectivity transitGateway every connected environment is attached to the hub's gateway in ${hubRegion}, ` +
          "and Transit Gateway peering between regions is not built. Move the environment to that region or use connectivity: peering",
      });
      continue;
    }
    const vpc = vpcs.get(name);
    if (!vpc) continue;
    const fits = transitGatewayLetters(vpc.prefix);
    const outside = env.azs.filter((az) => {
      const letter = letterOf(az, region);
      return letter !== undefined && !fits.includes(letter);
    });
    if (outside.length > 0) {
      const placed = azSlot(outside[0].slice(-1)) === undefined ? "letters a-f only" : `${fits.map((l) => `${region}${l}`).join(", ")} only`;
      problems.push({
        path: at("azs"),
        message:
          `connectivity transitGateway needs an attachment /28 in every AZ, placed by AZ letter after the control-plane subnets, and a /${vpc.prefix} VPC has room in ${placed}, ` +
          `not in ${outside.join(", ")}; use a larger VPC, list only AZs that fit, or use connectivity: peering`,
      });
      continue;
    }
    // Planned attachment subnets never overlap planned subnets of other tiers (the plan's tests
    // prove it); an explicit subnet of the file may.
    for (const az of env.azs) {
      const letter = letterOf(az, region);
      if (letter === undefined) continue;
      const planned = plannedTransitGatewaySubnet(env.cidr, letter);
      for (const [tier, list] of Object.entries(env.subnets ?? {})) {
        list?.forEach((text, i) => {
          const parsed = parseCidr(text);
          if (typeof parsed === "string" || !contains(vpc, parsed) || !overlaps(parsed, planned)) return;
          problems.push({
            path: at("subnets", tier, i),
            message: `${text} overlaps ${planned}, the planned Transit Gateway attachment subnet of ${az}; pick a range outside it, or use connectivity: peering`,
          });
        });
      }
    }
  }
}
