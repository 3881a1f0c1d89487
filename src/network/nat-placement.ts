/**
 * NAT placement: which AZs host a NAT gateway and which NAT each AZ's private and persistence
 * route tables send their default route to. Pure: no constructs, so every mode is tested alone.
 *
 * - `perAz`: one NAT in every AZ's public subnet; each AZ routes through its own NAT, so losing
 *   an AZ never cuts the egress of the others (and no cross-AZ data charges).
 * - `single`: one NAT in the public subnet of the AZ whose suffix sorts first (`a` before `b`),
 *   whatever the list order, so reordering the AZs never moves it; every AZ routes through it.
 * - `none`: no NAT and no default route in the private tier.
 * The persistence tier gets the same routes as the private tier only with
 * `persistenceInternetAccess`; otherwise it has no default route at all.
 */
import type { NatMode } from "../model/org";

/** The default route of one AZ's route table. */
export interface AzDefaultRoute {
  /** AZ suffix of the route table, e.g. `a`. */
  readonly azSuffix: string;
  /** AZ suffix of the NAT gateway the default route targets; undefined means no default route. */
  readonly natAzSuffix?: string;
}

/** Where the NAT gateways go and who uses which. */
export interface NatPlan {
  /** AZ suffixes whose public subnet hosts a NAT gateway, in AZ order. */
  readonly gatewayAzSuffixes: readonly string[];
  /** Per AZ, in AZ order, the default route of the private route table. */
  readonly privateRoutes: readonly AzDefaultRoute[];
  /** Per AZ, in AZ order, the default route of the persistence route table. */
  readonly persistenceRoutes: readonly AzDefaultRoute[];
}

/**
 * Plans the NAT gateways of a VPC.
 * @param azSuffixes AZ suffixes in the VPC's AZ order (the one that sorts first hosts a `single` NAT).
 * @param mode `perAz`, `single` or `none`.
 * @param persistenceInternetAccess route the persistence tier like the private tier. Requires a NAT mode other than `none`.
 */
export function planNatGateways(azSuffixes: readonly string[], mode: NatMode, persistenceInternetAccess: boolean): NatPlan {
  if (azSuffixes.length === 0) {
    throw new Error("NAT placement needs at least one availability zone; got none");
  }
  const duplicates = azSuffixes.filter((s, i) => azSuffixes.indexOf(s) !== i);
  if (duplicates.length > 0) {
    throw new Error(`NAT placement needs distinct AZ suffixes; ${[...new Set(duplicates)].join(", ")} appears more than once in [${azSuffixes.join(", ")}]`);
  }
  if (persistenceInternetAccess && mode === "none") {
    throw new Error(
      "persistenceInternetAccess needs a NAT gateway to route through, but natGateways is none; set natGateways to single or perAz, or turn persistenceInternetAccess off",
    );
  }
  const singleNatAz = [...azSuffixes].sort()[0];
  const gatewayAzSuffixes = mode === "perAz" ? [...azSuffixes] : mode === "single" ? [singleNatAz] : [];
  const natFor = (azSuffix: string): string | undefined =>
    mode === "perAz" ? azSuffix : mode === "single" ? singleNatAz : undefined;
  const privateRoutes = azSuffixes.map((azSuffix) => ({ azSuffix, natAzSuffix: natFor(azSuffix) }));
  const persistenceRoutes = persistenceInternetAccess ? privateRoutes : azSuffixes.map((azSuffix) => ({ azSuffix }));
  return { gatewayAzSuffixes, privateRoutes, persistenceRoutes };
}
