/**
 * The props of an environment's EnvironmentObservability from the model: the one place that
 * reads the Environment for it. No constructs.
 */
import { ownsAccountSettings } from "../model/account-settings";
import type { Environment } from "../model/org";
import { planNatGateways } from "../network/nat-placement";
import type { EnvironmentObservabilityProps } from "./environment-observability";

/** What the stack built that observability watches. */
export interface WatchedResources {
  /** NAT gateway ids in the order of the AZs that host one (Network.natGatewayIds). */
  readonly natGatewayIds: readonly string[];
  /** The flow logs' log group. */
  readonly flowLogGroupName: string;
}

export function observabilityPropsOf(env: Environment, environments: readonly Environment[], watched: WatchedResources): EnvironmentObservabilityProps {
  // Network.natGatewayIds follows the NAT plan's gateway order; zip it with the plan's AZ letters.
  const letters = planNatGateways(
    env.subnets.map((s) => s.azSuffix),
    env.nat,
    env.persistenceInternetAccess,
  ).gatewayAzSuffixes;
  if (letters.length !== watched.natGatewayIds.length) {
    throw new Error(`environments.${env.name}: the NAT plan has ${letters.length} gateway(s) but the network built ${watched.natGatewayIds.length}`);
  }
  const alerts = env.alerts;
  return {
    namePrefix: env.prefix,
    accountId: env.accountId,
    partition: env.partition,
    region: env.region,
    alerts: alerts && {
      emails: alerts.emails,
      topicArn: alerts.topicArn,
      clusterThresholds: alerts.thresholds,
      natPacketDropPercent: alerts.thresholds.natPacketDropPercent,
    },
    natGateways: letters.map((azSuffix, i) => ({ azSuffix, natGatewayId: watched.natGatewayIds[i] })),
    flowLogGroupName: watched.flowLogGroupName,
    clusterName: env.eks?.clusterName,
    deletionProtection: env.deletionProtection,
    ownsAccountSettings: ownsAccountSettings(env, environments),
  };
}
