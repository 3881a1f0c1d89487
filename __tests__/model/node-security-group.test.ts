import { environmentByName } from "../../src/model/org";
import { loadChanged, problemsOfChanged as problemsWithLines } from "../../test-helpers/model-fixtures";

/** The loader's problems without the line numbers it appends to each path. */
const problemsOfChanged = (change: (f: any) => void) => problemsWithLines(change).map((p) => p.replace(/ \(line \d+\)/, ""));

const smtp = { name: "smtp", description: "Mail relay of the office", ports: [587], cidrs: ["192.0.2.0/24"] };

describe("the node security group in the model", () => {
  describe("by default", () => {
    const production = environmentByName(loadChanged(), "production");

    it("lists no extra node egress and no bridge to the cluster security group", () => {
      expect(production.eks!.nodeEgress).toEqual([]);
      expect(production.eks!.clusterSecurityGroupBridge).toBe(false);
    });

    it("warns about nothing of the node security group", () => {
      expect(loadChanged().warnings.filter((w) => w.path.includes("clusterSecurityGroupBridge"))).toEqual([]);
    });
  });

  describe("eks.nodeEgress", () => {
    it("carries each entry with its protocol (TCP unless said)", () => {
      const org = loadChanged((f) => (f.environments.production.eks.nodeEgress = [smtp, { ...smtp, name: "syslog", protocol: "udp", ports: [514] }]));
      expect(environmentByName(org, "production").eks!.nodeEgress).toEqual([
        { name: "smtp", description: "Mail relay of the office", protocol: "tcp", ports: [587], cidrs: ["192.0.2.0/24"] },
        { name: "syslog", description: "Mail relay of the office", protocol: "udp", ports: [514], cidrs: ["192.0.2.0/24"] },
      ]);
    });

    it("admits the internet on TCP 80 only", () => {
      const org = loadChanged((f) => (f.environments.production.eks.nodeEgress = [{ name: "http", description: "Package mirrors over HTTP", ports: [80], cidrs: ["0.0.0.0/0"] }]));
      expect(environmentByName(org, "production").eks!.nodeEgress[0].cidrs).toEqual(["0.0.0.0/0"]);
    });

    it("rejects the internet on any other port, naming the ports and what to do instead", () => {
      expect(problemsOfChanged((f) => (f.environments.production.eks.nodeEgress = [{ ...smtp, ports: [80, 25], cidrs: ["0.0.0.0/0"] }]))).toEqual([
        "environments.production.eks.nodeEgress[0].cidrs[0]: 0.0.0.0/0 is allowed only on TCP 80 (POLICY.md, AWS-0104); TCP 25 to the internet is refused. Name the destination's ranges instead (HTTPS to anywhere is always allowed)",
      ]);
      expect(problemsOfChanged((f) => (f.environments.production.eks.nodeEgress = [{ ...smtp, protocol: "udp", ports: [80], cidrs: ["0.0.0.0/0"] }]))[0]).toMatch(
        /0\.0\.0\.0\/0 is allowed only on TCP 80 .*UDP 80 to the internet is refused/,
      );
    });

    it("rejects a CIDR with host bits set, suggesting the network", () => {
      expect(problemsOfChanged((f) => (f.environments.production.eks.nodeEgress = [{ ...smtp, cidrs: ["192.0.2.1/24"] }]))).toEqual([
        "environments.production.eks.nodeEgress[0].cidrs[0]: 192.0.2.1/24 is not a network address (host bits set or leading zeros); did you mean 192.0.2.0/24?",
      ]);
    });

    it("rejects two entries of one name and a repeated port", () => {
      expect(problemsOfChanged((f) => (f.environments.production.eks.nodeEgress = [smtp, { ...smtp, ports: [25, 25] }]))).toEqual([
        "environments.production.eks.nodeEgress[1].name: smtp names another entry already; give each entry its own name",
        "environments.production.eks.nodeEgress[1].ports: repeats 25; list each port once",
      ]);
    });

    it("rejects a name that cannot be part of a Terraform address and a description AWS would refuse", () => {
      const problems = problemsOfChanged((f) => (f.environments.production.eks.nodeEgress = [{ ...smtp, name: "Mail Relay", description: "mail <relay>" }]));
      expect(problems).toEqual([
        'environments.production.eks.nodeEgress[0].name: "Mail Relay": must be lowercase letters, digits and dashes, at most 32 characters (it is part of rule ids)',
        'environments.production.eks.nodeEgress[0].description: "mail <relay>": may use letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* only (what AWS accepts in a rule description)',
      ]);
    });
  });

  describe("eks.clusterSecurityGroupBridge", () => {
    const org = loadChanged((f) => (f.environments.production.eks.clusterSecurityGroupBridge = true));

    it("carries the bridge", () => {
      expect(environmentByName(org, "production").eks!.clusterSecurityGroupBridge).toBe(true);
    });

    it("warns on the environment's stack while it is on, saying when to remove it", () => {
      expect(org.warnings.filter((w) => w.path.includes("clusterSecurityGroupBridge"))).toEqual([
        {
          path: "environments.production.eks.clusterSecurityGroupBridge",
          message: expect.stringContaining("then set it false"),
          stack: "production",
        },
      ]);
    });
  });
});
