import { overlaps } from "../../src/model/cidr";
import { deriveOrg } from "../../src/model/derive";
import { environmentByName, type AzSubnets, type Org } from "../../src/model/org";
import { checkRules } from "../../src/model/rules";
import { environmentsFileSchema, type EnvironmentsFile } from "../../src/model/schema";
import { PLANNED_AZ_LETTERS } from "../../src/model/subnet-plan";
import { defaultFile, loadChanged } from "../../test-helpers/model-fixtures";
import { POSITIONAL_PLAN } from "../../test-helpers/positional-cidr-plan";

/** Every ordering of every non-empty subset of `items` (1,956 for six). */
function orderedSubsets<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  const extend = (prefix: T[], rest: readonly T[]) => {
    rest.forEach((item, i) => {
      const next = [...prefix, item];
      result.push(next);
      extend(next, [...rest.slice(0, i), ...rest.slice(i + 1)]);
    });
  };
  extend([], items);
  return result;
}

/** The default file through the schema once; each call derives a copy changed by `change`, after asserting the rules find no problem. */
const parsedDefault: EnvironmentsFile = environmentsFileSchema.parse(defaultFile());
function deriveChanged(change: (file: EnvironmentsFile) => void): Org {
  const file = structuredClone(parsedDefault);
  change(file);
  const { problems, warnings } = checkRules(file);
  expect(problems).toEqual([]);
  return deriveOrg(file, warnings);
}

