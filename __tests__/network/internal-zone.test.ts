import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { Testing } from "cdktf";
import { InternalZone } from "../../src/network/internal-zone";

describe("InternalZone", () => {
  describe("with a VPC", () => {
    const synth = Testing.synthScope(
      (scope) => new InternalZone(scope, "internal-zone", { zoneName: "production.acme.internal", vpcId: "vpc-1", namePrefix: "acme-production" }),
    );

    it("creates a private zone associated with the VPC", () => {
      expect(synth).toHaveResourceWithProperties(Route53Zone, {
        name: "production.acme.internal",
        vpc: [{ vpc_id: "vpc-1" }],
      });
    });

    it("ignores changes to the VPC list, so the peering stack's zone associations survive", () => {
      expect(synth).toHaveResourceWithProperties(Route53Zone, { lifecycle: { ignore_changes: ["vpc"] } });
    });
  });
});
