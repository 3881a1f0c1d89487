import { internetExposure, protectionChanges } from "../../src/review/exposure";
import { change, ingressRule, planOf } from "../../test-helpers/plan-fixtures";

const cluster = (publicAccess: boolean, cidrs: string[]) => ({ name: "acme-production", vpc_config: [{ endpoint_public_access: publicAccess, endpoint_private_access: true, public_access_cidrs: cidrs }] });

describe("internetExposure", () => {
  it("flags a cluster whose public endpoint an update turns on, with its CIDRs", () => {
    const plan = planOf([change("aws_eks_cluster.eks_cluster", ["update"], { before: cluster(false, []), after: cluster(true, ["198.51.100.0/24"]) })]);
    expect(internetExposure(plan)).toEqual([{ address: "aws_eks_cluster.eks_cluster", text: "public Kubernetes API endpoint, open to 198.51.100.0/24" }]);
  });

  it("flags a public endpoint whose CIDRs widen, saying what it was", () => {
    const plan = planOf([change("aws_eks_cluster.eks_cluster", ["update"], { before: cluster(true, ["198.51.100.0/24"]), after: cluster(true, ["0.0.0.0/0"]) })]);
    expect(internetExposure(plan)[0].text).toBe("public Kubernetes API endpoint, open to 0.0.0.0/0 (was: public Kubernetes API endpoint, open to 198.51.100.0/24)");
  });

  it("does not flag an update that leaves the exposure as it was, or a private cluster", () => {
    const plan = planOf([
      change("aws_eks_cluster.a", ["update"], { before: { ...cluster(true, ["198.51.100.0/24"]), version: "1.33" }, after: { ...cluster(true, ["198.51.100.0/24"]), version: "1.34" } }),
      change("aws_eks_cluster.b", ["create"], { after: cluster(false, []) }),
    ]);
    expect(internetExposure(plan)).toEqual([]);
  });

  it("flags internet-facing load balancers, default routes with their target from the configuration, Elastic IPs and open ingress rules", () => {
    const plan = planOf(
      [
        change("aws_lb.ingress", ["create"], { after: { internal: false, load_balancer_type: "application" } }),
        change("aws_lb.internal", ["create"], { after: { internal: true, load_balancer_type: "network" } }),
        change("aws_route.public-default", ["create"], { after: { destination_cidr_block: "0.0.0.0/0", gateway_id: null }, after_unknown: { gateway_id: true } }),
        change("aws_route.peer", ["create"], { after: { destination_cidr_block: "10.120.0.0/16" } }),
        change("aws_eip.nat-a", ["create"], { after: { domain: "vpc" } }),
        change("aws_vpc_security_group_ingress_rule.open", ["update"], { before: ingressRule("10.0.0.0/16", 443), after: ingressRule("0.0.0.0/0", 443) }),
      ],
      [{ address: "aws_route.public-default", mode: "managed", type: "aws_route", name: "public-default", expressions: { gateway_id: { references: ["aws_internet_gateway.igw.id", "aws_internet_gateway.igw"] } } }],
    );
    expect(internetExposure(plan).map((f) => `${f.address}: ${f.text}`)).toEqual([
      "aws_lb.ingress: internet-facing application load balancer",
      "aws_route.public-default: default route 0.0.0.0/0 via ‹aws_internet_gateway.igw›",
      "aws_eip.nat-a: Elastic IP (public address)",
      "aws_vpc_security_group_ingress_rule.open: security group ingress from 0.0.0.0/0 on tcp 443 (widened)",
    ]);
  });
});

describe("protectionChanges", () => {
  it("reports a shorter key deletion window and deletion protection turned off, marked weaker", () => {
    const plan = planOf([
      change("aws_kms_key.k", ["update"], { before: { deletion_window_in_days: 30 }, after: { deletion_window_in_days: 7 } }),
      change("aws_db_instance.db", ["update"], { before: { deletion_protection: true }, after: { deletion_protection: false } }),
    ]);
    expect(protectionChanges(plan).map((f) => `${f.address}: ${f.text}`)).toEqual([
      "aws_kms_key.k: deletion_window_in_days: 30 -> 7 (weaker)",
      "aws_db_instance.db: deletion_protection: true -> false (weaker)",
    ]);
  });

  it("reports a bucket created with force_destroy and a key destroyed with its window", () => {
    const plan = planOf([
      change("aws_s3_bucket.b", ["create"], { after: { force_destroy: true } }),
      change("aws_kms_key.old", ["delete"], { before: { deletion_window_in_days: 30 } }),
    ]);
    expect(protectionChanges(plan).map((f) => f.text)).toEqual(["created with force_destroy = true", "destroyed (the key is deleted after a 30-day window)"]);
  });

  it("reports prevent_destroy removed against the base stack's lifecycles, and prevent_destroy of a new resource without one", () => {
    const plan = planOf([change("aws_s3_bucket.state", ["update"], { before: { force_destroy: false }, after: { force_destroy: false } }), change("aws_kms_key.new", ["create"], { after: {} })]);
    const now = new Map([["aws_s3_bucket.state", { preventDestroy: false }], ["aws_kms_key.new", { preventDestroy: true }]]);
    const base = new Map([["aws_s3_bucket.state", { preventDestroy: true }]]);
    expect(protectionChanges(plan, now, base).map((f) => `${f.address}: ${f.text}`)).toEqual(["aws_s3_bucket.state: prevent_destroy removed"]);
    expect(protectionChanges(plan, now).map((f) => `${f.address}: ${f.text}`)).toEqual(["aws_kms_key.new: created with prevent_destroy"]);
  });
});
