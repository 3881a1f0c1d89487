import { environmentByName } from "../../src/model/org";
import { loadChanged } from "../../test-helpers/model-fixtures";

describe("the derived organization model", () => {
  const org = loadChanged();

  describe("the default organization", () => {
    it("keeps environments in file order", () => {
      expect(org.environments.map((e) => e.name)).toEqual(["management", "production", "development"]);
    });

    it("plans one subnet of each tier per AZ, and a control-plane /28 per AZ for the cluster", () => {
      const production = environmentByName(org, "production");
      expect(production.subnets).toEqual([
        { az: "us-east-1a", azSuffix: "a", private: "10.130.0.0/19", public: "10.130.192.0/22", persistence: "10.130.224.0/22", controlPlane: "10.130.216.0/28" },
        { az: "us-east-1b", azSuffix: "b", private: "10.130.32.0/19", public: "10.130.196.0/22", persistence: "10.130.228.0/22", controlPlane: "10.130.216.16/28" },
        { az: "us-east-1c", azSuffix: "c", private: "10.130.64.0/19", public: "10.130.200.0/22", persistence: "10.130.232.0/22", controlPlane: "10.130.216.32/28" },
      ]);
    });

    it("plans no control-plane subnet in an environment without a cluster", () => {
      const management = environmentByName(org, "management");
      expect(management.subnets.map((s) => "controlPlane" in s)).toEqual([false, false]);
    });

    it("assumes the deploy role in each environment's own account", () => {
      expect(environmentByName(org, "development").deployRoleArn).toBe("arn:aws:iam::333333333333:role/OrganizationAccountAccessRole");
    });

    it("keeps the public zone's account and assumes the deploy role there to reach it", () => {
      expect(org.dns).toMatchObject({
        publicZone: "acme.example.com",
        publicZoneAccountId: "111111111111",
        publicZoneRoleArn: "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole",
      });
    });

    it("makes management the requester of a cross-account peering with each spoke", () => {
      expect(org.peerings).toEqual([
        { id: "management-production", requester: "management", accepter: "production", crossAccount: true, crossRegion: false },
        { id: "management-development", requester: "management", accepter: "development", crossAccount: true, crossRegion: false },
      ]);
    });

    it("lets the hub reach each spoke, never the spokes each other", () => {
      expect(environmentByName(org, "production").inboundPeers).toEqual([{ name: "management", cidr: "10.120.0.0/16" }]);
      expect(environmentByName(org, "management").inboundPeers).toEqual([]);
      expect(environmentByName(org, "management").peers).toEqual(["production", "development"]);
      expect(environmentByName(org, "production").peers).toEqual(["management"]);
    });

    it("makes the deploy role a cluster admin, since the platform stack authenticates as it", () => {
      expect(environmentByName(org, "production").eks?.admins).toEqual([
        "arn:aws:iam::111111111111:role/platform-admin",
        "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole",
      ]);
    });

    it("names the internal zone after the environment", () => {
      expect(environmentByName(org, "production").internalZoneName).toBe("production.acme.internal");
    });

    it("treats production as production and gives it three ingress replicas", () => {
      expect(environmentByName(org, "production").production).toBe(true);
      expect(environmentByName(org, "production").platform?.ingress.replicas).toBe(3);
      expect(environmentByName(org, "development").platform?.ingress.replicas).toBe(1);
    });

    it("tags every resource with organization, environment and managed-by", () => {
      expect(environmentByName(org, "development").tags).toEqual({ organization: "acme", environment: "development", "managed-by": "cdktf" });
    });

    it("uses S3 lockfile locking with no lock table", () => {
      expect(org.state.locking).toBe("lockfile");
      expect(org.state.lockTable).toBeUndefined();
    });

    it("is frozen all the way down", () => {
      const production = environmentByName(org, "production");
      expect(Object.isFrozen(org)).toBe(true);
      expect(Object.isFrozen(production.subnets[0])).toBe(true);
      expect(Object.isFrozen(production.eks!.nodeGroups[0].instanceTypes)).toBe(true);
    });
  });

  describe("options", () => {
    it("names a lock table when locking is dynamodb", () => {
      expect(loadChanged((f) => (f.state.locking = "dynamodb")).state.lockTable).toBe("acme-terraform-locks");
    });

    it("uses ambient credentials, still pinned to the account, when asked", () => {
      const env = environmentByName(loadChanged((f) => (f.environments.management.ambientCredentials = true)), "management");
      expect(env.deployRoleArn).toBeUndefined();
      expect(env.accountId).toBe("111111111111");
    });

    it("builds the zone account's role from deployRoleName, in the organization's partition", () => {
      const edited = loadChanged((f) => (f.deployRoleName = "platform-deploy"));
      expect(edited.dns.publicZoneRoleArn).toBe("arn:aws:iam::111111111111:role/platform-deploy");
    });

    it("has no zone role when the file names no zone account", () => {
      const edited = loadChanged((f) => {
        delete f.dns.publicZoneAccountId;
        for (const env of Object.values<any>(f.environments)) {
          delete env.eks;
          delete env.platform;
        }
      });
      expect(edited.dns.publicZoneAccountId).toBeUndefined();
      expect(edited.dns.publicZoneRoleArn).toBeUndefined();
    });

    it("takes explicit subnets over the plan", () => {
      const env = environmentByName(
        loadChanged((f) => (f.environments.management.subnets = { public: ["10.120.250.0/24", "10.120.251.0/24"] })),
        "management",
      );
      expect(env.subnets.map((s) => s.public)).toEqual(["10.120.250.0/24", "10.120.251.0/24"]);
      expect(env.subnets[0].private).toBe("10.120.0.0/19");
    });

    it("takes explicit control-plane subnets over the plan", () => {
      const env = environmentByName(
        loadChanged((f) => (f.environments.development.subnets = { controlPlane: ["10.110.250.0/28", "10.110.250.16/28"] })),
        "development",
      );
      expect(env.subnets.map((s) => s.controlPlane)).toEqual(["10.110.250.0/28", "10.110.250.16/28"]);
    });

    it("marks an edge cross-region when the spoke has its own region", () => {
      const edited = loadChanged((f) => {
        f.environments.development.region = "us-west-2";
        f.environments.development.azs = ["us-west-2a", "us-west-2b"];
      });
      expect(edited.peerings.find((e) => e.accepter === "development")).toMatchObject({ crossRegion: true });
    });

    it("adds the file's tags but never lets them override organization, environment or managed-by", () => {
      const env = environmentByName(
        loadChanged((f) => {
          f.tags = { "cost-center": "platform", "managed-by": "someone" };
          f.environments.development.tags = { environment: "dev", team: "apps" };
        }),
        "development",
      );
      expect(env.tags).toEqual({ "cost-center": "platform", team: "apps", organization: "acme", environment: "development", "managed-by": "cdktf" });
    });

    it("gives a cluster the platform defaults when the file has no platform block", () => {
      const env = environmentByName(loadChanged((f) => delete f.environments.development.platform), "development");
      expect(env.platform).toEqual({ ingress: { controller: "ingress-nginx", replicas: 1 }, externalDns: { policy: "upsert-only" }, namespaces: [] });
    });
  });
});
