import { securityProblems } from "../../src/model/security";
import { loadChanged, problemsOfChanged as problemsOf } from "../../test-helpers/model-fixtures";

describe("the security fields of the environments file", () => {
  describe("defaults", () => {
    const org = loadChanged();

    it("protect every environment and give the read-only role no extra reads", () => {
      expect(org.environments.every((e) => e.deletionProtection)).toBe(true);
      expect(org.environments.flatMap((e) => e.eks?.readOnlyAlsoReads ?? [])).toEqual([]);
    });
  });

  it("refuses an unknown extra read, naming the allowed ones", () => {
    expect(problemsOf((f) => (f.environments.production.eks.readOnlyAlsoReads = ["exec"])).join("\n")).toMatch(
      /^environments\.production\.eks\.readOnlyAlsoReads\[0\] \(line \d+\): "exec" is not allowed here; use one of podLogs, secrets$/,
    );
  });

  it("refuses a rationale without a public endpoint", () => {
    expect(problemsOf((f) => (f.environments.production.eks.publicAccessRationale = "office"))).toEqual([
      expect.stringMatching(
        /^environments\.production\.eks\.publicAccessRationale \(line \d+\): is set but publicAccessCidrs is empty, so there is no public endpoint to justify; drop it or list the CIDRs$/,
      ),
    ]);
  });

  it("refuses the platform-deploy role in eks.admins, since it has its own entry", () => {
    const arn = "arn:aws:iam::222222222222:role/acme-production-platform-deploy";
    expect(problemsOf((f) => f.environments.production.eks.admins.push(arn))).toEqual([
      expect.stringMatching(
        /^environments\.production\.eks\.admins\[1\] \(line \d+\): arn:aws:iam::222222222222:role\/acme-production-platform-deploy is the cluster's platform-deploy role, which has its own cluster-admin access entry; remove it from eks\.admins$/,
      ),
    ]);
  });

  it("refuses a deletionProtection that is not a boolean", () => {
    expect(problemsOf((f) => (f.environments.production.deletionProtection = "no")).join("\n")).toMatch(/environments\.production\.deletionProtection/);
  });
});

describe("securityProblems", () => {
  it("has nothing to say about an environment without a cluster", () => {
    expect(securityProblems({ accountId: "111111111111" }, "acme-management-platform-deploy")).toEqual([]);
  });

  it("matches the platform-deploy role of the environment's own account only", () => {
    const eks = { admins: ["arn:aws:iam::999999999999:role/acme-production-platform-deploy"], readOnly: [], publicAccessCidrs: [] };
    expect(securityProblems({ accountId: "222222222222", eks }, "acme-production-platform-deploy")).toEqual([]);
  });
});
