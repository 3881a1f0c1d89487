import { checkConnectivity, connectedEnvironments, hubCandidates } from "../../src/model/connectivity";
import { environmentsFileSchema } from "../../src/model/schema";
import { defaultFile, loadChanged, problemsOfChanged as problemsOf } from "../../test-helpers/model-fixtures";

const transitGateway = (file: any) => void (file.connectivity = "transitGateway");

describe("connectivity", () => {
  describe("the schema", () => {
    it("defaults to peering", () => {
      expect(environmentsFileSchema.parse(defaultFile()).connectivity).toBe("peering");
    });

    it("rejects a mode it does not know, naming the two it has", () => {
      expect(problemsOf((f) => (f.connectivity = "vpn")).join("\n")).toMatch(/^connectivity \(line \d+\): "vpn" is not allowed here; use one of peering, transitGateway$/m);
    });

    it("rejects an organization ARN of the wrong shape", () => {
      expect(problemsOf((f) => ((f.connectivity = "transitGateway"), (f.awsOrganizationArn = "o-123")))).toEqual([
        expect.stringMatching(/^awsOrganizationArn \(line \d+\): "o-123": must be an AWS Organizations ARN such as arn:aws:organizations::111111111111:organization\/o-exampleorgid$/),
      ]);
    });
  });

  describe("the hub", () => {
    it("is the environment the others list in peers and that lists none: management in the default organization", () => {
      const file = environmentsFileSchema.parse(defaultFile());
      expect(hubCandidates(file)).toEqual(["management"]);
      expect(connectedEnvironments(file)).toEqual(["management", "production", "development"]);
    });

    it("becomes the Transit Gateway's home in the model", () => {
      expect(loadChanged(transitGateway).transitGateway).toEqual({ hub: "management" });
    });

    it("rejects a file with two hubs, naming both", () => {
      const problems = problemsOf((f) => {
        transitGateway(f);
        f.environments.shared = { accountId: "444444444444", cidr: "10.140.0.0/16", azs: ["us-east-1a"] };
        f.environments.development.peers = ["shared"];
      });
      expect(problems).toEqual([
        expect.stringMatching(/^connectivity \(line \d+\): transitGateway needs one hub, .*; found management, shared\. Keep one of them .* or use connectivity: peering$/),
      ]);
    });

    it("accepts an explicit edge between two spokes", () => {
      const org = loadChanged((f) => {
        transitGateway(f);
        f.environments.development.peers = ["management", "production"];
      });
      expect(org.transitGateway?.hub).toBe("management");
      expect(org.peerings.map((e) => e.id)).toEqual(["management-production", "management-development", "production-development"]);
    });
  });

  describe("with transitGateway", () => {
    it("rejects an environment outside the hub's region, saying Transit Gateway peering is not built", () => {
      const problems = problemsOf((f) => {
        transitGateway(f);
        f.environments.development.region = "eu-west-1";
        f.environments.development.azs = ["eu-west-1a", "eu-west-1b"];
      });
      expect(problems).toEqual([
        expect.stringMatching(
          /^environments\.development\.region \(line \d+\): eu-west-1 is not the hub management's region us-east-1; .*Transit Gateway peering between regions is not built\. Move the environment to that region or use connectivity: peering$/,
        ),
      ]);
    });

    it("rejects an AZ with no attachment /28 in a small VPC, naming the AZs that fit", () => {
      const problems = problemsOf((f) => {
        transitGateway(f);
        f.environments.management.cidr = "10.120.0.0/21";
        f.environments.management.azs = ["us-east-1a", "us-east-1b", "us-east-1c"];
      });
      expect(problems).toEqual([
        expect.stringMatching(
          /^environments\.management\.azs \(line \d+\): connectivity transitGateway needs an attachment \/28 in every AZ, .* a \/21 VPC has room in us-east-1a, us-east-1b only, not in us-east-1c; use a larger VPC, list only AZs that fit, or use connectivity: peering$/,
        ),
      ]);
    });

    it("loads the same small VPC with peering, where it needs no attachment subnets", () => {
      expect(() =>
        loadChanged((f) => {
          f.environments.management.cidr = "10.120.0.0/21";
          f.environments.management.azs = ["us-east-1a", "us-east-1b", "us-east-1c"];
        }),
      ).not.toThrow();
    });

    it("rejects an explicit subnet over a planned attachment subnet", () => {
      const problems = problemsOf((f) => {
        transitGateway(f);
        f.environments.management.subnets = { persistence: ["10.120.220.0/24", "10.120.228.0/22"] };
      });
      expect(problems).toEqual([
        expect.stringMatching(
          /^environments\.management\.subnets\.persistence\[0\] \(line \d+\): 10\.120\.220\.0\/24 overlaps 10\.120\.220\.0\/28, the planned Transit Gateway attachment subnet of us-east-1a; pick a range outside it/,
        ),
        expect.stringMatching(/^environments\.management\.subnets\.persistence\[0\] \(line \d+\): 10\.120\.220\.0\/24 overlaps 10\.120\.220\.16\/28, the planned Transit Gateway attachment subnet of us-east-1b/),
      ]);
    });

    it("ignores environments outside the graph", () => {
      const org = loadChanged((f) => {
        transitGateway(f);
        f.environments.sandbox = { accountId: "555555555555", cidr: "10.150.0.0/22", azs: ["us-east-1c"] };
      });
      expect(org.environments.find((e) => e.name === "sandbox")!.subnets[0].transitGateway).toBeUndefined();
    });
  });

  describe("with peering", () => {
    it("rejects an organization ARN, which only the Transit Gateway's share uses", () => {
      expect(problemsOf((f) => (f.awsOrganizationArn = "arn:aws:organizations::111111111111:organization/o-exampleorg1"))).toEqual([
        expect.stringMatching(/^awsOrganizationArn \(line \d+\): is set but connectivity is peering; .*Set connectivity: transitGateway or remove it$/),
      ]);
    });

    it("checks nothing else", () => {
      const problems: never[] = [];
      checkConnectivity(environmentsFileSchema.parse(defaultFile()), new Map(), problems);
      expect(problems).toEqual([]);
    });
  });
});
