import { readFileSync } from "node:fs";
import { DEFAULT_ENVIRONMENTS_FILE, environmentByName, loadOrgFile, loadOrgText } from "../../../src/model";
import { expectedPlanCounts, natGatewayCount } from "../../../scripts/lib/expected-resources";
import { loadChanged } from "../../../test-helpers/model-fixtures";

const org = loadOrgFile();
const defaultText = readFileSync(DEFAULT_ENVIRONMENTS_FILE, "utf8");

describe("expectedPlanCounts", () => {
  describe("production of the default organization (3 AZs, NAT per AZ, EKS with one node group)", () => {
    const production = environmentByName(org, "production");
    const counts = expectedPlanCounts(production);

    it("expects one subnet of each tier per AZ and a control-plane subnet per AZ for the cluster", () => {
      expect(counts.aws_subnet).toBe(12);
    });

    it("expects a NAT gateway and an EIP in every AZ", () => {
      expect(counts.aws_nat_gateway).toBe(3);
      expect(counts.aws_eip).toBe(3);
    });

    it("expects the cluster, its node group with a launch template, six add-ons and the OIDC provider", () => {
      expect(counts).toMatchObject({
        aws_eks_cluster: 1,
        aws_eks_node_group: 1,
        aws_launch_template: 1,
        aws_eks_addon: 6,
        aws_iam_openid_connect_provider: 1,
      });
    });

    it("expects one private and one persistence route table per AZ plus the shared public one, the control-plane subnets sharing the private ones", () => {
      expect(counts.aws_route_table).toBe(7);
      expect(counts.aws_route_table_association).toBe(12);
    });

    it("expects the public default route and one private default route per AZ, none for persistence", () => {
      expect(counts.aws_route).toBe(4);
    });

    it("expects a persistence rule per private subnet and data-store port, and per peering port from management's data-tier range", () => {
      // 3 AZs x 4 ports + management's one range (its VPN server's address) x 4 ports, plus the cluster API rule from management;
      // the node security group: all from itself, the control plane on 10250, 8443 (ingress-nginx) and 9443 (CloudWatch agent), and the API from the nodes.
      expect(counts.aws_vpc_security_group_ingress_rule).toBe(12 + 4 + 1 + 1 + 3 + 1);
    });

    it("expects the default NACL, a NACL per tier and an association per subnet, control plane included", () => {
      expect(counts.aws_default_network_acl).toBe(1);
      expect(counts.aws_network_acl).toBe(3);
      expect(counts.aws_network_acl_association).toBe(4 * 3);
      // public 10, private 8 + 443 from management, persistence 3 x (4 + 1) + 1 x (4 + 1)
      expect(counts.aws_network_acl_rule).toBe(10 + 9 + 15 + 5);
    });

    it("expects an access entry per admin, read-only principal and the platform-deploy role, and a policy association per admin and the platform-deploy role", () => {
      const { admins, readOnly } = production.eks!;
      expect(readOnly).toHaveLength(1);
      // ...and the EC2_LINUX entry of Karpenter's node role.
      // ...the platform-deploy role's...
      expect(counts.aws_eks_access_entry).toBe(admins.length + 1 + 1 + 1);
      expect(counts.aws_eks_access_policy_association).toBe(admins.length + 1);
    });

    it("expects the flow-log, cluster and add-on roles (Karpenter's controller and node roles among them), the logs, secrets and alert keys, and the flow-log, control-plane and Container Insights log groups", () => {
      expect(counts).toMatchObject({ aws_iam_role: 10, aws_kms_key: 3, aws_kms_alias: 3, aws_cloudwatch_log_group: 6, aws_security_group: 3 });
    });

    it("expects the alert topic with its policy and one subscription, and an alarm per NAT signal, the flow logs and the cluster", () => {
      expect(counts).toMatchObject({
        aws_sns_topic: 1,
        aws_sns_topic_policy: 1,
        aws_sns_topic_subscription: 1,
        // 2 per NAT gateway x 3, the flow-log delivery alarm, 7 cluster alarms.
        aws_cloudwatch_metric_alarm: 6 + 1 + 7,
        // The findings rule, and Karpenter's five interruption rules.
        aws_cloudwatch_event_rule: 1 + 5,
        aws_cloudwatch_event_target: 1 + 5,
        aws_guardduty_detector: 1,
        aws_guardduty_detector_feature: 2,
        aws_cloudwatch_dashboard: 1,
      });
    });

    it("expects no topic, alarm or findings rule with alerts: none, and keeps the detector and the dashboard", () => {
      const quiet = environmentByName(loadOrgText(defaultText.replace("  production:\n", "  production:\n    alerts: none\n"), "quiet.yaml"), "production");
      const none = expectedPlanCounts(quiet);
      expect(none).toMatchObject({ aws_guardduty_detector: 1, aws_cloudwatch_dashboard: 1, aws_kms_key: 2 });
      for (const type of ["aws_sns_topic", "aws_sns_topic_subscription", "aws_cloudwatch_metric_alarm"]) expect(none[type]).toBeUndefined();
      // Only Karpenter's interruption rules remain.
      expect(none.aws_cloudwatch_event_rule).toBe(5);
    });

    it("expects no platform-deploy role with ambient credentials (no deploy role to trust)", () => {
      const ambient = environmentByName(loadChanged((f) => {
          f.environments.production.ambientCredentials = true;
          // state isolation then needs the principals that run production's stacks named
          f.state.deployers = { production: "arn:aws:iam::222222222222:role/ci", "production-platform": "arn:aws:iam::222222222222:role/ci" };
        }), "production");
      const without = expectedPlanCounts(ambient);
      expect(without.aws_iam_role).toBe(counts.aws_iam_role - 1);
      expect(without.aws_eks_access_entry).toBe(counts.aws_eks_access_entry - 1);
    });

    it("lists the resource types in alphabetical order", () => {
      expect(Object.keys(counts)).toEqual([...Object.keys(counts)].sort());
    });

    it("adds nothing when the public zone is in another account: the dns stack creates ExternalDNS's records role there", () => {
      expect(org.dns.publicZoneAccountId).toBe("111111111111");
      expect(expectedPlanCounts(production, org.dns.publicZoneAccountId)).toEqual(counts);
      expect(expectedPlanCounts(production, production.accountId)).toEqual(counts);
    });
  });

  describe("the node security group", () => {
    const production = environmentByName(org, "production");
    const counts = expectedPlanCounts(production);

    it("expects in production only the node group's egress: itself, the API, HTTPS, DNS over UDP and TCP, and each data-store port to each persistence subnet", () => {
      expect(counts.aws_vpc_security_group_egress_rule).toBe(5 + 3 * 4);
    });

    it("expects a hub's cluster to reach each spoke's persistence subnets on the spoke's peering ports, when the spoke admits the hub's private subnets", () => {
      const hubWithCluster = loadChanged((f) => {
        f.environments.management.eks = structuredClone(f.environments.development.eks);
        delete f.environments.management.vpn;
      });
      const management = environmentByName(hubWithCluster, "management");
      const alone = expectedPlanCounts(management);
      const withSpokes = expectedPlanCounts(management, undefined, hubWithCluster.environments);
      const spokes = hubWithCluster.environments.filter((e) => e.inboundPeers.some((p) => p.name === "management"));
      expect(spokes.map((s) => s.name).sort()).toEqual(["development", "production"]);
      const expected = spokes.reduce((n, s) => n + s.subnets.length * new Set(s.peeringPorts).size, 0);
      expect(expected).toBeGreaterThan(0);
      expect(withSpokes.aws_vpc_security_group_egress_rule - alone.aws_vpc_security_group_egress_rule).toBe(expected);
    });

    it("expects the model's extra egress (each CIDR times each port) and the migration bridge's three rules", () => {
      const changed = environmentByName(
        loadChanged((f) => {
          f.environments.production.eks.nodeEgress = [{ name: "smtp", description: "Mail relay", ports: [25, 587], cidrs: ["10.0.0.0/24", "10.0.1.0/24"] }];
          f.environments.production.eks.clusterSecurityGroupBridge = true;
        }),
        "production",
      );
      const after = expectedPlanCounts(changed);
      expect(after.aws_vpc_security_group_egress_rule - counts.aws_vpc_security_group_egress_rule).toBe(4 + 1);
      expect(after.aws_vpc_security_group_ingress_rule - counts.aws_vpc_security_group_ingress_rule).toBe(2);
    });
  });

  describe("node autoscaling of the default organization's production", () => {
    const counts = expectedPlanCounts(environmentByName(org, "production"));
    const none = expectedPlanCounts(environmentByName(loadChanged((f) => (f.environments.production.eks.autoscaling = "none")), "production"));
    const added = (c: Record<string, number>) => Object.fromEntries(Object.keys({ ...c, ...none }).map((t) => [t, (c[t] ?? 0) - (none[t] ?? 0)]).filter(([, n]) => n !== 0));

    it("expects Karpenter's roles, policies, access entry, queue, rules and targets, and no EC2 tag (the node security group carries its discovery tag; no spot pool in production)", () => {
      expect(added(counts)).toEqual({
        aws_iam_role: 2,
        aws_iam_policy: 5,
        aws_iam_role_policy_attachment: 5 + 3,
        aws_eks_access_entry: 1,
        aws_sqs_queue: 1,
        aws_sqs_queue_policy: 1,
        aws_cloudwatch_event_rule: 5,
        aws_cloudwatch_event_target: 5,
      });
    });

    it("expects the spot service-linked-role policy too where a pool allows spot", () => {
      const development = expectedPlanCounts(environmentByName(org, "development"));
      const developmentNone = expectedPlanCounts(environmentByName(loadChanged((f) => (f.environments.development.eks.autoscaling = "none")), "development"));
      expect(development.aws_iam_policy - (developmentNone.aws_iam_policy ?? 0)).toBe(6);
    });

    it("expects the Cluster Autoscaler's role and policy and a node-template tag per label and taint instead", () => {
      const withCa = loadChanged((f) => {
        f.environments.production.eks.autoscaling = "cluster-autoscaler";
        f.environments.production.eks.nodeGroups[0].labels = { workload: "general" };
      });
      expect(added(expectedPlanCounts(environmentByName(withCa, "production")))).toEqual({ aws_iam_role: 1, aws_iam_role_policy: 1, aws_autoscaling_group_tag: 1 });
    });
  });

  describe("management of the default organization (2 AZs, single NAT, no cluster, a VPN)", () => {
    const counts = expectedPlanCounts(environmentByName(org, "management"));

    it("expects one NAT gateway, and an EIP for it and one for the VPN server", () => {
      expect(counts.aws_nat_gateway).toBe(1);
      expect(counts.aws_eip).toBe(2);
    });

    it("expects the network foundations once each", () => {
      expect(counts).toMatchObject({
        aws_vpc: 1,
        aws_internet_gateway: 1,
        aws_default_security_group: 1,
        aws_flow_log: 1,
        aws_route53_zone: 1,
        aws_db_subnet_group: 1,
        aws_elasticache_subnet_group: 1,
        aws_vpc_endpoint: 2,
        aws_ebs_encryption_by_default: 1,
      });
    });

    it("expects three subnets and three route-table associations per AZ: no control-plane subnet without a cluster", () => {
      expect(counts.aws_subnet).toBe(6);
      expect(counts.aws_route_table_association).toBe(6);
    });

    it("expects no EKS resource types at all", () => {
      expect(Object.keys(counts).filter((t) => t.startsWith("aws_eks"))).toEqual([]);
    });
  });

  describe("management's VPN server (default organization: 1 client CIDR, 1 admin CIDR, 3 pushed routes)", () => {
    const management = environmentByName(org, "management");
    const counts = expectedPlanCounts(management);
    const withoutVpn = expectedPlanCounts({ ...management, vpn: undefined });

    it("expects one instance, launch template, network interface and EIP association, and a second EIP", () => {
      expect(counts).toMatchObject({ aws_instance: 1, aws_launch_template: 1, aws_network_interface: 1, aws_eip_association: 1, aws_eip: 2 });
    });

    it("expects a rule per client and admin CIDR in, and HTTPS plus one rule per pushed route out", () => {
      expect(counts.aws_vpc_security_group_ingress_rule - withoutVpn.aws_vpc_security_group_ingress_rule).toBe(2);
      expect(counts.aws_vpc_security_group_egress_rule).toBe(4);
    });

    it("expects the backup bucket and its access-log bucket with every guardrail, and one more KMS key", () => {
      expect(counts).toMatchObject({ aws_s3_bucket: 2, aws_s3_bucket_logging: 1, aws_s3_bucket_policy: 2 });
      expect([counts.aws_kms_key - withoutVpn.aws_kms_key, counts.aws_kms_alias - withoutVpn.aws_kms_alias]).toEqual([1, 1]);
    });

    it("expects nothing of the VPN in an environment without a vpn block", () => {
      expect(withoutVpn.aws_instance).toBeUndefined();
      expect(withoutVpn.aws_eip).toBe(1);
    });
  });

  describe("an environment without NAT", () => {
    const text = defaultText.replace(/nat: single\n    peers: \[management\]/, "nat: none\n    peers: [management]");
    const env = environmentByName(loadOrgText(text), "development");

    it("expects neither NAT gateways nor EIPs", () => {
      expect(env.nat).toBe("none");
      expect(expectedPlanCounts(env)).toMatchObject({ aws_nat_gateway: 0, aws_eip: 0 });
    });

    it("expects only the public default route", () => {
      expect(expectedPlanCounts(env).aws_route).toBe(1);
    });
  });

  describe("an environment whose persistence tier reaches the internet", () => {
    const text = defaultText.replace("nat: perAz\n", "nat: perAz\n    persistenceInternetAccess: true\n");
    const env = environmentByName(loadOrgText(text), "production");

    it("expects a default route in every private and every persistence route table", () => {
      expect(env.persistenceInternetAccess).toBe(true);
      expect(expectedPlanCounts(env).aws_route).toBe(1 + 3 + 3);
    });
  });

  describe("a cluster with two node groups", () => {
    const text = defaultText.replace(
      "- { name: general, instanceTypes: [m6i.large], min: 3, max: 9, capacity: onDemand }",
      "- { name: general, instanceTypes: [m6i.large], min: 3, max: 9, capacity: onDemand }\n        - { name: batch, instanceTypes: [c6i.large], min: 0, max: 4, capacity: spot }",
    );
    const counts = expectedPlanCounts(environmentByName(loadOrgText(text), "production"));

    it("expects a node group and a launch template for each", () => {
      expect(counts.aws_eks_node_group).toBe(2);
      expect(counts.aws_launch_template).toBe(2);
    });
  });
});

