/**
 * The `<env>` stack: the network (and, with an eks block, the cluster) of one environment,
 * in that environment's account, with its state at `<env>/network-cluster.tfstate`.
 * It uses no data source that calls an AWS API, so `terraform plan` of it works offline.
 *
 * It has no provider into any other account: the role a cluster's ExternalDNS assumes in the
 * public zone's account is the `dns` stack's (src/stacks/dns-stack.ts).
 */
import { EbsEncryptionByDefault } from "@cdktf/provider-aws/lib/ebs-encryption-by-default";
import { TerraformOutput } from "cdktf";
import { LandingZoneStack } from "./landing-zone-stack";
import type { Construct } from "constructs";
import { CONTAINER_INSIGHTS_LOG_GROUPS, containerInsightsLogGroupName } from "../addons/amazon-cloudwatch-observability/container-insights";
import { ADDONS } from "../addons/registry";
import { forgetWithoutDestroying } from "../moves/state-blocks";
import { EksCluster } from "../eks/eks-cluster";
import { ownsAccountSettings } from "../model/account-settings";
import { stateKeys } from "../model/naming";
import type { Environment, Org } from "../model/org";
import { Network, type NetworkProps } from "../network/network";
import { EnvironmentObservability } from "../observability/environment-observability";
import { observabilityPropsOf } from "../observability/from-model";
import { addAwsProvider } from "./aws-provider";
import { addS3Backend } from "./s3-backend";
import { addVpn } from "./vpn";
import { nodeSecurityGroupOptionsOf } from "./node-security-group-props";
import type { PritunlVpn } from "../vpn/pritunl-vpn";

/** Construct id (and so address) of the account's EBS encryption-by-default setting. */
const EBS_ENCRYPTION_BY_DEFAULT_ID = "ebs-encryption-by-default";

export interface EnvironmentStackProps {
  /** The organization (state location, DNS, tags). */
  readonly org: Org;
  /** The environment this stack builds. */
  readonly environment: Environment;
}

export class EnvironmentStack extends LandingZoneStack {
  /** The environment's network; peering and the platform read its attributes. */
  public readonly network: Network;
  /** The environment's EKS cluster, when the environment has an eks block; the platform stack reads its attributes. */
  public readonly cluster?: EksCluster;
  /** The environment's Pritunl VPN server, when it has a vpn block. */
  public readonly vpn?: PritunlVpn;
  public readonly environment: Environment;
  /** Alerts, alarms, GuardDuty and the dashboard; `observability.topicArn` is the alert topic (undefined with `alerts: none`). */
  public readonly observability: EnvironmentObservability;

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
    // An account-wide setting has one owner among the environments sharing the account and
    // region; every other stack forgets it if it once held it, instead of turning it off.
    if (ownsAccountSettings(env, org.environments)) {
      new EbsEncryptionByDefault(this, EBS_ENCRYPTION_BY_DEFAULT_ID, { enabled: true });
    } else {
      forgetWithoutDestroying(this, `aws_ebs_encryption_by_default.${EBS_ENCRYPTION_BY_DEFAULT_ID}`);
    }

    this.network = new Network(this, "network", networkPropsOf(env));

