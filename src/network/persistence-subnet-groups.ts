/**
 * The RDS and ElastiCache subnet groups over the persistence tier, so that databases and
 * caches land there (isolated, reachable through the persistence security group) by default.
 */
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { ElasticacheSubnetGroup } from "@cdktf/provider-aws/lib/elasticache-subnet-group";
import { Construct } from "constructs";

export interface PersistenceSubnetGroupsProps {
  /** `${organization}-${environment}`: both groups are named `${namePrefix}-persistence`. */
  readonly namePrefix: string;
  /** Persistence subnet ids, in AZ order. */
  readonly subnetIds: readonly string[];
}

export class PersistenceSubnetGroups extends Construct {
  /** Name of the RDS DB subnet group. */
  public readonly dbSubnetGroupName: string;
  /** Name of the ElastiCache subnet group. */
  public readonly cacheSubnetGroupName: string;

  constructor(scope: Construct, id: string, props: PersistenceSubnetGroupsProps) {
    super(scope, id);
    const name = `${props.namePrefix}-persistence`;
    const description = `Persistence subnets of ${props.namePrefix}`;
    const db = new DbSubnetGroup(this, "db", {
      name,
      description,
      subnetIds: [...props.subnetIds],
      tags: { Name: name },
    });
    const cache = new ElasticacheSubnetGroup(this, "cache", {
      name,
      description,
      subnetIds: [...props.subnetIds],
      tags: { Name: name },
    });
    this.dbSubnetGroupName = db.name;
    this.cacheSubnetGroupName = cache.name;
  }
}
