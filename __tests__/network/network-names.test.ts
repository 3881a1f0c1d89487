import { perAzId, subnetTags, tierName } from "../../src/network/network-names";

describe("network names", () => {
  describe("perAzId", () => {
    it("joins the kind and the AZ suffix", () => {
      expect(perAzId("private-subnet", "a")).toBe("private-subnet-a");
    });
  });

  describe("tierName", () => {
    it("names a per-AZ resource prefix-tier-az", () => {
      expect(tierName("acme-production", "private", "b")).toBe("acme-production-private-b");
    });

    it("names a shared resource prefix-tier", () => {
      expect(tierName("acme-production", "public")).toBe("acme-production-public");
    });
  });

  describe("subnetTags", () => {
    describe("with a cluster name", () => {
      const opts = { namePrefix: "acme-production", azSuffix: "a", clusterName: "acme-production" };

      it("tags public subnets for internet-facing load balancers and the cluster", () => {
        expect(subnetTags({ ...opts, tier: "public" })).toEqual({
          Name: "acme-production-public-a",
          tier: "public",
          "kubernetes.io/role/elb": "1",
          "kubernetes.io/cluster/acme-production": "shared",
        });
      });

      it("tags private subnets for internal load balancers and the cluster", () => {
        expect(subnetTags({ ...opts, tier: "private" })).toEqual({
          Name: "acme-production-private-a",
          tier: "private",
          "kubernetes.io/role/internal-elb": "1",
          "kubernetes.io/cluster/acme-production": "shared",
        });
      });

      it("adds Karpenter's discovery tag to private subnets only, when asked", () => {
        expect(subnetTags({ ...opts, tier: "private", karpenterDiscovery: true })).toMatchObject({ "karpenter.sh/discovery": "acme-production" });
        expect(subnetTags({ ...opts, tier: "public", karpenterDiscovery: true })).not.toHaveProperty(["karpenter.sh/discovery"]);
        expect(subnetTags({ ...opts, tier: "persistence", karpenterDiscovery: true })).not.toHaveProperty(["karpenter.sh/discovery"]);
      });

      it("gives persistence subnets no discovery tags", () => {
        expect(subnetTags({ ...opts, tier: "persistence" })).toEqual({ Name: "acme-production-persistence-a", tier: "persistence" });
      });

      it("gives control-plane subnets no discovery tags", () => {
        expect(subnetTags({ ...opts, tier: "control-plane" })).toEqual({ Name: "acme-production-control-plane-a", tier: "control-plane" });
      });

      it("gives transit-gateway attachment subnets no discovery tags", () => {
        expect(subnetTags({ ...opts, tier: "transit-gateway" })).toEqual({ Name: "acme-production-transit-gateway-a", tier: "transit-gateway" });
      });
    });

    describe("without a cluster name", () => {
      it("keeps the load-balancer role tag but adds no cluster tag", () => {
        expect(subnetTags({ namePrefix: "acme-management", azSuffix: "b", tier: "public" })).toEqual({
          Name: "acme-management-public-b",
          tier: "public",
          "kubernetes.io/role/elb": "1",
        });
      });
    });
  });
});
