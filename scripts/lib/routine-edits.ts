/**
 * The change-safety table: routine edits of the default organization
 * (src/model/default-environments.yaml) and what each one's plan must do to its `<env>` stack.
 * `npm run validate` plans every edit against the state the unedited stacks would have and
 * fails on any difference; the README's "routine edit -> what its plan does" table is checked
 * against this one.
 *
 * Rules the table keeps:
 * - every action on every resource type is listed; a type not listed must not appear;
 * - a replacement is allowed only with its reason, and a subnet, route table, VPC, cluster or
 *   node group only create-before-destroy (change-outcome.ts checks both);
 * - counts follow the default organization: production has AZs a, b, c, NAT per AZ and one node
 *   group; development a, b, a single NAT and one spot node group; management a, b, a single NAT
 *   and no cluster; four data-store ports; management peers with both.
 */
import { environment, type EnvironmentsDoc, type RoutineEdit } from "./edit-rounds";

/**
 * What a change of the NAT gateways also does (src/observability/): each gateway has two alarms
 * keyed by its AZ letter (`nat-alarms_nat-<az>-...`), created and destroyed with it, and the
 * environment's dashboard, which graphs every gateway, is updated in place.
 */
const DASHBOARD = { aws_cloudwatch_dashboard: 1 } as const;

/**
 * What one AZ of production holds, so adding one creates it and removing one destroys it: the
 * AZ's public, private, persistence and control-plane subnets, its private and persistence tables
 * and their associations, its NAT with EIP and default route, the persistence rules from its
 * private subnet on the four data-store ports, the node security group's egress to its persistence
 * subnet on the same four ports, the NAT gateway's two alarms, its four subnets'
 * NACL associations, and the persistence NACL's four port rules from its private subnet plus the
 * reply rule out to it.
 */
const PRODUCTION_AZ_RESOURCES = {
  aws_subnet: 4,
  aws_route_table: 2,
  aws_route_table_association: 4,
  aws_nat_gateway: 1,
  aws_eip: 1,
  aws_route: 1,
  aws_vpc_security_group_ingress_rule: 4,
  aws_vpc_security_group_egress_rule: 4,
  aws_cloudwatch_metric_alarm: 2,
  aws_network_acl_association: 4,
  aws_network_acl_rule: 5,
} as const;

/** The node group's replacement when something only a new node group can change changes. */
const NODE_GROUP_REPLACED_CBD =
  "EKS cannot change a node group's subnets, instance types or capacity type in place; the new group (name prefix) joins and takes pods before the old one drains (create_before_destroy), so the cluster keeps its compute";

/**
 * In-place updates every edit that changes the cluster also shows: the IRSA trust policies (and
 * ExternalDNS's role policy) are rendered by `aws_iam_policy_document` data sources that read the
 * cluster's OIDC issuer, and Terraform defers such data sources to apply while the cluster has a
 * pending change, so the four IRSA/records roles and the policy show "known after apply". Apply
 * writes the same documents. Reading the issuer from the OIDC provider resource instead would
 * remove this noise.
 */
/** AZs of each environment of the default organization (one attachment subnet each). */
const TRANSIT_GATEWAY_AZS = { management: 2, production: 3, development: 2 } as const;

const azs = (doc: EnvironmentsDoc, env: string) => environment(doc, env).azs as string[];
const eks = (doc: EnvironmentsDoc, env: string) => environment(doc, env).eks as Record<string, unknown> & { nodeGroups: Record<string, unknown>[] };

