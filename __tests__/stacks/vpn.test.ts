import { Instance } from "@cdktf/provider-aws/lib/instance";
import { NetworkInterface } from "@cdktf/provider-aws/lib/network-interface";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { countResources, parseStack, resourcesOf, synthStack } from "../../src/testing";
import { loadChanged } from "../../test-helpers/model-fixtures";

/** Ingress rules of a stack whose source is `cidr`. */
const rulesFrom = (synth: string, cidr: string) => Object.entries(resourcesOf(synth, VpcSecurityGroupIngressRule)).filter(([, r]) => r.cidr_ipv4 === cidr);

describe("addVpn", () => {
  describe("in the default organization", () => {
    const org = loadChanged();
    const management = synthStack(org, "management");

    it("builds management's VPN server in the public subnet of its first AZ, with the model's address", () => {
      expect(countResources(management, Instance)).toBe(1);
      expect(management).toHaveResourceWithProperties(NetworkInterface, {
        subnet_id: "${aws_subnet.network_public-subnet-a.id}",
        private_ips: ["10.120.192.10"],
      });
    });

    it("waits for the internet gateway before associating the Elastic IP", () => {
      expect(Object.values(resourcesOf(management, "aws_eip_association"))[0].depends_on).toEqual(["aws_internet_gateway.network_internet-gateway"]);
    });

    it("outputs the public IP, the instance and the settings to enter in the Pritunl console", () => {
      const outputs = parseStack(management).output!;
      expect(outputs["vpn-public-ip"].value).toBe("${aws_eip.vpn_eip.public_ip}");
      expect(outputs["vpn-instance-id"].value).toBe("${aws_instance.vpn_instance.id}");
      expect(outputs["vpn-server-settings"].value).toEqual({
        port: 1194,
        protocol: "udp",
        routes: ["10.120.0.0/16", "10.130.0.0/16", "10.110.0.0/16"],
        dnsServer: "10.120.0.2",
        searchDomains: ["management.acme.internal", "production.acme.internal", "development.acme.internal"],
        backupBucket: "acme-management-vpn-backups-111111111111",
      });
    });

    it("sends the recovery alarm to the environment's alert topic too", () => {
      const alarm = resourcesOf(management, "aws_cloudwatch_metric_alarm")["vpn_recover-alarm"];
      expect(alarm.alarm_actions).toEqual(["arn:aws:automate:us-east-1:ec2:recover", "${aws_sns_topic.observability_alert-topic_topic.arn}"]);
    });

    it("builds no VPN in the spokes", () => {
      expect(countResources(synthStack(org, "production"), Instance)).toBe(0);
    });

    // What lets a laptop on the VPN reach a spoke: the spoke's cluster API and data tier admit the
    // server's address (the NAT source of every client), and nothing else of management.
    describe.each(["production", "development"])("the spoke %s", (spoke) => {
      const synth = synthStack(org, spoke);

      it("admits the VPN server to its cluster API on 443", () => {
        const api = rulesFrom(synth, "10.120.192.10/32").filter(([id]) => id.startsWith("eks_api-from-management"));
        expect(api.map(([, r]) => [r.ip_protocol, r.from_port, r.to_port, r.description])).toEqual([
          ["tcp", 443, 443, "HTTPS to the Kubernetes API from peered environment management (10.120.192.10/32)"],
        ]);
      });

      it("admits the VPN server to its data tier on every peering port", () => {
        const data = rulesFrom(synth, "10.120.192.10/32").filter(([id]) => id.startsWith("network_persistence-security-group_peer-management"));
        expect(data.map(([, r]) => r.from_port).sort((a, b) => a - b)).toEqual([3306, 5432, 6379, 11211]);
      });

      it("no longer admits the rest of management's VPC", () => {
        expect(rulesFrom(synth, "10.120.0.0/16")).toEqual([]);
      });
    });
  });

  describe("when a spoke is added", () => {
    it("changes management's stack by exactly one egress rule to the new CIDR, its outputs, and its endpoint policies admitting the new account", () => {
      const before = synthStack(loadChanged(), "management");
      const after = synthStack(
        loadChanged((f) => (f.environments.staging = { accountId: "444444444444", cidr: "10.140.0.0/16", azs: ["us-east-1a", "us-east-1b"], peers: ["management"] })),
        "management",
      );
      const { resource: a, output: outA } = parseStack(before);
      const { resource: b, output: outB } = parseStack(after);
      const addresses = (r: typeof a) => Object.entries(r!).flatMap(([type, byId]) => Object.keys(byId).map((id) => `${type}.${id}`));
      expect(addresses(b).filter((x) => !addresses(a).includes(x))).toEqual(["aws_vpc_security_group_egress_rule.vpn_route-10-140-0-0-16"]);
      expect(addresses(a).filter((x) => !addresses(b).includes(x))).toEqual([]);
      // A spoke in a new account widens the gateway endpoints' organization-account conditions
      // (src/network/endpoint-policies.ts); nothing else that exists changes.
      for (const [type, byId] of Object.entries(a!)) {
        for (const [id, body] of Object.entries(byId)) {
          if (type === "aws_vpc_endpoint") {
            const { policy: policyBefore, ...restBefore } = body as { policy: string };
            const { policy: policyAfter, ...restAfter } = b![type][id] as { policy: string };
            expect(restAfter).toEqual(restBefore);
            expect(policyBefore).not.toContain("444444444444");
            expect(policyAfter).toContain("444444444444");
          } else {
            expect([type, id, b![type][id]]).toEqual([type, id, body]);
          }
        }
      }
      expect(outB!["vpn-server-settings"].value.routes).toEqual([...outA!["vpn-server-settings"].value.routes, "10.140.0.0/16"]);
    });
  });

  describe("with spokeAccess wholeHub", () => {
    it("has the spokes admit management's whole VPC instead", () => {
      const org = loadChanged((f) => (f.environments.management.vpn.spokeAccess = "wholeHub"));
      const synth = synthStack(org, "production");
      expect(rulesFrom(synth, "10.120.0.0/16").length).toBe(5);
      expect(rulesFrom(synth, "10.120.192.10/32")).toEqual([]);
    });
  });

  describe("without a vpn block", () => {
    it("builds no server and no extra security group in management", () => {
      const org = loadChanged((f) => delete f.environments.management.vpn);
      const synth = synthStack(org, "management");
      expect(countResources(synth, Instance)).toBe(0);
      expect(countResources(synth, SecurityGroup)).toBe(1);
      expect(parseStack(synth).output?.["vpn-public-ip"]).toBeUndefined();
    });
  });
});
