/**
 * What `terraform plan` of an `<env>` stack must create, derived from the model alone
 * (never from the synthesized JSON), so the offline plan checks the constructs against the design.
 * Pure. Types absent from the table are printed by `npm run validate` but not asserted.
 *
 * Two kinds of rows: what the design fixes (one VPC, a subnet of each tier per AZ, NAT per
 * mode, ...), and what follows from the model through the constructs' documented layout (route
 * tables per AZ, one security-group rule per source and port, IAM roles per component). A
 * change to that layout changes the plan a reviewer reads, so it should change this table too.
 */
import { ADDONS } from "../../src/addons/registry";
import { overlaps } from "../../src/model/cidr";
import type { Environment } from "../../src/model/org";
import { ADDON_CONTROL_PLANE_PORTS } from "../../src/stacks/node-security-group-props";

/**
 * The EKS add-ons the design pins: vpc-cni, coredns, kube-proxy, aws-ebs-csi-driver,
 * eks-pod-identity-agent, and amazon-cloudwatch-observability (the Container Insights add-on unit).
 */
const EKS_ADDON_COUNT = 6;
/** AWS managed policies attached by the cluster: cluster role 1, node role 2, VPC CNI IRSA 1, EBS CSI IRSA 1, CloudWatch agent IRSA 1. */
const EKS_MANAGED_POLICY_ATTACHMENTS = 6;
/** Cluster alarms: node CPU, node memory, failed nodes, pending pods, pods not ready, API server 5xx, Container Insights silent. */
const CLUSTER_ALARMS = 7;
/** Alarms per NAT gateway: ErrorPortAllocation and PacketsDropCount. */
const NAT_ALARMS = 2;

/**
 * Planned creates per resource type for the `<env>` stack of `env`, sorted by type.
 * `publicZoneAccountId` is the organization's `dns.publicZoneAccountId`; since the dns stack
 * creates ExternalDNS's records roles in that account, it no longer changes an `<env>` stack's
 * counts (kept so callers need not change). @default - the environment's account
 * `environments` are the organization's: a hub's cluster reaches its spokes' data tiers.
 * @default - the environment alone (no spoke data tiers)
 */
