import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { ElasticacheSubnetGroup } from "@cdktf/provider-aws/lib/elasticache-subnet-group";
import { Testing } from "cdktf";
import { PersistenceSubnetGroups } from "../../src/network/persistence-subnet-groups";

describe("PersistenceSubnetGroups", () => {
  describe("with persistence subnets", () => {
    const subnetIds = ["subnet-a", "subnet-b", "subnet-c"];
    const synth = Testing.synthScope((scope) => new PersistenceSubnetGroups(scope, "groups", { namePrefix: "acme-production", subnetIds }));

    it("creates a DB subnet group over them", () => {
      expect(synth).toHaveResourceWithProperties(DbSubnetGroup, {
        name: "acme-production-persistence",
        description: "Persistence subnets of acme-production",
        subnet_ids: subnetIds,
      });
    });

    it("creates an ElastiCache subnet group over them", () => {
      expect(synth).toHaveResourceWithProperties(ElasticacheSubnetGroup, {
        name: "acme-production-persistence",
        description: "Persistence subnets of acme-production",
        subnet_ids: subnetIds,
      });
    });
  });
});
