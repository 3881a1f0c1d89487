import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  CI_GROUPS,
  ciRoleTrusts,
  groupsBefore,
  MAX_MATRIX_JOBS,
  matrixLimitProblems,
  PLAN_ENVIRONMENT,
  planCiMatrix,
  rolesAssumedBy,
  workflowOutputs,
  type CiManifest,
  type CiMatrix,
} from "../../../scripts/lib/ci-matrix";
import { loadOrgFile } from "../../../src/model";
import { loadChanged } from "../../../test-helpers/model-fixtures";
import { synthesizeManifest, type SynthesizedManifest } from "../../../test-helpers/synthesized-manifest";

const stacksOf = (matrix: CiMatrix, group: keyof CiMatrix["groups"]) => matrix.groups[group].map((s) => s.stack).sort();

/** A staging environment with a cluster, peered with management, like development. */
function addStaging(file: any): void {
  file.environments.staging = {
    ...structuredClone(file.environments.development),
    accountId: "444444444444",
    cidr: "10.140.0.0/16",
  };
  file.environments.staging.eks.readOnly = ["arn:aws:iam::444444444444:role/developer"];
}

describe("planCiMatrix", () => {
  describe("for the default organization", () => {
    const org = loadOrgFile();
    const synth = synthesizeManifest(org);
    const matrix = planCiMatrix(org, synth);

    it("finds nothing that stops the workflow", () => {
      expect(matrix.problems).toEqual([]);
    });

    it("puts every environment's stack in the environments group and every cluster's platform stack in the platforms group", () => {
      expect(stacksOf(matrix, "environments")).toEqual(org.environments.map((e) => e.name).sort());
      expect(stacksOf(matrix, "platforms")).toEqual(org.environments.filter((e) => e.eks).map((e) => `${e.name}-platform`).sort());
      expect(stacksOf(matrix, "dns")).toEqual(["dns"]);
      expect(stacksOf(matrix, "peering")).toEqual(["peering"]);
    });

    it("gives every stack its deployer, the principal its state role trusts, as the role its jobs assume", () => {
      const entries = Object.values(matrix.groups).flat();
      expect(entries).toHaveLength(org.state.stackAccess!.length);
      for (const entry of entries) {
        const access = org.state.stackAccess!.find((a) => a.stack === entry.stack)!;
        expect(entry).toMatchObject({ role: access.deployer, key: access.key, environment: entry.stack, region: "us-east-1", directory: `stacks/${entry.stack}` });
      }
      expect(matrix.groups.peering[0].role).toBe("arn:aws:iam::111111111111:role/OrganizationAccountAccessRole");
      expect(matrix.groups.platforms.find((s) => s.stack === "production-platform")!.role).toBe("arn:aws:iam::222222222222:role/OrganizationAccountAccessRole");
    });

    it("leaves out the state stack while its state is a local file, and says how to bring it in", () => {
      expect(matrix.groups.state).toEqual([]);
      expect(matrix.skipped).toEqual([{ stack: "state", reason: expect.stringContaining("set state.ownState: s3 and CI plans and applies it") }]);
    });
  });

  it("plans and applies the state stack with state.roleArn once its state is in the bucket", () => {
    const org = loadChanged((file) => {
      file.state.ownState = "s3";
    });
    const matrix = planCiMatrix(org, synthesizeManifest(org));
    expect(matrix.skipped).toEqual([]);
    expect(matrix.groups.state).toEqual([
      {
        stack: "state",
        key: "state/state.tfstate",
        role: "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole",
        environment: "state",
        region: "us-east-1",
        directory: "stacks/state",
      },
    ]);
  });

  it("runs a new environment and its platform in the existing groups, with its own deployer", () => {
    const org = loadChanged(addStaging);
    const matrix = planCiMatrix(org, synthesizeManifest(org));
    expect(matrix.problems).toEqual([]);
    expect(stacksOf(matrix, "environments")).toEqual(["development", "management", "production", "staging"]);
    expect(stacksOf(matrix, "platforms")).toEqual(["development-platform", "production-platform", "staging-platform"]);
    expect(matrix.groups.environments.find((s) => s.stack === "staging")!.role).toBe("arn:aws:iam::444444444444:role/OrganizationAccountAccessRole");
  });

  it("takes a stack's role from state.deployers when the file names one", () => {
    const org = loadChanged((file) => {
      file.state.deployers = { production: "arn:aws:iam::222222222222:role/ci-production" };
    });
    const matrix = planCiMatrix(org, synthesizeManifest(org));
    expect(matrix.groups.environments.find((s) => s.stack === "production")!.role).toBe("arn:aws:iam::222222222222:role/ci-production");
    expect(matrix.groups.platforms.find((s) => s.stack === "production-platform")!.role).toBe("arn:aws:iam::222222222222:role/OrganizationAccountAccessRole");
  });

  describe("problems", () => {
    const org = loadOrgFile();
    const synth = synthesizeManifest(org);
    const withStack = (name: string, dependencies: string[]): CiManifest => ({
      stacks: { ...synth.stacks, [name]: { name, dependencies, workingDirectory: `stacks/${name}` } },
    });

    it("rejects a dependency the job graph runs in the wrong order, naming both stacks and their groups", () => {
      const matrix = planCiMatrix(org, withStack("production", ["peering"]));
      expect(matrix.problems).toEqual([
        "stack production (group environments) depends on peering (group peering), which the workflow does not run before it; change CI_GROUPS in scripts/lib/ci-matrix.ts and the workflow's needs",
      ]);
    });

    it("rejects a dependency between two stacks of the same group, which run in parallel", () => {
      const matrix = planCiMatrix(org, withStack("production", ["development"]));
      expect(matrix.problems).toEqual([expect.stringContaining("stack production (group environments) depends on development (group environments)")]);
    });

    it("rejects a stack of a kind the workflow has no group for", () => {
      const matrix = planCiMatrix(org, withStack("audit", []));
      expect(matrix.problems).toEqual([
        "stack audit is of no job group of the workflow (state, environments, dns, peering, platforms); add a group for it to scripts/lib/ci-matrix.ts and the workflow",
      ]);
    });

    it("rejects a deployer that is an IAM user, which an OIDC token cannot become", () => {
      const changed = loadChanged((file) => {
        file.state.deployers = { development: "arn:aws:iam::333333333333:user/ci" };
      });
      expect(planCiMatrix(changed, synthesizeManifest(changed)).problems).toEqual([
        "stack development's deployer arn:aws:iam::333333333333:user/ci is not an IAM role: GitHub's OIDC token can only assume a role (AssumeRoleWithWebIdentity); set state.deployers.development to one",
      ]);
    });

    it("rejects a platform stack deployer other than the environment's deploy role, which the cluster's platform role alone trusts", () => {
      const changed = loadChanged((file) => {
        file.state.deployers = { "production-platform": "arn:aws:iam::222222222222:role/ci-production" };
      });
      expect(planCiMatrix(changed, synthesizeManifest(changed)).problems).toEqual([
        "stack production-platform's deployer arn:aws:iam::222222222222:role/ci-production cannot assume the cluster's platform role arn:aws:iam::222222222222:role/acme-production-platform-deploy, " +
          "which trusts only the environment's deploy role arn:aws:iam::222222222222:role/OrganizationAccountAccessRole; leave state.deployers.production-platform unset (its default is that deploy role)",
      ]);
    });

    it("rejects a stack whose deployer the model does not know (ambient credentials with shared state)", () => {
      const changed = loadChanged((file) => {
        file.state.isolation = "shared";
        file.environments.development.ambientCredentials = true;
      });
      const problems = planCiMatrix(changed, synthesizeManifest(changed)).problems;
      expect(problems).toContain(
        "stack development has no known deployer (ambientCredentials, or no state.roleArn): name the role its jobs assume in state.deployers.development",
      );
      expect(problems).toContain(
        "stack development-platform has no known deployer (ambientCredentials, or no state.roleArn): name the role its jobs assume in state.deployers.development-platform",
      );
    });
  });
});