export function expectedPlanCounts(env: Environment, _publicZoneAccountId?: string, environments: readonly Environment[] = [env]): Record<string, number> {
  const azs = env.subnets.length;
  const nat = natGatewayCount(env);
  const dataStorePorts = new Set(env.dataStorePorts).size;
  const peeringPorts = new Set(env.peeringPorts).size;
  const peerDataRanges = env.inboundPeers.reduce((n, p) => n + new Set(p.dataTierCidrs).size, 0);
  const counts: Record<string, number> = {
    // --- what the design fixes -----------------------------------------------------------------
    // CIS AWS 5.1.1: one account-and-region setting per environment stack.
    aws_ebs_encryption_by_default: 1,
    aws_vpc: 1,
    // One subnet of each of the three tiers per AZ (a cluster adds its control-plane subnets below).
    aws_subnet: 3 * azs,
    aws_internet_gateway: 1,
    aws_nat_gateway: nat,
    // Every NAT gateway has its own EIP; only a VPN server (below) gets another.
    aws_eip: nat,
    // The default security group and route table, adopted and kept empty.
    aws_default_security_group: 1,
    aws_default_route_table: 1,
    aws_flow_log: 1,
    // The private zone for internal DNS.
    aws_route53_zone: 1,
    aws_db_subnet_group: 1,
    aws_elasticache_subnet_group: 1,
    // S3 and DynamoDB gateway endpoints.
    aws_vpc_endpoint: 2,

    // --- what follows from the model through the constructs' layout ----------------------------
    // One public table for every public subnet; one private and one persistence table per AZ.
    aws_route_table: 1 + 2 * azs,
    aws_route_table_association: 3 * azs,
    // The public default route to the IGW, a private default route per AZ when there is a NAT,
    // and a persistence one per AZ only with persistenceInternetAccess. Peering routes live in
    // the peering stack.
    aws_route: 1 + (nat > 0 ? azs : 0) + (nat > 0 && env.persistenceInternetAccess ? azs : 0),
    // The persistence tier's group.
    aws_security_group: 1,
    // Persistence: each data-store port from each private subnet, each peering port from each
    // data-tier range of each inbound peer (its private subnets by default). No egress rules in the network (a VPN server's group has some, below).
    aws_vpc_security_group_ingress_rule: azs * dataStorePorts + peerDataRanges * peeringPorts,
    aws_vpc_security_group_egress_rule: 0,
    // The customer-managed key of the environment's log groups, with its alias.
    aws_kms_key: 1,
    aws_kms_alias: 1,
    // Flow logs: log group, delivery role and its inline policy.
    aws_cloudwatch_log_group: 1,
    aws_iam_role: 1,
    aws_iam_role_policy: 1,
    // CKV2_AWS_3: the account-and-region GuardDuty detector with its EKS audit-log and runtime
    // features (held by the owner of the account's settings, as every environment of the default
    // organization is, like the EBS setting above); the environment's dashboard.
    aws_guardduty_detector: 1,
    aws_guardduty_detector_feature: 2,
    aws_cloudwatch_dashboard: 1,

    // Network ACLs (src/network/network-acl-rules.ts): the default one adopted and emptied; one per
    // tier with an association per subnet. Public: in from the VPC, HTTP, HTTPS, TCP and UDP replies
    // (two ranges each, around 3389), out to the VPC and TCP and UDP to the internet (10). Private:
    // the same without HTTP and HTTPS (8). Persistence: each data-store port from each private
    // subnet and each peering port from each peer range, with one reply rule per range; with
    // persistenceInternetAccess, HTTPS out and its replies (3).
    aws_default_network_acl: 1,
    aws_network_acl: 3,
    aws_network_acl_association: 3 * azs,
    aws_network_acl_rule:
      10 + 8 + azs * (dataStorePorts + 1) + peerDataRanges * (peeringPorts + 1) + (env.persistenceInternetAccess ? 3 : 0),
  };

  if (env.vpn) {
    // The public NACL admits the VPN's UDP port from each client CIDR and its console from each admin CIDR.
    add(counts, { aws_network_acl_rule: new Set(env.vpn.clientCidrs).size + new Set(env.vpn.adminCidrs).size });
  }

  const interfaceEndpoints = new Set(env.networkAccess.interfaceEndpoints).size;
  if (interfaceEndpoints > 0) {
    // One endpoint per service, their security group and its HTTPS-from-the-VPC rule.
    add(counts, { aws_vpc_endpoint: interfaceEndpoints, aws_security_group: 1, aws_vpc_security_group_ingress_rule: 1 });
  }

  if (env.subnets.some((s) => s.transitGateway !== undefined)) {
    // connectivity: transitGateway, an environment of the graph: the attachment's /28 per AZ and
    // their own route table (local routes only). The attachment and routes live in the peering stack.
    add(counts, { aws_subnet: azs, aws_route_table: 1, aws_route_table_association: azs });
    // Their NACL, open to the VPC and each connected VPC both ways.
    add(counts, { aws_network_acl: 1, aws_network_acl_association: azs, aws_network_acl_rule: 2 + 2 * env.networkAccess.connectedPeers.length });
  }

  if (env.alerts) {
    add(counts, {
      // NAT alarms per gateway, the flow-log delivery alarm, the cluster's alarms.
      aws_cloudwatch_metric_alarm: NAT_ALARMS * nat + 1 + (env.eks ? CLUSTER_ALARMS : 0),
      // GuardDuty findings of medium severity and up to the topic (the settings' owner's rule).
      aws_cloudwatch_event_rule: 1,
      aws_cloudwatch_event_target: 1,
    });
    if (env.alerts.topicArn === undefined) {
      // The topic, its key and alias, its policy, one subscription per address.
      add(counts, {
        aws_kms_key: 1,
        aws_kms_alias: 1,
        aws_sns_topic: 1,
        aws_sns_topic_policy: 1,
        aws_sns_topic_subscription: new Set(env.alerts.emails).size,
      });
    }
  }

  if (env.eks) {
    const eks = env.eks;
    const groups = eks.nodeGroups.length;
    const peerCidrs = new Set(env.inboundPeers.map((p) => p.cidr));
    const extraApiCidrs = eks.apiAccessCidrs.filter((c) => !peerCidrs.has(c)).length;
    const platformDeploy = eks.platformDeployRole ? 1 : 0;
    add(counts, {
      // The control plane's dedicated subnet per AZ, each associated with its AZ's private route
      // table (no table of its own, so route-table and peering-route counts stay as they are).
      aws_subnet: azs,
      aws_route_table_association: azs,
      aws_eks_cluster: 1,
      aws_eks_node_group: groups,
      // One launch template per node group (IMDSv2, encrypted gp3 root volume).
      aws_launch_template: groups,
      aws_eks_addon: EKS_ADDON_COUNT,
      aws_iam_openid_connect_provider: 1,
      // Access entries (API authentication mode): one per principal; admins (and the platform-deploy
      // role, when there is a deploy role to trust) get the cluster-admin policy.
      aws_eks_access_entry: eks.admins.length + eks.readOnly.length + platformDeploy,
      aws_eks_access_policy_association: eks.admins.length + platformDeploy,
      // The secrets-encryption key and its alias; the control-plane log group and Container
      // Insights' four (application, dataplane, host, performance).
      aws_kms_key: 1,
      aws_kms_alias: 1,
      aws_cloudwatch_log_group: 1 + 4,
      // Cluster role, node role, the IRSA roles of the VPC CNI, the EBS CSI driver, ExternalDNS and
      // the CloudWatch agent, and the platform-deploy role.
      aws_iam_role: 6 + platformDeploy,
      // ExternalDNS's inline policy, scoped to its zone.
      aws_iam_role_policy: 1,
      aws_iam_role_policy_attachment: EKS_MANAGED_POLICY_ATTACHMENTS,
      // The API's additional group: 443 from each inbound peer and each further listed CIDR.
      aws_security_group: 1,
      aws_vpc_security_group_ingress_rule: env.inboundPeers.length + extraApiCidrs,
      // The control-plane subnets join the private NACL, which admits 443 from each inbound peer and each listed CIDR.
      aws_network_acl_association: azs,
      aws_network_acl_rule: env.inboundPeers.length + new Set(eks.apiAccessCidrs).size,
    });
    add(counts, nodeAutoscalingCounts(eks));
    add(counts, nodeSecurityGroupCounts(env, environments));
    // A cluster outside the zone's account creates nothing there: the dns stack holds the role
    // ExternalDNS assumes (src/stacks/dns-stack.ts), so publicZoneAccountId changes no count here.
  }
  if (env.vpn) {
    const vpn = env.vpn;
    const distinct = (list: readonly string[]) => new Set(list).size;
    add(counts, {
      // The server: an instance launched from its template, behind a network interface with the
      // fixed address and an Elastic IP associated with that interface.
      aws_instance: 1,
      aws_launch_template: 1,
      aws_network_interface: 1,
      aws_eip: 1,
      aws_eip_association: 1,
      // Its group: the VPN port from each client CIDR, the console from each admin CIDR; HTTPS
      // to the internet and all traffic to each pushed route.
      aws_security_group: 1,
      aws_vpc_security_group_ingress_rule: distinct(vpn.clientCidrs) + distinct(vpn.adminCidrs),
      aws_vpc_security_group_egress_rule: 1 + distinct(vpn.routes),
      // Its log group, its recovery alarm, its role (SSM core attached, one inline policy) and profile.
      aws_cloudwatch_log_group: 1,
      aws_cloudwatch_metric_alarm: 1,
      aws_iam_role: 1,
      aws_iam_role_policy: 1,
      aws_iam_role_policy_attachment: 1,
      aws_iam_instance_profile: 1,
      // Backups: the bucket and its access-log bucket, each with versioning, a public access
      // block, ownership controls, encryption, a policy and a lifecycle; the backup bucket's
      // access logging; the backup key and its alias.
      aws_s3_bucket: 2,
      aws_s3_bucket_versioning: 2,
      aws_s3_bucket_public_access_block: 2,
      aws_s3_bucket_ownership_controls: 2,
      aws_s3_bucket_server_side_encryption_configuration: 2,
      aws_s3_bucket_policy: 2,
      aws_s3_bucket_lifecycle_configuration: 2,
      aws_s3_bucket_logging: 1,
      aws_kms_key: 1,
      aws_kms_alias: 1,
    });
  }
  return Object.fromEntries(Object.keys(counts).sort().map((type) => [type, counts[type]]));
}