describe("natGatewayCount", () => {
  describe("for each NAT mode", () => {
    const subnets = ["a", "b", "c"].map((s) => ({ az: `us-east-1${s}`, azSuffix: s, public: "", private: "", persistence: "" }));

    it("counts one per AZ with perAz, one with single and none with none", () => {
      expect(natGatewayCount({ nat: "perAz", subnets })).toBe(3);
      expect(natGatewayCount({ nat: "single", subnets })).toBe(1);
      expect(natGatewayCount({ nat: "none", subnets })).toBe(0);
    });
  });

  describe("with connectivity: transitGateway", () => {
    const tgw = loadOrgText(`${defaultText}\nconnectivity: transitGateway\n`, "tgw.yaml");

    it("expects an attachment subnet per AZ with its association and one route table of their own, and nothing else more", () => {
      const before = expectedPlanCounts(environmentByName(org, "production"));
      const after = expectedPlanCounts(environmentByName(tgw, "production"));
      expect(after).toEqual({
        ...before,
        aws_subnet: before.aws_subnet + 3,
        aws_route_table: before.aws_route_table + 1,
        aws_route_table_association: before.aws_route_table_association + 3,
        // Their NACL: an association per subnet, all traffic to and from the VPC and management.
        aws_network_acl: before.aws_network_acl + 1,
        aws_network_acl_association: before.aws_network_acl_association + 3,
        aws_network_acl_rule: before.aws_network_acl_rule + 4,
      });
    });
  });
});
