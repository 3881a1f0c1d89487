import {
  CONTROL_PLANE_LOG_TYPES,
  eksAccessPolicyArn,
  MANAGED_POLICIES,
  managedPolicyArn,
  nodeGroupTaintEffect,
  principalId,
  serviceAccountSubject,
} from "../../src/eks/eks-util";

describe("managedPolicyArn", () => {
  describe("in the commercial partition", () => {
    it("builds the ARN of an AWS-managed policy", () => {
      expect(managedPolicyArn("aws", "AmazonEKSClusterPolicy")).toBe("arn:aws:iam::aws:policy/AmazonEKSClusterPolicy");
    });
  });
  describe("in another partition", () => {
    it("uses that partition, keeping a service-role path", () => {
      expect(managedPolicyArn("aws-cn", "service-role/AmazonEBSCSIDriverPolicy")).toBe(
        "arn:aws-cn:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
      );
    });
  });
});

describe("eksAccessPolicyArn", () => {
  it("builds the ARN of an EKS cluster access policy", () => {
    expect(eksAccessPolicyArn("aws-us-gov", "AmazonEKSClusterAdminPolicy")).toBe(
      "arn:aws-us-gov:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
    );
  });
});

describe("MANAGED_POLICIES", () => {
  it("leaves the CNI policy off the node role", () => {
    expect(MANAGED_POLICIES.node).not.toContain("AmazonEKS_CNI_Policy");
    expect(MANAGED_POLICIES.vpcCni).toEqual(["AmazonEKS_CNI_Policy"]);
  });
});

describe("CONTROL_PLANE_LOG_TYPES", () => {
  it("lists all five control-plane log types", () => {
    expect([...CONTROL_PLANE_LOG_TYPES].sort()).toEqual(["api", "audit", "authenticator", "controllerManager", "scheduler"]);
  });
});

describe("nodeGroupTaintEffect", () => {
  it.each([
    ["NoSchedule", "NO_SCHEDULE"],
    ["NoExecute", "NO_EXECUTE"],
    ["PreferNoSchedule", "PREFER_NO_SCHEDULE"],
  ] as const)("maps %s to the EKS API's %s", (effect, expected) => {
    expect(nodeGroupTaintEffect(effect)).toBe(expected);
  });
});

describe("principalId", () => {
  describe("with a role ARN", () => {
    it("joins account, type and name", () => {
      expect(principalId("arn:aws:iam::111111111111:role/platform-admin")).toBe("111111111111-role-platform-admin");
    });
  });
  describe("with a role under a path", () => {
    it("keeps only the name", () => {
      expect(principalId("arn:aws:iam::111111111111:role/teams/ops/platform-admin")).toBe("111111111111-role-platform-admin");
    });
  });
  describe("with a user whose name has IAM punctuation", () => {
    it("replaces the characters a construct id should not hold", () => {
      expect(principalId("arn:aws:iam::222222222222:user/jane.doe@example.com")).toBe("222222222222-user-jane-doe-example-com");
    });
  });
  describe("with something that is not an IAM principal", () => {
    it("throws naming the value", () => {
      expect(() => principalId("arn:aws:s3:::bucket")).toThrow(/arn:aws:s3:::bucket is not an IAM principal ARN/);
    });
  });
});

describe("serviceAccountSubject", () => {
  it("is the sub claim Kubernetes puts in a service account token", () => {
    expect(serviceAccountSubject({ namespace: "kube-system", name: "aws-node" })).toBe("system:serviceaccount:kube-system:aws-node");
  });
});