/** An AZ's CIDRs without its name, keyed by tier. */
const cidrsOf = ({ az: _az, azSuffix: _suffix, ...cidrs }: AzSubnets) => cidrs;

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
      // The hub is admitted as its VPN server's address (management's VPN has spokeAccess vpn), to the API and the data tier.
      expect(environmentByName(org, "production").inboundPeers).toEqual([{ name: "management", cidr: "10.120.192.10/32", dataTierCidrs: ["10.120.192.10/32"] }]);
      expect(environmentByName(org, "management").inboundPeers).toEqual([]);
      expect(environmentByName(org, "management").peers).toEqual(["production", "development"]);
      expect(environmentByName(org, "production").peers).toEqual(["management"]);
    });

    it("gives the org-wide deploy role no admin entry; the platform stack logs in as a platform-deploy role only the deploy role may assume", () => {
      expect(environmentByName(org, "production").eks?.admins).toEqual(["arn:aws:iam::111111111111:role/platform-admin"]);
      expect(environmentByName(org, "production").eks?.platformDeployRole).toEqual({
        name: "acme-production-platform-deploy",
        arn: "arn:aws:iam::222222222222:role/acme-production-platform-deploy",
        trustedBy: "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole",
      });
    });

    it("keeps the deploy role an admin when the file lists it in eks.admins", () => {
      const deploy = "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole";
      const edited = loadChanged((f) => f.environments.production.eks.admins.push(deploy));
      expect(environmentByName(edited, "production").eks?.admins).toContain(deploy);
    });

    it("protects every environment from destroy unless the file lifts it", () => {
      expect(org.environments.map((e) => e.deletionProtection)).toEqual([true, true, true]);
      const edited = loadChanged((f) => (f.environments.development.deletionProtection = false));
      expect(environmentByName(edited, "development").deletionProtection).toBe(false);
    });

    it("gives the read-only role no extra reads by default", () => {
      expect(environmentByName(org, "production").eks?.readOnlyAlsoReads).toEqual([]);
    });

    it("records a rationale for a public endpoint, the file's or one naming the CIDRs", () => {
      expect(environmentByName(org, "production").eks?.publicAccessRationale).toBeUndefined();
      const generated = loadChanged((f) => (f.environments.production.eks.publicAccessCidrs = ["203.0.113.0/24"]));
      expect(environmentByName(generated, "production").eks?.publicAccessRationale).toBe(
        "environments.production.eks.publicAccessCidrs opens the public API endpoint to 203.0.113.0/24 only (the operator's opt-in in the environments file)",
      );
      const given = loadChanged((f) => {
        f.environments.production.eks.publicAccessCidrs = ["203.0.113.0/24"];
        f.environments.production.eks.publicAccessRationale = "office egress, until the VPN lands";
      });
      expect(environmentByName(given, "production").eks?.publicAccessRationale).toBe("office egress, until the VPN lands");
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
      const org = loadChanged((f) => {
        f.environments.management.ambientCredentials = true;
        // Its state role (and the peering stack's, run by the hub) must then trust a named principal.
        f.state.deployers = { management: "arn:aws:iam::111111111111:role/ci", peering: "arn:aws:iam::111111111111:role/ci" };
      });
      const env = environmentByName(org, "management");
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
      expect(env.platform).toEqual({ ingress: { controller: "ingress-nginx", replicas: 1 }, externalDns: { policy: "upsert-only", domains: ["development.acme.example.com"], excludedDomains: [] }, namespaces: [] });
    });
  });

  describe("the CIDR plan, keyed by AZ letter", () => {
    const production = (org: Org) => environmentByName(org, "production");

    it("keeps us-east-1b's and us-east-1c's subnets where they were when us-east-1d is listed second", () => {
      const before = production(loadChanged()).subnets;
      const after = production(loadChanged((f) => (f.environments.production.azs = ["us-east-1a", "us-east-1d", "us-east-1b", "us-east-1c"]))).subnets;
      expect(after.filter((s) => s.azSuffix !== "d")).toEqual(before);
      expect(after[1]).toEqual({ az: "us-east-1d", azSuffix: "d", private: "10.130.96.0/19", public: "10.130.204.0/22", persistence: "10.130.236.0/22", controlPlane: "10.130.216.48/28" });
    });

    it("keeps us-east-1c's subnets where they were when us-east-1b is removed", () => {
      const before = production(loadChanged()).subnets;
      const after = production(loadChanged((f) => (f.environments.production.azs = ["us-east-1a", "us-east-1c"]))).subnets;
      expect(after).toEqual([before[0], before[2]]);
    });

    it("gives every AZ, in every subset and order of a to f, the subnets of its letter alone, and no two overlap", () => {
      const azs = PLANNED_AZ_LETTERS.map((l) => `us-east-1${l}`);
      const all = deriveChanged((f) => {
        f.environments.management.azs = [...azs];
        f.environments.production.azs = [...azs];
      });
      // The subnets of each letter in the file that lists all six; no two of them overlap, so no two of any subset do.
      const reference = new Map(["management", "production"].map((name) => [name, new Map(environmentByName(all, name).subnets.map((s) => [s.az, cidrsOf(s)]))]));
      for (const [name, byAz] of reference) {
        const cidrs = [...byAz.values()].flatMap((c) => Object.values(c));
        expect(cidrs).toHaveLength(name === "production" ? 24 : 18);
        for (let i = 0; i < cidrs.length; i++) for (let j = i + 1; j < cidrs.length; j++) expect(overlaps(cidrs[i], cidrs[j])).toBe(false);
      }
      const orders = orderedSubsets(azs);
      expect(orders).toHaveLength(1956);
      // One assertion at the end, not thousands in the loop: the mismatches are the finding.
      const rejected: string[] = [];
      const moved: string[] = [];
      let compared = 0;
      for (const order of orders) {
        const file = structuredClone(parsedDefault);
        file.environments.management.azs = [...order];
        // A cluster needs two AZs; with one, production keeps its own.
        if (order.length >= 2) file.environments.production.azs = [...order];
        const { problems, warnings } = checkRules(file);
        if (problems.length > 0) {
          rejected.push(`${order.join(",")}: ${problems[0].message}`);
          continue;
        }
        const org = deriveOrg(file, warnings);
        for (const name of order.length >= 2 ? ["management", "production"] : ["management"]) {
          const subnets = environmentByName(org, name).subnets;
          if (subnets.map((s) => s.az).join() !== order.join()) moved.push(`${name} ${order.join(",")}: AZs out of order`);
          for (const s of subnets) {
            if (JSON.stringify(cidrsOf(s)) !== JSON.stringify(reference.get(name)!.get(s.az))) moved.push(`${name} ${order.join(",")}: ${s.az}`);
          }
          compared += subnets.length;
        }
      }
      expect(rejected).toEqual([]);
      expect(moved).toEqual([]);
      expect(compared).toBe(2 * orders.reduce((n, o) => n + o.length, 0) - 6);
    });

    describe.each(Object.keys(POSITIONAL_PLAN))("a %s VPC whose AZs are a, b, c... in order", (vpc) => {
      const before = POSITIONAL_PLAN[vpc];

      it.each([1, 2, 3, 4, 5, 6])("keeps the CIDRs the position-keyed plan gave %i AZs", (count) => {
        const azs = PLANNED_AZ_LETTERS.slice(0, count).map((l) => `us-east-1${l}`);
        // Production has a cluster: it needs two AZs and a control-plane /28 for each.
        const cluster = count >= 2 && count <= before.controlPlane.length;
        const subject = cluster ? "production" : "management";
        const org = deriveChanged((f) => {
          // The other VPCs move out of the way: no two VPCs of the organization may overlap.
          f.environments.management.cidr = "10.121.0.0/16";
          f.environments.production.cidr = "10.131.0.0/16";
          f.environments[subject].cidr = vpc;
          f.environments[subject].azs = azs;
        });
        const env = environmentByName(org, subject);
        for (const tier of ["private", "public", "persistence"] as const) expect(env.subnets.map((s) => s[tier])).toEqual(before[tier].slice(0, count));
        if (cluster) expect(env.subnets.map((s) => s.controlPlane)).toEqual(before.controlPlane.slice(0, count));
      });
    });

    it("keeps the position-keyed CIDRs of a file listing us-east-1b and us-east-1c when its subnets pin them", () => {
      const old = POSITIONAL_PLAN["10.130.0.0/16"];
      const pinned = production(
        loadChanged((f) => {
          f.environments.production.azs = ["us-east-1b", "us-east-1c"];
          f.environments.production.subnets = {
            private: old.private.slice(0, 2),
            public: old.public.slice(0, 2),
            persistence: old.persistence.slice(0, 2),
            controlPlane: old.controlPlane.slice(0, 2),
          };
        }),
      );
      expect(pinned.subnets).toEqual([
        { az: "us-east-1b", azSuffix: "b", private: "10.130.0.0/19", public: "10.130.192.0/22", persistence: "10.130.224.0/22", controlPlane: "10.130.216.0/28" },
        { az: "us-east-1c", azSuffix: "c", private: "10.130.32.0/19", public: "10.130.196.0/22", persistence: "10.130.228.0/22", controlPlane: "10.130.216.16/28" },
      ]);
    });

    it("moves the subnets of such a file to its letters' slots when nothing pins them", () => {
      const moved = production(loadChanged((f) => (f.environments.production.azs = ["us-east-1b", "us-east-1c"])));
      expect(moved.subnets.map((s) => s.private)).toEqual(["10.130.32.0/19", "10.130.64.0/19"]);
    });

    it("derives an AZ past f from the explicit subnets the rules require for it", () => {
      const env = environmentByName(
        loadChanged((f) => {
          f.environments.management.azs = ["us-east-1a", "us-east-1g"];
          f.environments.management.subnets = {
            private: ["10.120.0.0/19", "10.120.96.0/19"],
            public: ["10.120.192.0/22", "10.120.204.0/22"],
            persistence: ["10.120.224.0/22", "10.120.236.0/22"],
          };
        }),
        "management",
      );
      expect(env.subnets[1]).toEqual({ az: "us-east-1g", azSuffix: "g", private: "10.120.96.0/19", public: "10.120.204.0/22", persistence: "10.120.236.0/22" });
    });
  });

  describe("connectivity", () => {
    it("is peering by default, with no Transit Gateway and no attachment subnets", () => {
      expect(org.connectivity).toBe("peering");
      expect(org.transitGateway).toBeUndefined();
      expect(org.environments.flatMap((e) => e.subnets).some((s) => s.transitGateway !== undefined)).toBe(false);
    });

    describe("with transitGateway", () => {
      const tgw = deriveChanged((f) => void (f.connectivity = "transitGateway"));

      it("puts the gateway in the hub and keeps the peering edges as they are", () => {
        expect(tgw.connectivity).toBe("transitGateway");
        expect(tgw.transitGateway).toEqual({ hub: "management" });
        expect(tgw.peerings).toEqual(org.peerings);
      });

      it("adds an attachment /28 per AZ by letter and moves no other subnet", () => {
        const production = environmentByName(tgw, "production");
        expect(production.subnets.map((s) => s.transitGateway)).toEqual(["10.130.220.0/28", "10.130.220.16/28", "10.130.220.32/28"]);
        expect(production.subnets.map(({ transitGateway: _t, ...rest }) => rest)).toEqual(environmentByName(org, "production").subnets);
      });

      it("carries the organization ARN the share names", () => {
        const shared = deriveChanged((f) => {
          f.connectivity = "transitGateway";
          f.awsOrganizationArn = "arn:aws:organizations::111111111111:organization/o-exampleorg1";
        });
        expect(shared.transitGateway).toEqual({ hub: "management", awsOrganizationArn: "arn:aws:organizations::111111111111:organization/o-exampleorg1" });
      });
    });
  });
});
