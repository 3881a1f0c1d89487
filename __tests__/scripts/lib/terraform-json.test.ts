import {
  dataSourceTypes,
  FAKE_AWS_CREDENTIALS,
  preventDestroyByAddress,
  providerAddress,
  providerArg,
  readsRemoteState,
  remoteDataSourceTypes,
  requiredProviders,
  shortAddress,
  withLocalBackend,
  withOfflineAwsProviders,
} from "../../../scripts/lib/terraform-json";

const stack = () => ({
  provider: {
    aws: [
      {
        region: "us-east-1",
        allowed_account_ids: ["222222222222"],
        assume_role: [{ role_arn: "arn:aws:iam::222222222222:role/deploy", session_name: "s" }],
        default_tags: [{ tags: { environment: "production" } }],
      },
      { alias: "accepter", region: "us-east-1", assume_role: [{ role_arn: "arn:aws:iam::333333333333:role/deploy" }] },
    ],
  },
  terraform: {
    backend: { s3: { bucket: "acme-terraform-state", key: "production/network-cluster.tfstate", region: "us-east-1" } },
    required_providers: {
      helm: { source: "helm", version: "3.0.2" },
      aws: { source: "aws", version: "5.100.0" },
    },
  },
  data: {
    aws_iam_policy_document: { trust: {} },
    terraform_remote_state: { cross: {} },
    aws_caller_identity: { me: {} },
  },
});

describe("providerAddress", () => {
  describe("each way a source can be written", () => {
    it("expands to the full registry address", () => {
      expect(providerAddress("aws")).toBe("registry.terraform.io/hashicorp/aws");
      expect(providerAddress("hashicorp/kubernetes")).toBe("registry.terraform.io/hashicorp/kubernetes");
      expect(providerAddress("example.com/acme/thing")).toBe("example.com/acme/thing");
    });

    it("shortens back for messages only on the default registry", () => {
      expect(shortAddress("registry.terraform.io/hashicorp/helm")).toBe("hashicorp/helm");
      expect(shortAddress("example.com/acme/thing")).toBe("example.com/acme/thing");
    });
  });
});

describe("requiredProviders", () => {
  describe("a stack with two providers", () => {
    it("lists them with full addresses and versions, sorted by address", () => {
      expect(requiredProviders(stack())).toEqual([
        { name: "aws", address: "registry.terraform.io/hashicorp/aws", version: "5.100.0" },
        { name: "helm", address: "registry.terraform.io/hashicorp/helm", version: "3.0.2" },
      ]);
    });
  });

  describe("a stack without a terraform block", () => {
    it("lists nothing", () => {
      expect(requiredProviders({})).toEqual([]);
    });
  });
});

describe("withLocalBackend", () => {
  describe("a stack with an S3 backend", () => {
    const local = withLocalBackend(stack(), "/tmp/x/terraform.tfstate");

    it("replaces the backend by a local one at the given path", () => {
      expect((local.terraform as { backend: unknown }).backend).toEqual({ local: { path: "/tmp/x/terraform.tfstate" } });
    });

    it("keeps required_providers", () => {
      expect(requiredProviders(local)).toHaveLength(2);
    });

    it("leaves the input untouched", () => {
      const input = stack();
      withLocalBackend(input, "/x");
      expect(input.terraform.backend).toHaveProperty("s3");
    });
  });
});

describe("withOfflineAwsProviders", () => {
  describe("aws providers that assume roles in pinned accounts", () => {
    const offline = withOfflineAwsProviders(stack()) as { provider: { aws: Record<string, unknown>[] } };

    it("drops assume_role and allowed_account_ids from every aws provider", () => {
      for (const p of offline.provider.aws) {
        expect(p).not.toHaveProperty("assume_role");
        expect(p).not.toHaveProperty("allowed_account_ids");
      }
    });

    it("sets fake keys and skips every start-up call", () => {
      expect(offline.provider.aws[0]).toMatchObject({
        ...FAKE_AWS_CREDENTIALS,
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        skip_region_validation: true,
      });
    });

    it("keeps region, alias and default tags", () => {
      expect(offline.provider.aws[0]).toMatchObject({ region: "us-east-1", default_tags: [{ tags: { environment: "production" } }] });
      expect(offline.provider.aws[1]).toMatchObject({ alias: "accepter" });
    });
  });

  describe("a stack without an aws provider", () => {
    it("returns an equal copy", () => {
      const json = { provider: { helm: [{}] } };
      expect(withOfflineAwsProviders(json)).toEqual(json);
    });
  });
});

describe("data source helpers", () => {
  describe("a stack with local, remote-state and API data sources", () => {
    it("lists the types, and the ones that call an API at plan time", () => {
      expect(dataSourceTypes(stack())).toEqual(["aws_caller_identity", "aws_iam_policy_document", "terraform_remote_state"]);
      expect(remoteDataSourceTypes(stack())).toEqual(["aws_caller_identity"]);
    });

    it("sees that the stack reads remote state", () => {
      expect(readsRemoteState(stack())).toBe(true);
      expect(readsRemoteState({ data: { aws_iam_policy_document: {} } })).toBe(false);
    });
  });
});

describe("resource readers", () => {
  const json = {
    resource: {
      aws_route53_record: { delegation: { provider: "aws.dns", name: "x" } },
      aws_kms_key: { key: { lifecycle: { prevent_destroy: true } }, other: { lifecycle: { create_before_destroy: true } } },
    },
  };

  it("reads a resource's provider argument, undefined for the type's default provider or a resource not there", () => {
    expect(providerArg(json, "aws_route53_record", "delegation")).toBe("aws.dns");
    expect(providerArg(json, "aws_kms_key", "key")).toBeUndefined();
    expect(providerArg(json, "aws_vpc", "none")).toBeUndefined();
  });

  it("reads prevent_destroy of every resource by address, false where the lifecycle does not set it", () => {
    expect([...preventDestroyByAddress(json)]).toEqual([
      ["aws_route53_record.delegation", { preventDestroy: false }],
      ["aws_kms_key.key", { preventDestroy: true }],
      ["aws_kms_key.other", { preventDestroy: false }],
    ]);
  });
});
