import { environmentByName } from "../../src/model/org";
import { vpnSchema } from "../../src/vpn/model";
import { admittedHubCidr, AL2023_AMI_PARAMETER, bucketName, defaultVpnRoutes, hostAddress, planVpn, VPN_HOST_NUMBER, vpnNames, type VpnPlanInput } from "../../src/vpn/vpn-plan";
import { loadChanged } from "../../test-helpers/model-fixtures";

const input = (spec: Record<string, unknown> = {}): VpnPlanInput => ({
  prefix: "acme-management",
  accountId: "111111111111",
  vpcCidr: "10.120.0.0/16",
  internalZoneName: "management.acme.internal",
  subnets: [
    { az: "us-east-1a", azSuffix: "a", public: "10.120.192.0/21" },
    { az: "us-east-1b", azSuffix: "b", public: "10.120.200.0/21" },
  ],
  peers: [
    { cidr: "10.130.0.0/16", internalZoneName: "production.acme.internal" },
    { cidr: "10.110.0.0/16", internalZoneName: "development.acme.internal" },
  ],
  spec: vpnSchema.parse({ type: "pritunl", adminCidrs: ["198.18.10.0/24"], ...spec }),
});

describe("planVpn", () => {
  describe("with the defaults", () => {
    const vpn = planVpn(input());

    it("places the server at host 10 of the first AZ's public subnet", () => {
      expect(VPN_HOST_NUMBER).toBe(10);
      expect(vpn).toMatchObject({ az: "us-east-1a", azSuffix: "a", privateIp: "10.120.192.10" });
    });

    it("pushes the environment's VPC and every peer's, and the VPC resolver at base + 2 with every internal zone", () => {
      expect(vpn.routes).toEqual(["10.120.0.0/16", "10.130.0.0/16", "10.110.0.0/16"]);
      expect(vpn.dnsServer).toBe("10.120.0.2");
      expect(vpn.searchDomains).toEqual(["management.acme.internal", "production.acme.internal", "development.acme.internal"]);
    });

    it("resolves the AL2023 image through its public SSM parameter at launch, never an AMI id of ours", () => {
      expect(vpn.imageId).toBe(`resolve:ssm:${AL2023_AMI_PARAMETER}`);
      expect(AL2023_AMI_PARAMETER).toBe("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64");
    });

    it("lets clients connect from anywhere on UDP 1194, keeps 30 days of backups, t3.small", () => {
      expect(vpn).toMatchObject({ port: 1194, clientCidrs: ["0.0.0.0/0"], backupRetentionDays: 30, instanceType: "t3.small", spokeAccess: "vpn" });
    });

    it("names the buckets after the environment and the account, which keeps them globally unique", () => {
      expect(vpn.backupBucket).toBe("acme-management-vpn-backups-111111111111");
      expect(vpn.accessLogBucket).toBe("acme-management-vpn-access-logs-111111111111");
    });
  });

  describe("with an AZ, an AMI and routes chosen", () => {
    const vpn = planVpn(input({ az: "us-east-1b", amiId: "ami-0123456789abcdef0", routes: ["10.130.0.0/16"] }));

    it("uses them", () => {
      expect(vpn).toMatchObject({ az: "us-east-1b", privateIp: "10.120.200.10", imageId: "ami-0123456789abcdef0", routes: ["10.130.0.0/16"] });
    });
  });
});

describe("hostAddress", () => {
  it("counts from the network's first address", () => {
    expect(hostAddress("10.120.0.0/16", 2)).toBe("10.120.0.2");
  });

  it("fits host 10 in the smallest subnet AWS allows, a /28", () => {
    expect(hostAddress("10.0.0.16/28", VPN_HOST_NUMBER)).toBe("10.0.0.26");
  });

  it("refuses a host number past the network", () => {
    expect(() => hostAddress("10.0.0.16/28", 16)).toThrow("10.0.0.16/28 has no host number 16");
  });
});

