import { blocks, isTrue, num, StackContext, strings } from "../../src/policy/stack-context";

const json = {
  resource: {
    aws_vpc: { "network_vpc": { cidr_block: "10.0.0.0/16" } },
    aws_flow_log: { fl: { vpc_id: "${aws_vpc.network_vpc.id}", traffic_type: "ALL" } },
    aws_s3_bucket: { state: { bucket: "acme-state" }, logs: { bucket: "acme-logs" } },
    aws_s3_bucket_policy: { logs: { bucket: "${aws_s3_bucket.logs.id}" } },
    aws_s3_bucket_versioning: { state: { bucket: "acme-state" }, logs: { bucket: "${aws_s3_bucket_policy.logs.bucket}" } },
  },
  data: { aws_iam_policy_document: { doc: { statement: [] } } },
  terraform: { backend: { s3: { bucket: "b", encrypt: true } } },
};

describe("StackContext", () => {
  const ctx = new StackContext("management", json);

  describe("listing", () => {
    it("addresses resources, data sources and the backend", () => {
      expect(ctx.byAddress("aws_vpc.network_vpc")?.type).toBe("aws_vpc");
      expect(ctx.resources("data.aws_iam_policy_document").map((r) => r.address)).toEqual(["data.aws_iam_policy_document.doc"]);
      expect(ctx.resources("terraform.backend.s3")[0]).toMatchObject({ address: "terraform.backend.s3", body: { encrypt: true } });
      expect(ctx.resources("aws_subnet")).toEqual([]);
    });
  });

  describe("references", () => {
    it("finds the resources a value references, and only those the stack has", () => {
      expect(ctx.references("${aws_vpc.network_vpc.id}")).toEqual(["aws_vpc.network_vpc"]);
      expect(ctx.references(["${data.aws_iam_policy_document.doc.json}", "${aws_vpc.other.id}", "aws_vpc.network_vpc"])).toEqual([
        "data.aws_iam_policy_document.doc",
      ]);
    });

    it("finds the resources whose attribute references a target", () => {
      const vpc = ctx.byAddress("aws_vpc.network_vpc")!;
      expect(ctx.referencing("aws_flow_log", "vpc_id", vpc).map((r) => r.address)).toEqual(["aws_flow_log.fl"]);
      expect(ctx.resolve("${aws_vpc.network_vpc.cidr_block}", "aws_subnet")).toBeUndefined();
    });
  });

  describe("bucket companions", () => {
    it("matches by reference, by literal name and through another companion's bucket attribute", () => {
      const state = ctx.byAddress("aws_s3_bucket.state")!;
      const logs = ctx.byAddress("aws_s3_bucket.logs")!;
      expect(ctx.bucketCompanions("aws_s3_bucket_versioning", state).map((r) => r.address)).toEqual(["aws_s3_bucket_versioning.state"]);
      expect(ctx.bucketCompanions("aws_s3_bucket_versioning", logs).map((r) => r.address)).toEqual(["aws_s3_bucket_versioning.logs"]);
    });
  });

  describe("minLogRetentionDays", () => {
    it("is 365 unless the options lower it for the stack", () => {
      expect(ctx.minLogRetentionDays).toBe(365);
      expect(new StackContext("dev", {}, { minLogRetentionDays: () => 30 }).minLogRetentionDays).toBe(30);
    });
  });
});

describe("value helpers", () => {
  it("read cdktf's single blocks, lone strings, string booleans and string numbers", () => {
    expect(blocks({ a: 1 })).toEqual([{ a: 1 }]);
    expect(blocks(undefined)).toEqual([]);
    expect(strings("x")).toEqual(["x"]);
    expect(isTrue("true")).toBe(true);
    expect(isTrue("false")).toBe(false);
    expect(num("1")).toBe(1);
    expect(num("${var.x}")).toBeUndefined();
  });
});
