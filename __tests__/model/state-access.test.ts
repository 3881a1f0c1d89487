import { loadOrgFile } from "../../src/model/load";
import { IAM_ROLE_NAME_MAX, roleNames } from "../../src/model/naming";
import { stateRoleName } from "../../src/model/state-access";
import { loadChanged, problemsOfChanged as problemsOf } from "../../test-helpers/model-fixtures";

describe("state access plan", () => {
  describe("the default organization", () => {
    const state = loadOrgFile().state;
    const byStack = new Map((state.stackAccess ?? []).map((a) => [a.stack, a]));

    it("isolates state per stack by default", () => {
      expect(state.isolation).toBe("perStack");
      expect([...byStack.keys()]).toEqual(["management", "production", "production-platform", "development", "development-platform", "peering", "dns"]);
    });

    it("gives the dns stack its key and a role trusted by the zone account's deploy role", () => {
      expect(byStack.get("dns")).toMatchObject({
        key: "dns/dns.tfstate",
        reads: [],
        deployer: "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole",
        roleArn: "arn:aws:iam::111111111111:role/acme-dns-state",
      });
    });

    it("gives each <env> stack its key, no reads, and a role trusted by the environment's deploy role", () => {
      expect(byStack.get("production")).toEqual({
        stack: "production",
        key: "production/network-cluster.tfstate",
        reads: [],
        deployer: "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole",
        roleName: "acme-production-state",
        roleArn: "arn:aws:iam::111111111111:role/acme-production-state",
      });
    });

    it("lets a platform stack read only its environment's key", () => {
      expect(byStack.get("development-platform")).toMatchObject({
        key: "development/platform.tfstate",
        reads: ["development/network-cluster.tfstate"],
        deployer: "arn:aws:iam::333333333333:role/OrganizationAccountAccessRole",
      });
    });

    it("lets the peering stack read the peered environments' keys and names the hub's deploy role as its deployer", () => {
      expect(byStack.get("peering")).toMatchObject({
        key: "peering/peering.tfstate",
        reads: ["management/network-cluster.tfstate", "production/network-cluster.tfstate", "development/network-cluster.tfstate"],
        deployer: "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole",
      });
    });

    it("has no break-glass principal", () => {
      expect(state.breakGlassPrincipal).toBeUndefined();
    });
  });

  describe("deployers", () => {
    it("names a stack's deployer from state.deployers", () => {
      const state = loadChanged((f) => (f.state.deployers = { peering: "arn:aws:iam::111111111111:role/network-pipeline" })).state;
      expect(state.stackAccess?.find((a) => a.stack === "peering")?.deployer).toBe("arn:aws:iam::111111111111:role/network-pipeline");
    });

    it("rejects a deployer for a stack the organization does not have", () => {
      expect(problemsOf((f) => (f.state.deployers = { staging: "arn:aws:iam::111111111111:role/x" }))).toEqual([
        expect.stringMatching(/^state\.deployers\.staging.*is not a stack of this organization.*use one of management, production, production-platform/),
      ]);
    });

    it("asks for the deployer of an environment that uses ambient credentials", () => {
      expect(problemsOf((f) => (f.environments.development.ambientCredentials = true))).toEqual([
        expect.stringMatching(/^state\.deployers\.development\b.*environments\.development uses ambientCredentials/),
        expect.stringMatching(/^state\.deployers\.development-platform\b.*Name the role that runs the development-platform stack's Terraform/),
      ]);
    });

    it("asks for the peering stack's deployer when the peers graph has two hubs", () => {
      const problems = problemsOf((f) => {
        f.environments.shared = { accountId: "444444444444", cidr: "10.140.0.0/16", azs: ["us-east-1a"] };
        f.environments.development.peers = ["shared"];
      });
      expect(problems).toEqual([expect.stringMatching(/^state\.deployers\.peering.*more than one hub \(management, shared\)/)]);
    });

    it("defaults the peering stack's deployer to the hub's even with an edge between two spokes", () => {
      const state = loadChanged((f) => (f.environments.development.peers = ["management", "production"])).state;
      expect(state.stackAccess?.find((a) => a.stack === "peering")?.deployer).toBe("arn:aws:iam::111111111111:role/OrganizationAccountAccessRole");
    });

    it("rejects a deployer that is not an IAM role or user ARN", () => {
      expect(problemsOf((f) => (f.state.deployers = { peering: "ci" }))).toEqual([
        expect.stringMatching(/^state\.deployers\.peering.*must be an IAM role or user ARN/),
      ]);
    });
  });

  describe("without a state account", () => {
    it("rejects per-stack isolation, saying how to fix it", () => {
      expect(problemsOf((f) => delete f.state.accountId)).toEqual([
        expect.stringMatching(/^state\.accountId.*is missing; state\.isolation perStack \(the default\) gives each stack its own backend role.*or set state\.isolation: shared/),
      ]);
    });

    it("rejects isolation shared with ambient credentials and no break-glass principal: nobody could apply the bucket policy again", () => {
      expect(
        problemsOf((f) => {
          delete f.state.accountId;
          f.state.isolation = "shared";
        }),
      ).toEqual([expect.stringMatching(/^state\.roleArn.*could apply its bucket policy once and never again/)]);
    });

    it("keeps today's single principal with isolation shared", () => {
      const state = loadChanged((f) => {
        delete f.state.accountId;
        f.state.isolation = "shared";
        f.state.roleArn = "arn:aws:iam::444444444444:role/state";
      }).state;
      expect(state.stackAccess).toEqual([]);
    });
  });

  describe("stateRoleName", () => {
    it("is <organization>-<stack>-state", () => {
      expect(stateRoleName("acme", "production-platform")).toBe("acme-production-platform-state");
    });

    it("is never longer than the role names the rules check for the same environment", () => {
      const prefix = `${"o".repeat(32)}-${"e".repeat(24)}`;
      expect(stateRoleName("o".repeat(32), "e".repeat(24)).length).toBeLessThan(roleNames(prefix).flowLogs.length);
      expect(stateRoleName("o".repeat(32), `${"e".repeat(24)}-platform`).length).toBeLessThan(roleNames(prefix).externalDns.length);
      expect(stateRoleName("o".repeat(32), "peering").length).toBeLessThanOrEqual(IAM_ROLE_NAME_MAX);
    });
  });
});