describe("matrixLimitProblems", () => {
  const stack = (i: number) => ({ stack: `env${i}`, key: `env${i}/network-cluster.tfstate`, role: "arn:aws:iam::222222222222:role/deploy", environment: `env${i}`, region: "us-east-1", directory: `stacks/env${i}` });
  const groups = (environments: number) => ({ state: [], environments: Array.from({ length: environments }, (_, i) => stack(i)), dns: [], peering: [], platforms: [] });

  it("accepts a group of as many stacks as one matrix may run", () => {
    expect(matrixLimitProblems(groups(MAX_MATRIX_JOBS))).toEqual([]);
  });

  it("rejects a group of more stacks than one matrix may run", () => {
    expect(matrixLimitProblems(groups(MAX_MATRIX_JOBS + 1))).toEqual([
      "group environments has 257 stacks, more than the 256 jobs a GitHub Actions matrix may run; split the organization's stacks across two workflows (for example by environment name)",
    ]);
  });
});

describe("groupsBefore", () => {
  it("follows the job graph through every group in between", () => {
    expect([...groupsBefore("platforms")].sort()).toEqual(["dns", "environments", "peering", "state"]);
    expect([...groupsBefore("environments")]).toEqual(["state"]);
    expect([...groupsBefore("state")]).toEqual([]);
  });
});

