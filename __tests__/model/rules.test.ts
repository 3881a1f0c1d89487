import { loadOrgText } from "../../src/model/load";
import { nodeGroupNamePrefix } from "../../src/model/naming";
import { changedFile, loadChanged, problemsOfChanged as problemsOf } from "../../test-helpers/model-fixtures";

/** The single problem of a change, asserting there is exactly one. */
function problemOf(change: (file: any) => void): string {
  const problems = problemsOf(change);
  expect(problems).toHaveLength(1);
  return problems[0];
}

describe("environments file rules", () => {
  describe("the default organization", () => {
    it("loads without problems", () => {
      expect(() => loadChanged()).not.toThrow();
    });
  });

  describe("unknown keys", () => {
    it("names the key and suggests the closest known one", () => {
      expect(problemOf((f) => (f.environments.production.cidrs = "10.0.0.0/16"))).toMatch(
        /^environments\.production\.cidrs \(line \d+\): unknown key "cidrs"; did you mean "cidr"\?/,
      );
    });

    it("lists the allowed keys when nothing is close", () => {
      expect(problemOf((f) => (f.dns.zzzzzzzz = true))).toMatch(/dns\.zzzzzzzz.*allowed keys: publicZone, publicZoneId, publicZoneAccountId, internalDomain/);
    });

    it("catches misspelled keys deep inside node groups", () => {
      expect(problemOf((f) => (f.environments.production.eks.nodeGroups[0].lables = { a: "b" }))).toMatch(
        /nodeGroups\[0\]\.lables.*did you mean "labels"/,
      );
    });
  });

  describe("CIDRs", () => {
    it("rejects a CIDR that is not an address", () => {
      expect(problemOf((f) => (f.environments.production.cidr = "10.300.0.0/16"))).toMatch(
        /environments\.production\.cidr.*10\.300\.0\.0\/16 is not a valid IPv4 CIDR/,
      );
    });

    it("rejects host bits and says which network was meant", () => {
      expect(problemOf((f) => (f.environments.production.cidr = "10.130.1.0/16"))).toMatch(/did you mean 10\.130\.0\.0\/16\?/);
    });

    it("rejects a VPC larger than /16 or smaller than the plan fits", () => {
      expect(problemOf((f) => (f.environments.production.cidr = "10.0.0.0/8"))).toMatch(/is a \/8; a VPC CIDR must be \/16 to \/22/);
      expect(problemOf((f) => (f.environments.production.cidr = "10.130.0.0/24"))).toMatch(/is a \/24/);
    });

    it("rejects a CIDR that overlaps the environment it peers with", () => {
      expect(problemOf((f) => (f.environments.production.cidr = "10.120.0.0/16"))).toMatch(
        /^environments\.production\.cidr \(line \d+\): 10\.120\.0\.0\/16 overlaps management \(10\.120\.0\.0\/16\), which it peers with; pick a range outside it$/,
      );
    });

    it("rejects two spokes that overlap behind the same hub, naming both", () => {
      expect(problemOf((f) => (f.environments.development.cidr = "10.130.0.0/16"))).toMatch(
        /environments\.development\.cidr.*10\.130\.0\.0\/16 overlaps production \(10\.130\.0\.0\/16\); both are routed through management/,
      );
    });

    it("rejects overlapping VPCs that are not peered at all", () => {
      const problem = problemOf((f) => {
        f.environments.sandbox = { accountId: "444444444444", cidr: "10.110.128.0/17", azs: ["us-east-1a"] };
      });
      expect(problem).toMatch(/environments\.sandbox\.cidr.*overlaps development \(10\.110\.0\.0\/16\); every VPC of the organization needs its own range/);
    });
  });

  describe("NAT", () => {
    it("rejects internet access for the persistence tier without a NAT gateway", () => {
      expect(
        problemOf((f) => {
          f.environments.management.nat = "none";
          f.environments.management.persistenceInternetAccess = true;
        }),
      ).toMatch(/environments\.management\.persistenceInternetAccess.*no NAT gateway to route through/);
    });
  });

  describe("explicit subnets", () => {
    it("rejects a subnet outside the VPC", () => {
      expect(
        problemOf((f) => (f.environments.management.subnets = { public: ["10.120.0.0/24", "10.99.0.0/24"] })),
      ).toMatch(/environments\.management\.subnets\.public\[1\].*10\.99\.0\.0\/24 does not fit in the VPC 10\.120\.0\.0\/16/);
    });

    it("rejects overlapping subnets", () => {
      expect(
        problemOf((f) => (f.environments.management.subnets = { public: ["10.120.0.0/24", "10.120.200.0/24"], private: ["10.120.0.0/20", "10.120.16.0/20"] })),
      ).toMatch(/subnets\.private\[0\].*10\.120\.0\.0\/20 overlaps 10\.120\.0\.0\/24 \(environments\.management\.subnets\.public\[0\]\); subnets must not overlap/);
    });

    it("rejects an override that overlaps a planned subnet of another tier", () => {
      expect(problemOf((f) => (f.environments.management.subnets = { public: ["10.120.0.0/24", "10.120.250.0/24"] }))).toMatch(
        /subnets\.public\[0\].*10\.120\.0\.0\/24 overlaps 10\.120\.0\.0\/19, the planned private subnet of us-east-1a/,
      );
    });

    it("compares an override with the planned subnets of each AZ's letter, whatever the order of azs", () => {
      expect(
        problemOf((f) => {
          f.environments.management.azs = ["us-east-1c", "us-east-1a"];
          f.environments.management.subnets = { public: ["10.120.64.0/24", "10.120.250.0/24"] };
        }),
      ).toMatch(/subnets\.public\[0\].*10\.120\.64\.0\/24 overlaps 10\.120\.64\.0\/19, the planned private subnet of us-east-1c/);
    });

    it("needs one subnet per AZ", () => {
      expect(problemOf((f) => (f.environments.management.subnets = { public: ["10.120.0.0/24"] }))).toMatch(
        /subnets\.public.*has 1 CIDRs for 2 AZs/,
      );
    });
  });

  describe("EKS control-plane subnets", () => {
    it("rejects a cluster AZ whose letter has no control-plane /28 in a small VPC, naming the AZs that fit and how to fix it", () => {
      expect(problemOf((f) => (f.environments.production.cidr = "10.130.0.0/21"))).toMatch(
        /^environments\.production\.azs \(line \d+\): a \/21 VPC has room for planned EKS control-plane subnets \(a \/28 per AZ, placed by AZ letter\) in us-east-1a, us-east-1b only, not in us-east-1c; list only AZs among us-east-1a, us-east-1b, use a VPC of \/20 or larger, or place them yourself with subnets\.controlPlane$/,
      );
    });

    it("rejects a /22 cluster VPC, which has a control-plane /28 for us-east-1a only", () => {
      expect(problemOf((f) => (f.environments.development.cidr = "10.110.0.0/22"))).toMatch(
        /environments\.development\.azs.*a \/22 VPC has room for planned EKS control-plane subnets \(a \/28 per AZ, placed by AZ letter\) in us-east-1a only, not in us-east-1b; use a VPC of \/21 or larger/,
      );
    });

    it("rejects two AZs in a /21 when one is past b, though the VPC has two /28s: lending c b's would move a subnet once b is listed", () => {
      expect(
        problemOf((f) => {
          f.environments.development.cidr = "10.110.0.0/21";
          f.environments.development.azs = ["us-east-1a", "us-east-1c"];
        }),
      ).toMatch(/environments\.development\.azs.*in us-east-1a, us-east-1b only, not in us-east-1c; list only AZs among us-east-1a, us-east-1b, use a VPC of \/20 or larger/);
    });

    it("asks for the VPC size that fits the highest letter", () => {
      expect(
        problemOf((f) => {
          f.environments.development.cidr = "10.110.0.0/20";
          f.environments.development.azs = ["us-east-1f", "us-east-1e", "us-east-1a"];
        }),
      ).toMatch(/a \/20 VPC has room .* in us-east-1a, us-east-1b, us-east-1c, us-east-1d only, not in us-east-1f, us-east-1e; .*use a VPC of \/19 or larger/);
    });

    it("accepts a small cluster VPC whose AZs are all within its control-plane letters, in any order", () => {
      const org = loadChanged((f) => {
        f.environments.development.cidr = "10.110.0.0/20";
        f.environments.development.azs = ["us-east-1d", "us-east-1b"];
      });
      expect(org.environments.find((e) => e.name === "development")?.subnets.map((s) => s.controlPlane)).toEqual(["10.110.13.176/28", "10.110.13.144/28"]);
    });

    it("accepts a /21 cluster VPC with two AZs, and a /22 VPC without a cluster", () => {
      expect(() =>
        loadChanged((f) => {
          f.environments.development.cidr = "10.110.0.0/21";
          f.environments.management.cidr = "10.120.0.0/22";
        }),
      ).not.toThrow();
    });

    it("accepts explicit control-plane subnets where the plan has no room", () => {
      const org = loadChanged((f) => {
        f.environments.production.cidr = "10.130.0.0/21";
        // Free 64ths of a /21 (each a /27): 55, 62 and 63.
        f.environments.production.subnets = { controlPlane: ["10.130.6.224/28", "10.130.6.240/28", "10.130.7.192/28"] };
      });
      expect(org.environments.find((e) => e.name === "production")?.subnets.map((s) => s.controlPlane)).toEqual([
        "10.130.6.224/28",
        "10.130.6.240/28",
        "10.130.7.192/28",
      ]);
    });

    it("rejects an explicit control-plane subnet outside the VPC", () => {
      expect(
        problemOf((f) => (f.environments.development.subnets = { controlPlane: ["10.110.250.0/28", "10.99.0.0/28"] })),
      ).toMatch(/environments\.development\.subnets\.controlPlane\[1\].*10\.99\.0\.0\/28 does not fit in the VPC 10\.110\.0\.0\/16/);
    });

    it("rejects an explicit control-plane subnet larger than /24", () => {
      expect(
        problemOf((f) => (f.environments.development.subnets = { controlPlane: ["10.110.250.0/28", "10.110.252.0/23"] })),
      ).toMatch(/subnets\.controlPlane\[1\].*10\.110\.252\.0\/23 is a \/23; a control-plane subnet must be \/28 to \/24/);
    });

    it("needs one explicit control-plane subnet per AZ", () => {
      expect(problemOf((f) => (f.environments.development.subnets = { controlPlane: ["10.110.250.0/28"] }))).toMatch(
        /subnets\.controlPlane.*has 1 CIDRs for 2 AZs/,
      );
    });

    it("rejects an explicit control-plane subnet inside a planned subnet of another tier", () => {
      expect(
        problemOf((f) => (f.environments.development.subnets = { controlPlane: ["10.110.250.0/28", "10.110.32.0/28"] })),
      ).toMatch(
        /subnets\.controlPlane\[1\].*10\.110\.32\.0\/28 overlaps 10\.110\.32\.0\/19, the planned private subnet of us-east-1b; subnets must not overlap/,
      );
    });

    it("rejects an explicit subnet of another tier over planned control-plane subnets, once", () => {
      expect(
        problemOf((f) => (f.environments.development.subnets = { public: ["10.110.216.0/24", "10.110.217.0/24"] })),
      ).toMatch(
        /subnets\.public\[0\].*10\.110\.216\.0\/24 overlaps 10\.110\.216\.0\/28, the planned EKS control-plane subnet of us-east-1a; .*subnets\.controlPlane/,
      );
    });

    it("rejects two explicit subnets that overlap, control plane included", () => {
      expect(
        problemOf((f) => (f.environments.development.subnets = { public: ["10.110.192.0/24", "10.110.193.0/24"], controlPlane: ["10.110.193.0/28", "10.110.250.0/28"] })),
      ).toMatch(/subnets\.controlPlane\[0\].*10\.110\.193\.0\/28 overlaps 10\.110\.193\.0\/24 \(environments\.development\.subnets\.public\[1\]\); subnets must not overlap/);
    });

    it("rejects control-plane subnets in an environment without a cluster", () => {
      expect(
        problemOf((f) => (f.environments.management.subnets = { controlPlane: ["10.120.216.0/28", "10.120.216.16/28"] })),
      ).toMatch(/environments\.management\.subnets\.controlPlane.*no eks block; control-plane subnets exist only for a cluster/);
    });
  });

  describe("availability zones", () => {
    it("rejects a Local Zone or Wavelength Zone, which the plan does not serve", () => {
      expect(problemOf((f) => (f.environments.management.azs = ["us-east-1a", "us-east-1-bos-1a"]))).toMatch(
        /^environments\.management\.azs\[1\] \(line \d+\): us-east-1-bos-1a is a Local Zone or Wavelength Zone; the subnet plan serves the region's availability zones only, so list names like us-east-1a, us-east-1b$/,
      );
      expect(problemOf((f) => (f.environments.management.azs = ["us-east-1a", "us-east-1-wl1-bos-wlz-1"]))).toMatch(/us-east-1-wl1-bos-wlz-1 is a Local Zone or Wavelength Zone/);
    });

    it("rejects an AZ past f unless the file places its subnets, naming the lists to give", () => {
      expect(problemOf((f) => (f.environments.management.azs = ["us-east-1a", "us-east-1g"]))).toMatch(
        /^environments\.management\.azs\[1\] \(line \d+\): us-east-1g has no slot in the subnet plan, which places subnets by AZ letter, us-east-1a to us-east-1f; use one of those AZs, or give this environment explicit subnets\.public, subnets\.private, subnets\.persistence \(one CIDR per AZ, in azs order\)$/,
      );
    });

    it("names only the lists still missing for an AZ past f, the control plane's included for a cluster", () => {
      expect(
        problemOf((f) => {
          f.environments.development.azs = ["us-east-1a", "us-east-1h"];
          f.environments.development.subnets = { public: ["10.110.192.0/22", "10.110.196.0/22"] };
        }),
      ).toMatch(/environments\.development\.azs\[1\].*us-east-1h has no slot .*explicit subnets\.private, subnets\.persistence, subnets\.controlPlane \(/);
    });

    it("accepts an AZ past f when every tier is placed by the file", () => {
      expect(() =>
        loadChanged((f) => {
          f.environments.management.azs = ["us-east-1g"];
          f.environments.management.subnets = { public: ["10.120.192.0/22"], private: ["10.120.0.0/19"], persistence: ["10.120.224.0/22"] };
        }),
      ).not.toThrow();
    });

    it("rejects an AZ outside the region", () => {
      expect(problemOf((f) => (f.environments.management.azs = ["us-east-1a", "eu-west-1b"]))).toMatch(
        /environments\.management\.azs\[1\].*eu-west-1b is not an availability zone of us-east-1/,
      );
    });

    it("rejects an AZ listed twice", () => {
      expect(problemOf((f) => (f.environments.management.azs = ["us-east-1a", "us-east-1a"]))).toMatch(/us-east-1a is listed twice/);
    });

    it("needs two AZs for EKS", () => {
      expect(problemOf((f) => (f.environments.development.azs = ["us-east-1a"]))).toMatch(
        /environments\.development\.azs.*EKS needs subnets in at least two AZs/,
      );
    });
  });

  describe("accounts", () => {
    it("rejects an unquoted account id, explaining the lost leading zeros", () => {
      expect(problemOf((f) => (f.environments.production.accountId = 22222222222))).toMatch(
        /environments\.production\.accountId.*22222222222: must be a quoted string of 12 digits.*drops leading zeros/,
      );
    });

    it("rejects an account id that is not 12 digits", () => {
      expect(problemOf((f) => (f.environments.production.accountId = "2222"))).toMatch(/accountId.*"2222": must be exactly 12 digits/);
    });

    it("rejects a deploy role of another account", () => {
      expect(problemOf((f) => (f.environments.production.deployRoleArn = "arn:aws:iam::999999999999:role/deploy"))).toMatch(
        /deployRoleArn.*not in the environment's account 222222222222/,
      );
    });

    it("requires an account id", () => {
      expect(problemOf((f) => delete f.environments.production.accountId)).toMatch(/environments\.production\.accountId.*is required/);
    });
  });

  describe("names and AWS limits", () => {
    it("rejects an organization that is not a DNS label", () => {
      expect(problemOf((f) => (f.organization = "Acme_Corp"))).toMatch(/^organization.*"Acme_Corp".*DNS label/);
    });

    it("rejects an IAM role name over 64 characters", () => {
      const problems = problemsOf((f) => {
        f.organization = "a-very-long-organization-name-xx";
        f.environments["production-primary"] = f.environments.production;
        delete f.environments.production;
      });
      // Each environment reports its longest role name: development's records role in the zone account is one too long.
      expect(problems).toEqual([
        expect.stringMatching(/^environments\.development.*IAM role name a-very-long-organization-name-xx-development-external-dns-records is 65 characters/),
        expect.stringMatching(
          /^environments\.production-primary.*IAM role name a-very-long-organization-name-xx-production-primary-external-dns-records is 72 characters, over IAM's 64/,
        ),
      ]);
    });

    it("checks the ExternalDNS records role of a cluster outside the zone's account", () => {
      // A 45-character prefix: "-irsa-external-dns" fits (63), "-external-dns-records" does not (66).
      const problem = problemOf((f) => {
        f.organization = "an-organization-name-of-30-chr";
        f.environments["production-eu1"] = f.environments.production;
        delete f.environments.production;
      });
      expect(problem).toMatch(
        /environments\.production-eu1.*IAM role name an-organization-name-of-30-chr-production-eu1-external-dns-records is 66 characters, over IAM's 64/,
      );
    });

    it("does not count the records role for a cluster in the zone's account", () => {
      expect(() =>
        loadChanged((f) => {
          f.organization = "an-organization-name-of-30-chr";
          f.environments["production-eu1"] = { ...f.environments.production, accountId: f.dns.publicZoneAccountId };
          delete f.environments.production;
        }),
      ).not.toThrow();
    });

    it("rejects a state bucket that breaks S3 naming", () => {
      expect(problemOf((f) => (f.state.bucket = "Acme_State"))).toMatch(/state\.bucket.*"Acme_State" may hold only lowercase letters/);
      expect(problemOf((f) => (f.state.bucket = "ab"))).toMatch(/state\.bucket.*must be 3-63 characters long \(it is 2\)/);
    });

    it("rejects a state bucket whose access-log bucket would be too long", () => {
      expect(problemOf((f) => (f.state.bucket = "a".repeat(60)))).toMatch(/access-log bucket derived from it.*must be 3-63 characters/);
    });

    it("rejects an environment name that is not a DNS label", () => {
      const problems = problemsOf((f) => {
        f.environments.Prod_1 = f.environments.development;
        delete f.environments.development;
      });
      expect(problems.join("\n")).toMatch(/environments\.Prod_1.*DNS label/);
    });
  });

  describe("node groups", () => {
    it("rejects min greater than max", () => {
      expect(problemOf((f) => (f.environments.production.eks.nodeGroups[0].min = 12))).toMatch(
        /nodeGroups\[0\]\.min.*min 12 is greater than max 9; make min <= max/,
      );
    });

    it("rejects a desired size outside min..max", () => {
      expect(problemOf((f) => (f.environments.production.eks.nodeGroups[0].desired = 1))).toMatch(
        /nodeGroups\[0\]\.desired.*desired 1 is outside min 3 \.\. max 9/,
      );
    });

    it("rejects an instance type that is not one", () => {
      expect(problemOf((f) => (f.environments.production.eks.nodeGroups[0].instanceTypes = ["m6i-large"]))).toMatch(
        /instanceTypes\[0\].*"m6i-large".*EC2 instance type/,
      );
    });

    it("rejects two node groups with one name", () => {
      expect(
        problemOf((f) => f.environments.production.eks.nodeGroups.push({ ...f.environments.production.eks.nodeGroups[0] })),
      ).toMatch(/nodeGroups\[1\]\.name.*"general" is used twice/);
    });

    it("accepts the longest node group name the schema allows: its prefix leaves room for the replacement's suffix", () => {
      const longest = "g".repeat(32);
      expect(() => loadChanged((f) => (f.environments.production.eks.nodeGroups[0].name = longest))).not.toThrow();
      expect(nodeGroupNamePrefix(longest).length + 26).toBeLessThanOrEqual(63);
    });
  });

  describe("lists whose entries become resources keyed by their value", () => {
    it.each([
      ["apiAccessCidrs", "10.50.0.0/16"],
      ["publicAccessCidrs", "203.0.113.0/24"],
      ["readOnly", "arn:aws:iam::222222222222:role/developer"],
      ["admins", "arn:aws:iam::222222222222:role/platform-admin"],
    ])("rejects a value listed twice in eks.%s, naming the first", (list, value) => {
      expect(problemOf((f) => (f.environments.production.eks[list] = [value, value]))).toMatch(
        new RegExp(`eks\\.${list}\\[1\\].*${value.replace(/[./]/g, "\\$&")} is listed twice \\(first at eks\\.${list}\\[0\\]\\); list it once`),
      );
    });
  });

  describe("EKS", () => {
    it("rejects an unsupported Kubernetes version and lists the supported ones", () => {
      expect(problemOf((f) => (f.environments.production.eks.version = "1.20"))).toMatch(
        /eks\.version.*"1\.20" is not a supported Kubernetes version; use one of 1\.\d+/,
      );
    });

    it("rejects an unquoted version that YAML read as a number", () => {
      expect(problemOf((f) => (f.environments.production.eks.version = 1.3))).toMatch(/eks\.version.*1\.3/);
    });

    it("requires at least one admin, since the creator is not bootstrapped as admin", () => {
      expect(problemOf((f) => (f.environments.production.eks.admins = []))).toMatch(/eks\.admins.*nobody could reach the cluster/);
    });

    it("rejects a malformed admin ARN", () => {
      expect(problemOf((f) => (f.environments.production.eks.admins = ["platform-admin"]))).toMatch(
        /eks\.admins\[0\].*IAM role or user ARN/,
      );
    });

    it("rejects a principal that is both admin and read-only", () => {
      expect(
        problemOf((f) => (f.environments.production.eks.readOnly = ["arn:aws:iam::111111111111:role/platform-admin"])),
      ).toMatch(/eks\.readOnly\[0\].*platform-admin/);
    });

    it("rejects a public endpoint open to the internet", () => {
      expect(problemOf((f) => (f.environments.production.eks.publicAccessCidrs = ["0.0.0.0/0"]))).toMatch(
        /eks\.publicAccessCidrs\[0\].*0\.0\.0\.0\/0 opens the Kubernetes API to the whole internet/,
      );
    });

    it("requires the public zone id that scopes ExternalDNS", () => {
      expect(problemOf((f) => delete f.dns.publicZoneId)).toMatch(/dns\.publicZoneId.*is missing; environments with eks run ExternalDNS/);
    });

    it("requires the account that owns the public zone, saying why", () => {
      expect(problemOf((f) => delete f.dns.publicZoneAccountId)).toMatch(
        /^dns\.publicZoneAccountId.*is missing; environments with eks run ExternalDNS, and a hosted zone can only be changed from its own account.*record-changing role must live in the account that owns acme\.example\.com/,
      );
    });

    it("does not require the zone's account when no environment has eks", () => {
      expect(() =>
        loadChanged((f) => {
          delete f.dns.publicZoneAccountId;
          delete f.dns.publicZoneId;
          for (const env of Object.values<any>(f.environments)) {
            delete env.eks;
            delete env.platform;
          }
        }),
      ).not.toThrow();
    });

    it("rejects a zone account that is not a quoted 12-digit string", () => {
      expect(problemOf((f) => (f.dns.publicZoneAccountId = 111111111111))).toMatch(/^dns\.publicZoneAccountId.*must be a quoted string of 12 digits/);
      expect(problemOf((f) => (f.dns.publicZoneAccountId = "1111"))).toMatch(/^dns\.publicZoneAccountId.*must be exactly 12 digits/);
    });

    it("rejects a platform block without a cluster", () => {
      expect(problemOf((f) => (f.environments.management.platform = {}))).toMatch(/environments\.management\.platform.*needs an eks block/);
    });

    it("rejects an application namespace the platform or Kubernetes owns", () => {
      expect(problemOf((f) => (f.environments.production.platform.namespaces = [{ name: "ingress-nginx" }]))).toMatch(
        /platform\.namespaces\[0\]\.name.*ingress-nginx is reserved for Kubernetes or the platform.*pick another name/,
      );
    });

    it("rejects a namespace listed twice", () => {
      expect(problemOf((f) => (f.environments.production.platform.namespaces = [{ name: "apps" }, { name: "apps" }]))).toMatch(
        /platform\.namespaces\[1\]\.name.*apps is listed twice/,
      );
    });

    it("needs two ingress replicas in production", () => {
      expect(problemOf((f) => (f.environments.production.platform.ingress = { replicas: 1 }))).toMatch(
        /platform\.ingress\.replicas.*production needs at least 2/,
      );
    });
  });

  describe("peering", () => {
    it("rejects a peer that does not exist and lists the ones that do", () => {
      expect(problemOf((f) => (f.environments.production.peers = ["managment"]))).toMatch(
        /environments\.production\.peers\[0\].*managment is not an environment of this file; use one of management, development/,
      );
    });

    it("rejects self-peering", () => {
      expect(problemOf((f) => (f.environments.production.peers = ["production"]))).toMatch(/production lists itself/);
    });

    it("rejects a peering declared on both sides", () => {
      expect(problemOf((f) => (f.environments.management.peers = ["production"]))).toMatch(
        /production <-> management is already declared at environments\.management\.peers\[0\]; declare each peering once/,
      );
    });
  });

  describe("all problems at once", () => {
    it("reports every rule violation of the file in one error", () => {
      const problems = problemsOf((f) => {
        f.environments.production.eks.nodeGroups[0].min = 12;
        f.environments.development.azs = ["us-east-1a"];
        f.environments.production.peers = ["nowhere"];
      });
      expect(problems).toHaveLength(3);
    });

    it("reports every schema violation of the file in one error", () => {
      const problems = problemsOf((f) => {
        f.regoin = "us-east-1";
        f.environments.production.nat = "perAZ";
        f.environments.development.accountId = 333333333333;
      });
      expect(problems).toHaveLength(3);
      expect(problems.join("\n")).toMatch(/nat.*"perAZ"/);
    });

    it("gives YAML syntax errors with their line", () => {
      expect(() => loadOrgText("organization: acme\nregion: [us-east-1\n", "broken.yaml")).toThrow(/broken\.yaml: 1 problem.*\n.*line \d+, column \d+: Flow sequence/);
    });
  });

  describe("environment names that collide with a stack name", () => {
    /** Renames management (the hub) to `name`, peers included. */
    const renameHub = (name: string) => (f: any) => {
      f.environments[name] = f.environments.management;
      delete f.environments.management;
      for (const env of Object.values(f.environments) as any[]) env.peers = env.peers?.map((p: string) => (p === "management" ? name : p));
    };

    it.each([
      ["state", "the state stack (the S3 state bucket)"],
      ["peering", "the peering stack (the peering connections and their routes)"],
      ["dns", "the dns stack (ExternalDNS's roles in the public zone's account)"],
    ])("rejects an environment named %s at its own line", (name, what) => {
      const text = changedFile(renameHub(name));
      const line = text.split("\n").indexOf(`  ${name}:`) + 1;
      expect(problemOf(renameHub(name))).toBe(
        `environments.${name} (line ${line}): the name "${name}" is taken by ${what}, and every environment gets a stack named after it; rename this environment`,
      );
    });

    it("rejects an environment named like the platform stack of an environment with a cluster", () => {
      expect(problemOf((f) => (f.environments["production-platform"] = { ...f.environments.management, cidr: "10.140.0.0/16" }))).toMatch(
        /^environments\.production-platform \(line \d+\): the name "production-platform" is taken by the platform stack of production's cluster \(its add-ons\), and every environment gets a stack named after it; rename this environment$/,
      );
    });

    it("accepts that name next to an environment without a cluster", () => {
      const org = loadChanged((f) => (f.environments["management-platform"] = { ...f.environments.management, cidr: "10.140.0.0/16" }));
      expect(org.environments.map((e) => e.name)).toContain("management-platform");
    });
  });

  describe("warnings", () => {
    it("warns when log retention is below 365 days", () => {
      const org = loadChanged((f) => (f.environments.management.logRetentionDays = 90));
      expect(org.warnings).toContainEqual(
        expect.objectContaining({ path: "environments.management.logRetentionDays", stack: "management", message: expect.stringMatching(/below the 365-day/) }),
      );
    });

    it("warns that ingress-nginx is retired on every platform stack that uses it", () => {
      const org = loadChanged();
      const retired = org.warnings.filter((w) => /retired upstream on 2026-03-24/.test(w.message));
      expect(retired.map((w) => w.stack).sort()).toEqual(["development-platform", "production-platform"]);
    });

    it("does not warn about ingress-nginx when another controller is chosen", () => {
      const org = loadChanged((f) => (f.environments.production.platform.ingress = { controller: "none" }));
      expect(org.warnings.filter((w) => w.stack === "production-platform" && /ingress-nginx/.test(w.message))).toHaveLength(0);
    });

    it("warns past AWS's peering quota of 50 per VPC, pointing to Transit Gateway", () => {
      const text = changedFile((f) => {
        for (let i = 0; i < 51; i++) {
          f.environments[`spoke${i}`] = { accountId: "444444444444", cidr: `10.${i}.0.0/16`, azs: ["us-east-1a"], peers: ["management"] };
        }
      });
      const org = loadOrgText(text);
      expect(org.warnings).toContainEqual(
        expect.objectContaining({ stack: "peering", message: expect.stringMatching(/management has 53 peering connections.*Transit Gateway \(connectivity: transitGateway\)/) }),
      );
    });

    it("does not warn about the peering quota with a Transit Gateway, which has no peering connections", () => {
      const text = changedFile((f) => {
        f.connectivity = "transitGateway";
        for (let i = 0; i < 51; i++) {
          f.environments[`spoke${i}`] = { accountId: "444444444444", cidr: `10.${i}.0.0/16`, azs: ["us-east-1a"], peers: ["management"] };
        }
      });
      expect(loadOrgText(text).warnings.filter((w) => w.stack === "peering")).toEqual([]);
    });
  });
});
