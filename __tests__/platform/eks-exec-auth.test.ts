import { eksExecAuth } from "../../src/platform/eks-exec-auth";

describe("eksExecAuth", () => {
  describe("without a role", () => {
    it("runs aws eks get-token for the cluster and region with the caller's credentials", () => {
      expect(eksExecAuth({ clusterName: "acme-production", region: "us-east-1" })).toEqual({
        apiVersion: "client.authentication.k8s.io/v1beta1",
        command: "aws",
        args: ["eks", "get-token", "--cluster-name", "acme-production", "--region", "us-east-1"],
      });
    });
  });

  describe("with a deploy role", () => {
    it("assumes the role to get the token", () => {
      const auth = eksExecAuth({ clusterName: "c", region: "eu-west-1", roleArn: "arn:aws:iam::222222222222:role/deploy" });
      expect(auth.args).toEqual(["eks", "get-token", "--cluster-name", "c", "--region", "eu-west-1", "--role-arn", "arn:aws:iam::222222222222:role/deploy"]);
    });
  });
});
