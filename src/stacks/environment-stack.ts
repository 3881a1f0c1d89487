/**
 * The `<env>` stack: the network (and, with an eks block, the cluster) of one environment,
 * in that environment's account, with its state at `<env>/network-cluster.tfstate`.
 * It uses no data source that calls an AWS API, so `terraform plan` of it works offline.
 */
import { EbsEncryptionByDefault } from "@cdktf/provider-aws/lib/ebs-encryption-by-default";
import { LandingZoneStack } from "./landing-zone-stack";
import type { Construct } from "constructs";
import { stateKeys } from "../model/naming";
import type { Environment, Org } from "../model/org";
import { Network } from "../network/network";
import { addAwsProvider } from "./aws-provider";
import { addS3Backend } from "./s3-backend";

export interface EnvironmentStackProps {
  /** The organization (state location, DNS, tags). */
  readonly org: Org;
  /** The environment this stack builds. */
  readonly environment: Environment;
}

export class EnvironmentStack extends LandingZoneStack {
  /** The environment's network; peering and the platform read its attributes. */
  public readonly network: Network;
  public readonly environment: Environment;

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id);
    const { org, environment: env } = props;
    this.environment = env;
    addAwsProvider(this, "aws", {
      region: env.region,
      accountId: env.accountId,
      roleArn: env.deployRoleArn,
      tags: env.tags,
    });
    addS3Backend(this, org.state, stateKeys.environment(env.name));

    // CIS AWS 5.1.1 / CKV_AWS_106: every new EBS volume in the account and region is encrypted.
    new EbsEncryptionByDefault(this, "ebs-encryption-by-default", { enabled: true });

    this.network = new Network(this, "network", {
      namePrefix: env.prefix,
      accountId: env.accountId,
      partition: env.partition,
      region: env.region,
      cidrBlock: env.cidr,
      subnets: env.subnets,
      natGateways: env.nat,
      persistenceInternetAccess: env.persistenceInternetAccess,
      dataStorePorts: env.dataStorePorts,
      inboundPeers: env.inboundPeers,
      peeringPorts: env.peeringPorts,
      flowLogRetentionDays: env.logRetentionDays,
      internalZoneName: env.internalZoneName,
      clusterName: env.eks?.clusterName,
    });
  }
}
