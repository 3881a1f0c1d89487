import { environmentByName } from "../../src/model/org";
import { CLUSTER_WITHOUT_NAT_ENDPOINTS } from "../../src/model/network-access";
import { loadChanged } from "../../test-helpers/model-fixtures";

describe("network access in the model", () => {
  describe("the data-tier reach of a hub", () => {
    it("is its private subnets by default, not its whole VPC", () => {
      const org = loadChanged((f) => {
        delete f.environments.management.vpn;
      });
      const production = environmentByName(org, "production");
      expect(production.inboundPeers).toEqual([{ name: "management", cidr: "10.120.0.0/16", dataTierCidrs: ["10.120.0.0/19", "10.120.32.0/19"] }]);
    });

    it("follows the hub's explicit private subnets", () => {
      const org = loadChanged((f) => {
        delete f.environments.management.vpn;
        f.environments.management.subnets = { private: ["10.120.0.0/20", "10.120.32.0/20"] };
      });
      expect(environmentByName(org, "development").inboundPeers[0].dataTierCidrs).toEqual(["10.120.0.0/20", "10.120.32.0/20"]);
    });

    it("is the ranges the hub names in dataTierClientCidrs", () => {
      const org = loadChanged((f) => {
        delete f.environments.management.vpn;
        f.environments.management.dataTierClientCidrs = ["10.120.0.0/24"];
      });
      expect(environmentByName(org, "production").inboundPeers[0].dataTierCidrs).toEqual(["10.120.0.0/24"]);
    });

    it("is the hub's VPN server address when its VPN has spokeAccess vpn, plus the ranges it names", () => {
      expect(environmentByName(loadChanged(), "production").inboundPeers[0].dataTierCidrs).toEqual(["10.120.192.10/32"]);
      const org = loadChanged((f) => {
        f.environments.management.dataTierClientCidrs = ["10.120.0.0/24"];
      });
      expect(environmentByName(org, "production").inboundPeers[0].dataTierCidrs).toEqual(["10.120.0.0/24", "10.120.192.10/32"]);
    });

    it("rejects a named range outside the hub's VPC", () => {
      expect(() =>
        loadChanged((f) => {
          f.environments.management.dataTierClientCidrs = ["10.130.0.0/24"];
        }),
      ).toThrow(/environments\.management\.dataTierClientCidrs\[0\] \(line \d+\): 10\.130\.0\.0\/24 is not inside the VPC 10\.120\.0\.0\/16; name ranges of this environment only/);
    });
  });

  describe("interface endpoints", () => {
    it("are none by default for an environment with NAT", () => {
      expect(environmentByName(loadChanged(), "production").networkAccess.interfaceEndpoints).toEqual([]);
    });

    it("default to what a cluster needs when its VPC has no NAT", () => {
      const org = loadChanged((f) => {
        f.environments.development.nat = "none";
      });
      expect(environmentByName(org, "development").networkAccess.interfaceEndpoints).toEqual([...CLUSTER_WITHOUT_NAT_ENDPOINTS]);
      expect(CLUSTER_WITHOUT_NAT_ENDPOINTS).toEqual(expect.arrayContaining(["ecr.api", "ecr.dkr", "sts", "ec2", "eks-auth"]));
    });

    it("are the listed ones when the file lists them", () => {
      const org = loadChanged((f) => {
        f.environments.production.interfaceEndpoints = ["ssm", "sts"];
      });
      expect(environmentByName(org, "production").networkAccess.interfaceEndpoints).toEqual(["ssm", "sts"]);
    });

    it("reject a list that leaves a cluster without NAT short, naming what is missing", () => {
      expect(() =>
        loadChanged((f) => {
          f.environments.development.nat = "none";
          f.environments.development.interfaceEndpoints = ["ecr.api", "ecr.dkr", "sts"];
        }),
      ).toThrow(
        /environments\.development\.interfaceEndpoints \(line \d+\): lacks ec2, eks-auth, elasticloadbalancing, logs: with nat none the cluster's nodes reach AWS APIs only through interface endpoints/,
      );
    });

    it("reject a service listed twice and one the model does not offer", () => {
      expect(() =>
        loadChanged((f) => {
          f.environments.production.interfaceEndpoints = ["sts", "sts"];
        }),
      ).toThrow(/environments\.production\.interfaceEndpoints\[1\] \(line \d+\): sts is listed twice; list each service once/);
      expect(() =>
        loadChanged((f) => {
          f.environments.production.interfaceEndpoints = ["s3-outposts"];
        }),
      ).toThrow("environments.production.interfaceEndpoints[0]");
    });
  });

  describe("the organization's accounts and connected VPCs", () => {
    it("list every account of the file once, for endpoint policies", () => {
      expect(environmentByName(loadChanged(), "production").networkAccess.organizationAccountIds).toEqual(["111111111111", "222222222222", "333333333333"]);
    });

    it("list the VPCs an environment is connected with, either side of the peers graph", () => {
      const org = loadChanged();
      expect(environmentByName(org, "management").networkAccess.connectedPeers).toEqual([
        { name: "production", cidr: "10.130.0.0/16" },
        { name: "development", cidr: "10.110.0.0/16" },
      ]);
      expect(environmentByName(org, "production").networkAccess.connectedPeers).toEqual([{ name: "management", cidr: "10.120.0.0/16" }]);
    });
  });
});
