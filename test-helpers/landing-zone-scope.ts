/**
 * Synthesizes constructs inside a LandingZoneStack, so that the JSON's logical ids are the
 * construct paths the stacks give them (`alerts_topic`), not Testing.synthScope's hashed ones.
 * Outside __tests__ so jest does not collect it as a test file.
 */
import { Testing } from "cdktf";
import type { Construct } from "constructs";
import { LandingZoneStack } from "../src/stacks/landing-zone-stack";

/** The synthesized JSON text of a LandingZoneStack to which `build` added its constructs. */
export function synthInLandingZoneStack(build: (scope: Construct) => void): string {
  const stack = new LandingZoneStack(Testing.app(), "test");
  build(stack);
  return Testing.synth(stack);
}
