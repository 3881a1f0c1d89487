import { azSuffix, bucketNameProblem, deployRoleArn, organizationStacks, partitionOf, roleNames, stackNames, stateKeys } from "../../src/model/naming";

describe("naming", () => {
  it("derives the partition from the region", () => {
    expect(partitionOf("us-east-1")).toBe("aws");
    expect(partitionOf("cn-north-1")).toBe("aws-cn");
    expect(partitionOf("us-gov-west-1")).toBe("aws-us-gov");
  });

  it("shortens AZ names to their letter", () => {
    expect(azSuffix("us-east-1c", "us-east-1")).toBe("c");
  });

  it("builds the deploy role ARN in the environment's partition", () => {
    expect(deployRoleArn("aws-cn", "123456789012", "deploy")).toBe("arn:aws-cn:iam::123456789012:role/deploy");
  });

  it("prefixes every IAM role name with the environment prefix", () => {
    expect(Object.values(roleNames("acme-production")).every((n) => n.startsWith("acme-production-"))).toBe(true);
  });

  it("gives each stack its own state key", () => {
    expect(stateKeys.environment("production")).toBe("production/network-cluster.tfstate");
    expect(stateKeys.platform("production")).toBe("production/platform.tfstate");
    expect(stackNames.platform("production")).toBe("production-platform");
  });

  describe("bucketNameProblem", () => {
    it("accepts a valid bucket name", () => {
      expect(bucketNameProblem("acme-terraform-state")).toBeUndefined();
    });

    it.each([
      ["ab", /3-63/],
      ["Acme", /lowercase/],
      ["a..b", /'\.\.'/],
      ["192.168.1.1", /IP address/],
      ["xn--bucket", /xn--/],
    ])("rejects %s", (name, why) => {
      expect(bucketNameProblem(name)).toMatch(why);
    });
  });
});

describe("organizationStacks", () => {
  it("lists the state, peering and dns stacks, every environment's stack and the platform stack of every cluster, named by stackNames", () => {
    const stacks = organizationStacks([
      { name: "management", cluster: false },
      { name: "production", cluster: true },
    ]);
    expect(stacks.map((s) => s.name)).toEqual([
      stackNames.state,
      stackNames.peering,
      stackNames.dns,
      "management",
      "production",
      stackNames.platform("production"),
    ]);
    expect(stacks.filter((s) => s.environmentStack).map((s) => s.environment)).toEqual(["management", "production"]);
  });
});
