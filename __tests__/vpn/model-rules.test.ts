import { loadChanged, problemsOfChanged as problemsOf } from "../../test-helpers/model-fixtures";

/** Changes management's vpn block. */
const vpn = (change: (v: any) => void) => (f: any) => change(f.environments.management.vpn);

describe("checkVpn", () => {
  describe("the default organization", () => {
    it("loads, warning that the admin CIDR is a documentation range nobody connects from", () => {
      const org = loadChanged();
      expect(org.warnings).toContainEqual({
        path: "environments.management.vpn.adminCidrs",
        stack: "management",
        message: expect.stringMatching(/^203\.0\.113\.0\/24 is a documentation range \(RFC 5737\).*replace it with the CIDRs your administrators connect from$/),
      });
    });

    it("stops warning once real admin CIDRs are listed", () => {
      const org = loadChanged(vpn((v) => (v.adminCidrs = ["198.18.10.0/24"])));
      expect(org.warnings.filter((w) => w.path.includes("vpn"))).toEqual([]);
    });
  });

  describe("admin CIDRs", () => {
    it("are required: no world default", () => {
      expect(problemsOf(vpn((v) => delete v.adminCidrs)).join("\n")).toMatch(/environments\.management\.vpn\.adminCidrs.*required/i);
    });

    it("reject an empty list", () => {
      expect(problemsOf(vpn((v) => (v.adminCidrs = []))).join("\n")).toMatch(/vpn\.adminCidrs.*needs at least one CIDR/);
    });

    it("reject 0.0.0.0/0, saying the console would be open to the internet", () => {
      expect(problemsOf(vpn((v) => (v.adminCidrs = ["0.0.0.0/0"])))).toEqual([
        expect.stringMatching(/^environments\.management\.vpn\.adminCidrs\[0\] \(line \d+\): 0\.0\.0\.0\/0 opens the Pritunl web console to the whole internet/),
      ]);
    });

    it("reject a CIDR with host bits, suggesting the network", () => {
      expect(problemsOf(vpn((v) => (v.adminCidrs = ["198.18.10.7/24"])))).toEqual([
        expect.stringMatching(/vpn\.adminCidrs\[0\].*198\.18\.10\.7\/24 is not a network address.*did you mean 198\.18\.10\.0\/24\?/),
      ]);
    });

    it("reject a CIDR listed twice", () => {
      expect(problemsOf(vpn((v) => (v.adminCidrs = ["198.18.10.0/24", "198.18.10.0/24"])))).toEqual([
        expect.stringMatching(/vpn\.adminCidrs\[1\].*198\.18\.10\.0\/24 is listed twice \(first at vpn\.adminCidrs\[0\]\)/),
      ]);
    });
  });

  describe("the AZ", () => {
    it("must be one of the environment's", () => {
      expect(problemsOf(vpn((v) => (v.az = "us-east-1c")))).toEqual([
        expect.stringMatching(/vpn\.az.*us-east-1c is not one of the environment's azs \(us-east-1a, us-east-1b\)/),
      ]);
    });
  });

  describe("pushed routes", () => {
    it("may narrow to part of a peer", () => {
      const org = loadChanged(vpn((v) => (v.routes = ["10.130.16.0/20"])));
      expect(org.environments.find((e) => e.name === "management")!.vpn!.routes).toEqual(["10.130.16.0/20"]);
    });

    it("reject a range outside every network the environment reaches", () => {
      expect(problemsOf(vpn((v) => (v.routes = ["192.168.0.0/16"])))).toEqual([
        expect.stringMatching(/vpn\.routes\[0\].*192\.168\.0\.0\/16 is outside what management reaches \(10\.120\.0\.0\/16, 10\.130\.0\.0\/16, 10\.110\.0\.0\/16\); push only ranges inside/),
      ]);
    });

    it("name an environment the route would reach without a peering", () => {
      const problems = problemsOf((f) => {
        f.environments.staging = { accountId: "444444444444", cidr: "10.140.0.0/16", azs: ["us-east-1a", "us-east-1b"] };
        f.environments.management.vpn.routes = ["10.140.0.0/16"];
      });
      expect(problems).toEqual([expect.stringMatching(/vpn\.routes\[0\].*and reaches staging, which management is not peered with/)]);
    });

    it("reject an empty list", () => {
      expect(problemsOf(vpn((v) => (v.routes = [])))).toEqual([expect.stringMatching(/vpn\.routes.*is empty; clients would reach nothing/)]);
    });
  });

  describe("names AWS limits apply to", () => {
    it("fit the longest organization and environment names the flow-log role leaves room for", () => {
      const org = loadChanged((f) => {
        f.organization = "a-very-long-organization-name-xx";
        f.environments["management-hub-xx"] = f.environments.management;
        delete f.environments.management;
        for (const env of ["production", "development"]) f.environments[env].peers = ["management-hub-xx"];
        for (const env of ["production", "development"]) f.environments[env].accountId = "111111111111";
      });
      const vpn = org.environments.find((e) => e.name === "management-hub-xx")!.vpn!;
      expect(vpn.backupBucket).toMatch(/^a-very-long-organization-name-xx-managemen-[0-9a-f]{8}-vpn-backups$/);
      expect(vpn.backupBucket.length).toBeLessThanOrEqual(63);
      expect(vpn.accessLogBucket.length).toBeLessThanOrEqual(63);
    });
  });

  describe("spoke access", () => {
    it("warns that a hub with its own cluster cannot reach the spokes while they admit the VPN server only", () => {
      const org = loadChanged((f) => {
        f.environments.management.eks = structuredClone(f.environments.production.eks);
        f.environments.management.vpn.adminCidrs = ["198.18.10.0/24"];
      });
      expect(org.warnings.map((w) => `${w.path}: ${w.message}`)).toContainEqual(
        expect.stringMatching(/^environments\.management\.vpn\.spokeAccess: spokes admit only the VPN server from management, so management's own cluster cannot reach/),
      );
    });
  });
});