/** Karpenter's interruption events (src/addons/karpenter/karpenter-aws.ts INTERRUPTION_EVENTS). */
const KARPENTER_INTERRUPTION_RULES = 5;
/**
 * The node security group (src/eks/node-security-group-rules.ts): the group; ingress all from
 * itself, one rule per port the control plane calls (the kubelet's 10250 and the webhook ports of
 * the enabled add-ons, one per distinct port), and the API group's 443 from it; egress all to
 * itself, 443 to the API group and to the internet, DNS over UDP and TCP to the resolver, each
 * data-store port to each persistence subnet, each peering port of each spoke that admits the
 * nodes to each of its persistence subnets, and the model's extra egress (each CIDR times each
 * port). The migration bridge adds two ingress rules (one on each group) and one egress rule.
 */
function nodeSecurityGroupCounts(env: Environment, environments: readonly Environment[]): Record<string, number> {
  const eks = env.eks!;
  const distinct = <T>(list: readonly T[]) => new Set(list).size;
  const webhookPorts = ADDONS.filter((a) => a.isEnabled(env)).flatMap((a) => (ADDON_CONTROL_PLANE_PORTS[a.name] ?? []).map((p) => p.port));
  const controlPlanePorts = distinct([10250, ...webhookPorts]);
  const nodeRanges = env.subnets.map((s) => s.private);
  const spokeRules = environments
    .filter((s) => s.inboundPeers.some((p) => p.name === env.name && p.dataTierCidrs.some((c) => nodeRanges.some((n) => overlaps(c, n)))))
    .reduce((n, s) => n + s.subnets.length * distinct(s.peeringPorts), 0);
  const extra = eks.nodeEgress.reduce((n, e) => n + distinct(e.cidrs) * distinct(e.ports), 0);
  const bridge = eks.clusterSecurityGroupBridge ? 1 : 0;
  return {
    aws_security_group: 1,
    aws_vpc_security_group_ingress_rule: 1 + controlPlanePorts + 1 + 2 * bridge,
    aws_vpc_security_group_egress_rule: 1 + 1 + 1 + 2 + env.subnets.length * distinct(env.dataStorePorts) + spokeRules + extra + bridge,
  };
}