    if (env.eks) {
      this.cluster = new EksCluster(this, "eks", {
        clusterName: env.eks.clusterName,
        namePrefix: env.prefix,
        kubernetesVersion: env.eks.version,
        accountId: env.accountId,
        partition: env.partition,
        vpcId: this.network.vpcId,
        vpcCidr: env.cidr,
        nodeSecurityGroup: nodeSecurityGroupOptionsOf(env, org.environments),
        clusterSecurityGroupBridge: env.eks.clusterSecurityGroupBridge,
        privateSubnetIds: this.network.privateSubnetIds,
        controlPlaneSubnetIds: this.network.controlPlaneSubnetIds,
        logsKmsKeyArn: this.network.logsKmsKeyArn,
        logRetentionDays: env.eks.logRetentionDays,
        publicAccessCidrs: env.eks.publicAccessCidrs,
        apiAccessCidrs: env.eks.apiAccessCidrs,
        inboundPeers: env.inboundPeers,
        admins: env.eks.admins,
        readOnly: env.eks.readOnly,
        nodeGroups: env.eks.nodeGroups,
        platformDeployRole: env.eks.platformDeployRole && { roleName: env.eks.platformDeployRole.name, trustedPrincipalArn: env.eks.platformDeployRole.trustedBy },
        deletionProtection: env.deletionProtection,
      });
      const outputs: Record<string, { value: string; description: string }> = {
        "cluster-name": { value: this.cluster.clusterName, description: "EKS cluster name" },
        "cluster-endpoint": { value: this.cluster.clusterEndpoint, description: "EKS API server endpoint" },
        "cluster-certificate-authority-data": {
          value: this.cluster.clusterCertificateAuthorityData,
          description: "Base64 CA certificate of the EKS API server",
        },
        "oidc-provider-arn": { value: this.cluster.oidcProviderArn, description: "IAM OIDC provider of the cluster (IRSA)" },
        "oidc-issuer-url": { value: this.cluster.oidcIssuerUrl, description: "OIDC issuer URL of the cluster" },
        "vpc-cni-role-arn": { value: this.cluster.vpcCniRoleArn, description: "IRSA role of the VPC CNI (kube-system/aws-node)" },
        "ebs-csi-role-arn": { value: this.cluster.ebsCsiRoleArn, description: "IRSA role of the EBS CSI controller" },
      };
      for (const addon of ADDONS) {
        if (!addon.isEnabled(env) || !addon.addAwsResources) continue;
        const addonOutputs = addon.addAwsResources({ org, environment: env, cluster: this.cluster });
        this.cluster.recordAddonOutputs(addon.name, Object.fromEntries(Object.entries(addonOutputs).map(([name, o]) => [name, o.value])));
        Object.assign(outputs, addonOutputs);
      }
      for (const [id, output] of Object.entries(outputs)) new TerraformOutput(this, id, output);
    }

    this.observability = new EnvironmentObservability(
      this,
      "observability",
      observabilityPropsOf(env, org.environments, { natGatewayIds: this.network.natGatewayIds, flowLogGroupName: this.network.flowLogGroupName }),
    );
    // The VPN's recovery alarm also pages through the environment's alert topic.
    const topic = this.observability.topicArn;
    if (env.vpn) this.vpn = addVpn(this, env, this.network, { alarmActions: topic === undefined ? [] : [topic] });
  }
}

/** The Network props of an environment of the model. */
export function networkPropsOf(env: Environment): NetworkProps {
  return {
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
    apiAccessCidrs: env.eks?.apiAccessCidrs ?? [],
    connectedPeers: env.networkAccess.connectedPeers,
    organizationAccountIds: env.networkAccess.organizationAccountIds,
    interfaceEndpoints: env.networkAccess.interfaceEndpoints,
    // The VPN server in the public tier: its UDP port from the client CIDRs, its console from the admin CIDRs.
    publicNetworkAclIngress: env.vpn
      ? [
          { name: "vpn", protocol: "udp" as const, port: env.vpn.port, cidrs: env.vpn.clientCidrs },
          { name: "vpn-console", protocol: "tcp" as const, port: 443, cidrs: env.vpn.adminCidrs },
        ]
      : [],
    clusterName: env.eks?.clusterName,
    karpenterDiscovery: env.eks?.autoscaling === "karpenter",
    deletionProtection: env.deletionProtection,
    // The Container Insights add-on's log groups use the logs key too; its key policy names them.
    // So does the VPN server's (`/<prefix>/vpn`, src/vpn/pritunl-vpn.ts).
    extraLogGroupNames: [
      ...(env.eks ? CONTAINER_INSIGHTS_LOG_GROUPS.map((kind) => containerInsightsLogGroupName(env.eks!.clusterName, kind)) : []),
      ...(env.vpn ? [`/${env.prefix}/vpn`] : []),
    ],
  };
}