describe("workflowOutputs", () => {
  const org = loadOrgFile();
  const outputs = workflowOutputs(planCiMatrix(org, synthesizeManifest(org)));

  it("writes one include matrix per group, a count per group and every stack in group order", () => {
    expect(Object.keys(outputs).sort()).toEqual([...CI_GROUPS.map((g) => g.group), "counts", "stacks"].sort());
    expect(JSON.parse(outputs.counts)).toEqual({ state: 0, environments: 3, dns: 1, peering: 1, platforms: 2 });
    expect(JSON.parse(outputs.peering)).toEqual({ include: [expect.objectContaining({ stack: "peering", key: "peering/peering.tfstate" })] });
    expect(JSON.parse(outputs.stacks)).toEqual(["development", "management", "production", "dns", "peering", "development-platform", "production-platform"]);
  });

  it("keeps every output on one line, as $GITHUB_OUTPUT's name=value form needs", () => {
    for (const value of Object.values(outputs)) expect(value).not.toContain("\n");
  });
});

describe("rolesAssumedBy", () => {
  const synth: SynthesizedManifest = synthesizeManifest(loadOrgFile());

  it("finds the peering stack's providers' deploy roles and its backend's state role", () => {
    expect(rolesAssumedBy(synth.json.get("peering"))).toEqual([
      "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole",
      "arn:aws:iam::111111111111:role/acme-peering-state",
      "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole",
      "arn:aws:iam::333333333333:role/OrganizationAccountAccessRole",
    ]);
  });

  it("finds the role a platform stack's exec plugin assumes for the cluster", () => {
    expect(rolesAssumedBy(synth.json.get("production-platform"))).toEqual([
      "arn:aws:iam::111111111111:role/acme-production-platform-state",
      "arn:aws:iam::222222222222:role/acme-production-platform-deploy",
    ]);
  });
});