/** Karpenter's controller policies: upstream's six but ZonalShift. */
const KARPENTER_CONTROLLER_POLICIES = 5;
/** The Karpenter node role's AWS-managed policies: worker, ECR pull-only, SSM core. */
const KARPENTER_NODE_POLICIES = 3;

/** What the cluster's node autoscaler adds to the `<env>` stack. */
function nodeAutoscalingCounts(eks: NonNullable<Environment["eks"]>): Record<string, number> {
  switch (eks.autoscaling) {
    case "karpenter": {
      // With a spot pool, one more policy: creating the account's spot service-linked role.
      const spot = eks.nodePools.some((p) => p.capacityTypes.includes("spot")) ? 1 : 0;
      return {
        // Controller (IRSA) and node roles; the node role's access entry (EC2_LINUX).
        aws_iam_role: 2,
        aws_iam_policy: KARPENTER_CONTROLLER_POLICIES + spot,
        aws_iam_role_policy_attachment: KARPENTER_CONTROLLER_POLICIES + spot + KARPENTER_NODE_POLICIES,
        aws_eks_access_entry: 1,
        // The interruption queue, its policy, and a rule and target per event.
        aws_sqs_queue: 1,
        aws_sqs_queue_policy: 1,
        aws_cloudwatch_event_rule: KARPENTER_INTERRUPTION_RULES,
        aws_cloudwatch_event_target: KARPENTER_INTERRUPTION_RULES,
      };
    }
    case "cluster-autoscaler":
      return {
        // The IRSA role with its inline policy; a node-template tag per label and taint of each group.
        aws_iam_role: 1,
        aws_iam_role_policy: 1,
        aws_autoscaling_group_tag: eks.nodeGroups.reduce((n, g) => n + Object.keys(g.labels).length + g.taints.length, 0),
      };
    case "none":
      return {};
  }
}

/** NAT gateways of the environment: one per AZ, one shared, or none. */
export function natGatewayCount(env: Pick<Environment, "nat" | "subnets">): number {
  switch (env.nat) {
    case "perAz":
      return env.subnets.length;
    case "single":
      return 1;
    case "none":
      return 0;
  }
}

function add(counts: Record<string, number>, more: Readonly<Record<string, number>>): void {
  for (const [type, n] of Object.entries(more)) counts[type] = (counts[type] ?? 0) + n;
}