export const ROUTINE_EDITS: readonly RoutineEdit[] = [
  {
    id: "add-az",
    title: "add an AZ",
    change: "production: azs + us-east-1d",
    stack: "production",
    apply: (doc) => void azs(doc, "production").push("us-east-1d"),
    expect: {
      create: PRODUCTION_AZ_RESOURCES,
      createdAddresses: /-d(-|$)/,
      // The subnet groups, the gateway endpoints' route tables and the cluster's subnets take the
      // AZ in; the dashboard graphs the new NAT gateway.
      update: { aws_db_subnet_group: 1, aws_elasticache_subnet_group: 1, aws_vpc_endpoint: 2, aws_eks_cluster: 1, ...DASHBOARD },
      replace: { aws_eks_node_group: { count: 1, order: "create-before-destroy", reason: NODE_GROUP_REPLACED_CBD } },
    },
  },
  {
    id: "remove-az",
    title: "remove an AZ",
    change: "production: azs - us-east-1b (the middle one)",
    stack: "production",
    apply: (doc) => {
      environment(doc, "production").azs = azs(doc, "production").filter((az) => az !== "us-east-1b");
    },
    expect: {
      destroy: PRODUCTION_AZ_RESOURCES,
      destroyedAddresses: /-b(-|$)/,
      update: { aws_db_subnet_group: 1, aws_elasticache_subnet_group: 1, aws_vpc_endpoint: 2, aws_eks_cluster: 1, ...DASHBOARD },
      replace: { aws_eks_node_group: { count: 1, order: "create-before-destroy", reason: NODE_GROUP_REPLACED_CBD } },
    },
    note: "AZ c keeps its subnets: the CIDR plan is keyed by the AZ's letter, not its position",
  },
  {
    id: "reorder-azs",
    title: "reorder AZs",
    change: "development: azs [us-east-1b, us-east-1a]",
    stack: "development",
    apply: (doc) => void azs(doc, "development").reverse(),
    expect: {},
    note: "subnets, routes and rules are keyed by AZ letter and the single NAT sits in the first AZ by letter",
  },
  {
    id: "nat-peraz-to-single",
    title: "NAT perAz -> single",
    change: "production: nat single",
    stack: "production",
    apply: (doc) => {
      environment(doc, "production").nat = "single";
    },
    expect: {
      destroy: { aws_nat_gateway: 2, aws_eip: 2, aws_cloudwatch_metric_alarm: 4 },
      destroyedAddresses: /-[bc]$|_nat-[bc]-/,
      // AZs b and c route to AZ a's NAT.
      update: { aws_route: 2, ...DASHBOARD },
      updatedAddresses: /private-default-route-[bc]$|_dashboard$/,
    },
  },
  {
    id: "nat-single-to-peraz",
    title: "NAT single -> perAz",
    change: "development: nat perAz",
    stack: "development",
    apply: (doc) => {
      environment(doc, "development").nat = "perAz";
    },
    expect: {
      create: { aws_nat_gateway: 1, aws_eip: 1, aws_cloudwatch_metric_alarm: 2 },
      createdAddresses: /-b$|_nat-b-/,
      update: { aws_route: 1, ...DASHBOARD },
      updatedAddresses: /private-default-route-b$|_dashboard$/,
    },
  },
  {
    id: "nat-single-to-none",
    title: "NAT single -> none",
    change: "management: nat none",
    stack: "management",
    apply: (doc) => {
      environment(doc, "management").nat = "none";
    },
    expect: {
      destroy: { aws_nat_gateway: 1, aws_eip: 1, aws_route: 2, aws_cloudwatch_metric_alarm: 2 },
      destroyedAddresses: /(nat-(gateway|eip)-a|private-default-route-[ab])$|_nat-a-/,
      update: DASHBOARD,
    },
  },
  {
    id: "nat-none-to-single",
    title: "NAT none -> single",
    change: "management: nat none -> single (planned against the state of nat: none)",
    stack: "management",
    from: (doc) => {
      environment(doc, "management").nat = "none";
    },
    apply: () => undefined,
    expect: {
      create: { aws_nat_gateway: 1, aws_eip: 1, aws_route: 2, aws_cloudwatch_metric_alarm: 2 },
      createdAddresses: /(nat-(gateway|eip)-a|private-default-route-[ab])$|_nat-a-/,
      update: DASHBOARD,
    },
  },
  {
    id: "add-environment",
    title: "add an environment",
    change: "staging: a new spoke peered with management",
    stack: "staging",
    newStack: true,
    apply: (doc) => {
      doc.environments.staging = {
        accountId: "444444444444",
        cidr: "10.140.0.0/16",
        azs: ["us-east-1a", "us-east-1b"],
        nat: "single",
        peers: ["management"],
      };
    },
    // A new account joins the organization: every environment's endpoint policies admit it (an
    // in-place update of their aws_vpc_endpoint policies, covered by jest); management's VPN pushes
    // every peer's CIDR to its clients: one more egress rule there.
    alsoChanges: ["management", "production", "development"],
    expect: {},
    note: "the new stack creates what the model says; the other <env> stacks change only their VPC endpoints' policies, in place, to admit the new account, and management's stack gains the VPN's egress rule to the new CIDR (and its outputs list it)",
  },
  {
    id: "add-node-group",
    title: "add a node group",
    change: "production: nodeGroups + batch (c6i.xlarge, 0-5)",
    stack: "production",
    apply: (doc) =>
      void eks(doc, "production").nodeGroups.push({ name: "batch", instanceTypes: ["c6i.xlarge"], min: 0, max: 5, capacity: "onDemand" }),
    expect: {
      create: { aws_eks_node_group: 1, aws_launch_template: 1 },
      createdAddresses: /node-group-batch/,
    },
  },
  {
    id: "node-group-instance-types",
    title: "change a node group's instance types and capacity type",
    change: "development: general [t3.large, t3a.large] spot -> [m6i.large] onDemand",
    stack: "development",
    apply: (doc) => {
      const group = eks(doc, "development").nodeGroups[0];
      group.instanceTypes = ["m6i.large"];
      group.capacity = "onDemand";
    },
    expect: {
      replace: { aws_eks_node_group: { count: 1, order: "create-before-destroy", reason: NODE_GROUP_REPLACED_CBD } },
    },
  },
  {
    id: "kubernetes-minor-bump",
    title: "Kubernetes minor version bump",
    change: "development: eks.version 1.33 -> 1.34",
    stack: "development",
    apply: (doc) => {
      eks(doc, "development").version = "1.34";
    },
    expect: {
      // The control plane, the node group's version, and the add-ons whose pinned version differs
      // between 1.33 and 1.34 (kube-proxy, eks-pod-identity-agent: src/eks/addon-versions.ts), all in place.
      update: { aws_eks_cluster: 1, aws_eks_node_group: 1, aws_eks_addon: 2 },
    },
    note:
      "add-ons whose pinned version is the same for both minors do not change; the <env>-platform stack (not planned offline) updates every namespace's Pod Security version labels to v1.34 in place",
  },
  {
    id: "autoscaling-karpenter-to-cluster-autoscaler",
    title: "switch node autoscaling Karpenter -> Cluster Autoscaler",
    change: "development: eks.autoscaling cluster-autoscaler",
    stack: "development",
    apply: (doc) => {
      eks(doc, "development").autoscaling = "cluster-autoscaler";
    },
    expect: {
      // Karpenter's AWS side goes: controller and node roles, the controller's five policies and
      // the spot service-linked-role one (development's default pool allows spot) and their
      // attachments, the node role's three, its access entry, the interruption queue, its policy
      // and five rules with their targets.
      destroy: {
        aws_iam_role: 2,
        aws_iam_policy: 6,
        aws_iam_role_policy_attachment: 9,
        aws_eks_access_entry: 1,
        aws_sqs_queue: 1,
        aws_sqs_queue_policy: 1,
        aws_cloudwatch_event_rule: 5,
        aws_cloudwatch_event_target: 5,
      },
      destroyedAddresses: /karpenter/,
      // The Cluster Autoscaler's IRSA role and its inline policy (the group has no labels or taints, so no node-template tags).
      create: { aws_iam_role: 1, aws_iam_role_policy: 1 },
      createdAddresses: /irsa-cluster-autoscaler/,
      // The private subnets and the node security group lose karpenter.sh/discovery, in place.
      update: { aws_subnet: 2, aws_security_group: 1 },
      updatedAddresses: /private-subnet-[ab]$|node-security-group_security-group$/,
    },
    note: "the node group, cluster and network stay; in a live cluster go through autoscaling none and apply <env>-platform first, so Karpenter terminates its nodes while its role exists (README, Node autoscaling)",
  },
  {
    id: "autoscaling-cluster-autoscaler-to-karpenter",
    title: "switch node autoscaling Cluster Autoscaler -> Karpenter",
    change: "production: eks.autoscaling cluster-autoscaler -> karpenter (planned against the state of cluster-autoscaler)",
    stack: "production",
    from: (doc) => {
      eks(doc, "production").autoscaling = "cluster-autoscaler";
    },
    apply: () => undefined,
    expect: {
      create: {
        aws_iam_role: 2,
        aws_iam_policy: 5,
        aws_iam_role_policy_attachment: 8,
        aws_eks_access_entry: 1,
        aws_sqs_queue: 1,
        aws_sqs_queue_policy: 1,
        aws_cloudwatch_event_rule: 5,
        aws_cloudwatch_event_target: 5,
      },
      createdAddresses: /karpenter/,
      destroy: { aws_iam_role: 1, aws_iam_role_policy: 1 },
      destroyedAddresses: /irsa-cluster-autoscaler/,
      // The private subnets and the node security group gain karpenter.sh/discovery, in place.
      update: { aws_subnet: 3, aws_security_group: 1 },
      updatedAddresses: /private-subnet-[abc]$|node-security-group_security-group$/,
    },
  },
  {
    id: "add-namespace",
    title: "add a namespace",
    change: "development: platform.namespaces + batch",
    stack: "development",
    apply: (doc) => {
      const platform = environment(doc, "development").platform as { namespaces: Record<string, unknown>[] };
      platform.namespaces.push({ name: "batch" });
    },
    expect: {},
    note: "only the development-platform stack changes (namespace, its policies), which needs a cluster to plan",
  },
  {
    id: "add-peering-port",
    title: "add a peering port",
    change: "production: peeringPorts + 27017",
    stack: "production",
    apply: (doc) => {
      environment(doc, "production").peeringPorts = [5432, 3306, 6379, 11211, 27017];
    },
    expect: {
      // From management's VPN server (its VPN has spokeAccess vpn), in the security group and the persistence NACL.
      create: { aws_vpc_security_group_ingress_rule: 1, aws_network_acl_rule: 1 },
      createdAddresses: /peer-management-10-120-192-10-32-tcp-27017$/,
    },
  },
  ...(["management", "production", "development"] as const).map(
    (stack): RoutineEdit => ({
      id: `transit-gateway-${stack}`,
      title: `switch to a Transit Gateway (${stack})`,
      change: "connectivity: peering -> transitGateway (the whole organization)",
      stack,
      group: "connectivity-transit-gateway",
      apply: (doc) => {
        doc.connectivity = "transitGateway";
      },
      expect: {
        // The attachment's /28 per AZ with its association, and their own route table.
        // Their NACL, open to the VPC and each connected VPC both ways (management has two spokes).
        create: {
          aws_subnet: TRANSIT_GATEWAY_AZS[stack],
          aws_route_table: 1,
          aws_route_table_association: TRANSIT_GATEWAY_AZS[stack],
          aws_network_acl: 1,
          aws_network_acl_association: TRANSIT_GATEWAY_AZS[stack],
          aws_network_acl_rule: 2 + 2 * (stack === "management" ? 2 : 1),
        },
        createdAddresses: /transit-gateway-(subnet|route-table)|network-acl_transit-gateway/,
      },
      note:
        stack !== "production"
          ? "as for production"
          : "the <env> stack only gains the attachment subnets and their table, nothing moves; the peering stack (not planned offline: it reads remote state) " +
        "replaces the peering connections by the Transit Gateway, its share, attachments and route tables, and keeps every VPC route's address, changing its target in place " +
        "(__tests__/stacks/peering-stack.test.ts proves it from the synthesized JSON)",
    }),
  ),
];