describe("ciRoleTrusts", () => {
  const org = loadOrgFile();
  const synth = synthesizeManifest(org);
  const assumed = new Map([...synth.json].map(([name, json]) => [name, rolesAssumedBy(json)]));
  const trusts = ciRoleTrusts(planCiMatrix(org, synth), "acme/landing-zone", assumed);
  const trustOf = (role: string) => trusts.find((t) => t.role === role)!;

  it("gives one trust policy per deployer role, naming the stacks it runs", () => {
    expect(trusts.map((t) => [t.role, t.stacks])).toEqual([
      ["arn:aws:iam::333333333333:role/OrganizationAccountAccessRole", ["development", "development-platform"]],
      ["arn:aws:iam::111111111111:role/OrganizationAccountAccessRole", ["management", "dns", "peering"]],
      ["arn:aws:iam::222222222222:role/OrganizationAccountAccessRole", ["production", "production-platform"]],
    ]);
  });

  it("admits GitHub's OIDC provider of the role's account for the stacks' environments and the plan environment of this repository only", () => {
    const [oidc] = trustOf("arn:aws:iam::222222222222:role/OrganizationAccountAccessRole").trustPolicy.Statement;
    expect(oidc).toEqual({
      Sid: "GitHubActionsJobsOfTheseStacks",
      Effect: "Allow",
      Principal: { Federated: "arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com" },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: {
          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
          "token.actions.githubusercontent.com:sub": [
            "repo:acme/landing-zone:environment:production",
            "repo:acme/landing-zone:environment:production-platform",
            `repo:acme/landing-zone:environment:${PLAN_ENVIRONMENT}`,
          ],
        },
      },
    });
  });

  it("lets a deploy role assume itself when the stacks' providers assume the role the job runs as", () => {
    const trust = trustOf("arn:aws:iam::222222222222:role/OrganizationAccountAccessRole");
    expect(trust.trustPolicy.Statement[1]).toEqual({
      Sid: "ItsProvidersAssumeItAgain",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole" },
      Action: "sts:AssumeRole",
    });
    expect(trust.assumes).toEqual([
      "arn:aws:iam::111111111111:role/acme-production-platform-state",
      "arn:aws:iam::111111111111:role/acme-production-state",
      "arn:aws:iam::222222222222:role/acme-production-platform-deploy",
    ]);
  });

  it("lists the spokes' deploy roles the hub's role must be able to assume for peering", () => {
    expect(trustOf("arn:aws:iam::111111111111:role/OrganizationAccountAccessRole").assumes).toEqual(
      expect.arrayContaining(["arn:aws:iam::222222222222:role/OrganizationAccountAccessRole", "arn:aws:iam::333333333333:role/OrganizationAccountAccessRole"]),
    );
  });

  it("leaves the self-assume statement out for a dedicated CI role, and lists the deploy role it must be able to assume", () => {
    const changed = loadChanged((file) => {
      file.state.deployers = { production: "arn:aws:iam::222222222222:role/ci-production" };
    });
    const changedSynth = synthesizeManifest(changed);
    const changedAssumed = new Map([...changedSynth.json].map(([name, json]) => [name, rolesAssumedBy(json)]));
    const ci = ciRoleTrusts(planCiMatrix(changed, changedSynth), "acme/landing-zone", changedAssumed).find((t) => t.role.endsWith("/ci-production"))!;
    expect(ci.stacks).toEqual(["production"]);
    expect(ci.trustPolicy.Statement.map((s) => s.Sid)).toEqual(["GitHubActionsJobsOfTheseStacks"]);
    expect(ci.assumes).toEqual(["arn:aws:iam::111111111111:role/acme-production-state", "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole"]);
  });

  it("is what the README shows for production's deploy role", () => {
    const readme = readFileSync(join(__dirname, "..", "..", "..", "README.md"), "utf8");
    const shown = /`--trust-policies acme\/landing-zone`[\s\S]*?```json\n([\s\S]*?)```/.exec(readme);
    expect(shown).not.toBeNull();
    expect(JSON.parse(shown![1])).toEqual(trustOf("arn:aws:iam::222222222222:role/OrganizationAccountAccessRole").trustPolicy);
  });

  it("rejects a repository that is not owner/name", () => {
    expect(() => ciRoleTrusts(planCiMatrix(org, synth), "landing-zone", assumed)).toThrow('repository "landing-zone" is not <owner>/<name>');
  });
});
