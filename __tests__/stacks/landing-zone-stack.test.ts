import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Testing } from "cdktf";
import { Construct } from "constructs";
import { LandingZoneStack, MIN_TERRAFORM_VERSION } from "../../src/stacks/landing-zone-stack";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";

describe("LandingZoneStack", () => {
  const stack = new LandingZoneStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  const network = new Construct(stack, "network");
  new Vpc(network, "vpc", { cidrBlock: "10.0.0.0/16" });
  new Vpc(stack, "edge.vpc", { cidrBlock: "10.1.0.0/16" });
  const json = JSON.parse(Testing.synth(stack));

  describe("logical ids", () => {
    it("are the construct path joined with underscores, without a hash suffix", () => {
      expect(Object.keys(json.resource.aws_vpc)).toContain("network_vpc");
    });

    it("replace characters Terraform does not allow in names", () => {
      expect(Object.keys(json.resource.aws_vpc)).toContain("edge_vpc");
    });
  });

  describe("the terraform block", () => {
    it("requires a Terraform version with S3 native locking", () => {
      expect(json.terraform.required_version).toBe(MIN_TERRAFORM_VERSION);
      expect(MIN_TERRAFORM_VERSION).toBe(">= 1.10.0");
    });
  });
});
