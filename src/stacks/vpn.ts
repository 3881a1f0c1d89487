/**
 * The `<env>` stack's VPN: translates the model's `Environment.vpn` into PritunlVpn props and
 * writes the outputs an operator needs to finish the setup in the Pritunl console (README
 * "The VPN"). The environment stack calls it once, when the environment has a vpn block.
 */
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { Environment } from "../model/org";
import type { Network } from "../network/network";
import { PritunlVpn } from "../vpn/pritunl-vpn";

/** Options the model does not decide. */
export interface VpnStackOptions {
  /** Further actions of the recovery alarm (an SNS topic ARN). @default - the EC2 recover action only */
  readonly alarmActions?: readonly string[];
}

/** Adds the environment's VPN server and its outputs to `scope`; the environment must have a vpn block. */
export function addVpn(scope: Construct, env: Environment, network: Network, options: VpnStackOptions = {}): PritunlVpn {
  const vpn = env.vpn;
  if (!vpn) throw new Error(`environment ${env.name} has no vpn block`);
  const subnetIndex = env.subnets.findIndex((s) => s.azSuffix === vpn.azSuffix);
  if (subnetIndex < 0) throw new Error(`environment ${env.name}: the VPN's AZ ${vpn.az} has no public subnet`);
  const server = new PritunlVpn(scope, "vpn", {
    namePrefix: env.prefix,
    deletionProtection: env.deletionProtection,
    accountId: env.accountId,
    partition: env.partition,
    region: env.region,
    vpcId: network.vpcId,
    subnetId: network.publicSubnetIds[subnetIndex],
    privateIp: vpn.privateIp,
    internetGatewayDependencies: [network.internetGateway],
    instanceType: vpn.instanceType,
    imageId: vpn.imageId,
    port: vpn.port,
    clientCidrs: vpn.clientCidrs,
    adminCidrs: vpn.adminCidrs,
    routes: vpn.routes,
    logsKmsKeyArn: network.logsKmsKeyArn,
    logRetentionDays: env.logRetentionDays,
    backupBucketName: vpn.backupBucket,
    accessLogBucketName: vpn.accessLogBucket,
    backupRetentionDays: vpn.backupRetentionDays,
    alarmActions: options.alarmActions,
  });
  new TerraformOutput(scope, "vpn-public-ip", { value: server.publicIp, description: "Elastic IP of the Pritunl VPN server (console: https://<ip>, clients: UDP port)" });
  new TerraformOutput(scope, "vpn-instance-id", { value: server.instanceId, description: "Instance of the Pritunl VPN server, for Session Manager" });
  new TerraformOutput(scope, "vpn-server-settings", {
    description: "What to enter when adding the server in the Pritunl console (README \"The VPN\")",
    value: {
      port: vpn.port,
      protocol: "udp",
      routes: vpn.routes,
      dnsServer: vpn.dnsServer,
      searchDomains: vpn.searchDomains,
      backupBucket: vpn.backupBucket,
    },
  });
  return server;
}