describe("defaultVpnRoutes", () => {
  it("lists a CIDR once", () => {
    expect(defaultVpnRoutes("10.0.0.0/16", [{ cidr: "10.0.0.0/16", internalZoneName: "x" }])).toEqual(["10.0.0.0/16"]);
  });
});

describe("bucketName", () => {
  it("is <prefix>-<suffix>-<account> when that fits S3's 63 characters", () => {
    expect(bucketName("acme-management", "vpn-backups", "111111111111")).toBe("acme-management-vpn-backups-111111111111");
  });

  it("cuts the prefix and puts a hash of the full name in the account's place when it does not", () => {
    const prefix = "a-very-long-organization-name-xx-management-hub-xxxxxxxx";
    const name = bucketName(prefix, "vpn-access-logs", "111111111111");
    expect(name).toMatch(/^a-very-long-organization-name-xx-manag-[0-9a-f]{8}-vpn-access-logs$/);
    expect(name).toHaveLength(63);
    expect(bucketName(prefix, "vpn-access-logs", "222222222222")).not.toBe(name);
  });

  it("never leaves a hyphen before the hash", () => {
    // 38 characters are left for the prefix; the 38th is a hyphen here.
    expect(bucketName(`${"a".repeat(37)}-${"b".repeat(20)}`, "vpn-access-logs", "111111111111")).toMatch(/^a{37}-[0-9a-f]{8}-vpn-access-logs$/);
  });
});

describe("vpnNames", () => {
  it("names the role after the environment and the log group under it", () => {
    expect(vpnNames("acme-management", "111111111111")).toMatchObject({ role: "acme-management-vpn", logGroup: "/acme-management/vpn" });
  });
});

describe("admittedHubCidr", () => {
  it("is the VPN server's address when the hub's VPN asks for spoke access by the VPN only", () => {
    expect(admittedHubCidr({ cidr: "10.120.0.0/16", vpn: { privateIp: "10.120.192.10", spokeAccess: "vpn" } })).toBe("10.120.192.10/32");
  });

  it("is the hub's VPC with wholeHub, or without a VPN", () => {
    expect(admittedHubCidr({ cidr: "10.120.0.0/16", vpn: { privateIp: "10.120.192.10", spokeAccess: "wholeHub" } })).toBe("10.120.0.0/16");
    expect(admittedHubCidr({ cidr: "10.120.0.0/16" })).toBe("10.120.0.0/16");
  });
});

describe("the derived organization", () => {
  describe("by default", () => {
    const org = loadChanged();

    it("has spokes admit management's VPN server alone to their cluster API and data tier", () => {
      for (const spoke of ["production", "development"]) {
        expect(environmentByName(org, spoke).inboundPeers).toEqual([{ name: "management", cidr: "10.120.192.10/32", dataTierCidrs: ["10.120.192.10/32"] }]);
      }
    });

    it("routes management's public tier to its peers, where the server forwards client traffic from", () => {
      expect(environmentByName(org, "management").routePublicToPeers).toBe(true);
      expect(environmentByName(org, "production").routePublicToPeers).toBe(false);
    });
  });

  describe("with spokeAccess wholeHub", () => {
    it("has spokes admit management's whole VPC, as without a VPN", () => {
      const org = loadChanged((f) => (f.environments.management.vpn.spokeAccess = "wholeHub"));
      expect(environmentByName(org, "production").inboundPeers).toEqual([{ name: "management", cidr: "10.120.0.0/16", dataTierCidrs: ["10.120.0.0/16"] }]);
    });
  });

  describe("without a vpn block", () => {
    it("keeps management's public tier unrouted, the spokes' cluster API admitting its VPC and their data tier its private subnets", () => {
      const org = loadChanged((f) => delete f.environments.management.vpn);
      expect(environmentByName(org, "management").vpn).toBeUndefined();
      expect(environmentByName(org, "management").routePublicToPeers).toBe(false);
      expect(environmentByName(org, "development").inboundPeers).toEqual([{ name: "management", cidr: "10.120.0.0/16", dataTierCidrs: ["10.120.0.0/19", "10.120.32.0/19"] }]);
    });
  });
});
