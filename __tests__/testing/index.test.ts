import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { loadOrgFile } from "../../src/model/load";
import { countResources, parseStack, resourceCounts, resourcesOf, stackOf, synthStack } from "../../src/testing";

describe("testing helpers", () => {
  const org = loadOrgFile();

  describe("synthStack", () => {
    const production = synthStack(org, "production");

    it("returns the stack's Terraform JSON, ready for cdktf's matchers", () => {
      expect(production).toHaveResourceWithProperties(NatGateway, { connectivity_type: "public" });
      expect(Object.keys(parseStack(production).resource ?? {})).toContain("aws_vpc");
      expect(JSON.parse(production).terraform.backend.s3.key).toBe("production/network-cluster.tfstate");
    });

    it("resolves cross-stack references as a real synth does", () => {
      const platform = JSON.parse(synthStack(org, "production-platform"));
      expect(Object.keys(platform.data.terraform_remote_state)).toEqual(["cross-stack-reference-input-production"]);
    });
  });

  describe("counting", () => {
    const production = synthStack(org, "production");
    const development = synthStack(org, "development");

    it("counts resources by class or by type name", () => {
      expect(countResources(production, NatGateway)).toBe(3);
      expect(countResources(development, "aws_nat_gateway")).toBe(1);
      expect(countResources(production, "aws_no_such_type")).toBe(0);
    });

    it("returns the resources of a type by logical id", () => {
      expect(Object.keys(resourcesOf(production, Subnet))).toContain("network_private-subnet-a");
    });

    it("counts every type at once", () => {
      expect(resourceCounts(development)).toMatchObject({ aws_subnet: 8, aws_nat_gateway: 1, aws_eks_cluster: 1 });
    });
  });

  describe("stackOf", () => {
    it("names the stacks there are when asked for one that is not", () => {
      expect(() => stackOf(org, "staging")).toThrow(/no stack named staging; the organization has state, management, production, development/);
    });
  });
});
