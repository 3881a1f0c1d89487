import Ajv from "ajv";
import { parse } from "yaml";
import { unknownValuePaths } from "../../platform/chart-values-check";
import { EXTERNAL_DNS_CHART } from "../../platform/charts";
import { externalDnsValues, type ExternalDnsValuesOptions } from "./values";
import { renderHelmValues } from "../../platform/helm-values";
import { chartDefaults, chartSchema, describeChart } from "../../../test-helpers/shared-charts";

const options: ExternalDnsValuesOptions = {
  roleArn: "arn:aws:iam::222222222222:role/acme-production-irsa-external-dns",
  txtOwnerId: "acme-production",
  domainFilters: ["acme.example.com"],
  zoneId: "Z0123456789EXAMPLEZONE",
  policy: "upsert-only",
};

describe("externalDnsValues", () => {
  describe("with a zone id", () => {
    const values = externalDnsValues(options);

    it("uses the aws provider on public zones of the domain, narrowed to the zone id", () => {
      expect(values.provider).toEqual({ name: "aws" });
      expect(values.domainFilters).toEqual(["acme.example.com"]);
      expect(values.excludeDomains).toEqual([]);
      expect(values.extraArgs).toEqual(["--aws-zone-type=public", "--zone-id-filter=Z0123456789EXAMPLEZONE", "--aws-zone-match-parent"]);
    });

    it("keeps each registry TXT record under its record's own name, with the record type in the prefix", () => {
      expect(values.txtPrefix).toBe("edns-%{record_type}.");
    });

    it("annotates the external-dns service account with the IRSA role", () => {
      expect(values.serviceAccount).toEqual({
        create: true,
        name: "external-dns",
        annotations: { "eks.amazonaws.com/role-arn": options.roleArn },
      });
    });

    it("owns its TXT records with the cluster's owner id and sets the policy explicitly", () => {
      expect(values).toMatchObject({ registry: "txt", txtOwnerId: "acme-production", policy: "upsert-only" });
    });

    it("watches services and ingresses", () => {
      expect(values.sources).toEqual(["service", "ingress"]);
    });

    it("sets resource requests and limits", () => {
      expect(values.resources).toEqual({ requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "200m", memory: "128Mi" } });
    });

    it("keeps one replica: no replica count, and Recreate so a rollout never runs two", () => {
      expect(values).not.toHaveProperty("replicaCount");
      expect(values.deploymentStrategy).toEqual({ type: "Recreate" });
    });

    it("keeps the chart's restricted security context", () => {
      expect(values).not.toHaveProperty("securityContext");
      expect(values).not.toHaveProperty("podSecurityContext");
    });
  });

  describe("for a cluster outside the zone's account", () => {
    const recordsRole = "arn:aws:iam::111111111111:role/acme-production-external-dns-records";
    const values = externalDnsValues({ ...options, assumeRoleArn: recordsRole });

    it("assumes the records role in the zone's account with --aws-assume-role, after the zone filters", () => {
      expect(values.extraArgs).toEqual([
        "--aws-zone-type=public",
        "--zone-id-filter=Z0123456789EXAMPLEZONE",
        "--aws-zone-match-parent",
        `--aws-assume-role=${recordsRole}`,
      ]);
    });

    it("keeps the IRSA role on the service account: its credentials assume the records role", () => {
      expect(values.serviceAccount.annotations).toEqual({ "eks.amazonaws.com/role-arn": options.roleArn });
    });
  });

  describe("for a cluster in the zone's account", () => {
    it("assumes no role", () => {
      expect(externalDnsValues(options).extraArgs.some((a) => a.startsWith("--aws-assume-role"))).toBe(false);
    });
  });

  describe("for an environment that owns a subdomain of the zone, minus another's below it", () => {
    const values = externalDnsValues({
      ...options,
      domainFilters: ["eu.acme.example.com"],
      excludeDomains: ["staging.eu.acme.example.com"],
    });

    it("filters to its domain, excludes the other's, and matches the zone as the domain's parent", () => {
      expect(values.domainFilters).toEqual(["eu.acme.example.com"]);
      expect(values.excludeDomains).toEqual(["staging.eu.acme.example.com"]);
      expect(values.extraArgs).toContain("--aws-zone-match-parent");
    });
  });

  describe("without a zone id and with policy sync", () => {
    it("filters by zone type only and syncs", () => {
      const values = externalDnsValues({ ...options, zoneId: undefined, policy: "sync" });
      expect(values.extraArgs).toEqual(["--aws-zone-type=public"]);
      expect(values.policy).toBe("sync");
    });
  });
});

describeChart(EXTERNAL_DNS_CHART, "externalDnsValues against the external-dns 1.21.1 chart", (dir) => {
  const rendered = parse(renderHelmValues(externalDnsValues(options)));
  const noZone = parse(
    renderHelmValues(externalDnsValues({ ...options, zoneId: undefined, policy: "sync", domainFilters: ["development.acme.example.com"], excludeDomains: ["x.development.acme.example.com"] })),
  );
  const assuming = parse(
    renderHelmValues(externalDnsValues({ ...options, assumeRoleArn: "arn:aws:iam::111111111111:role/acme-production-external-dns-records" })),
  );
  const validate = () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    return ajv.compile(chartSchema(dir) ?? {});
  };

  it("has a draft-07 values.schema.json", () => {
    expect(chartSchema(dir)?.$schema).toBe("http://json-schema.org/draft-07/schema#");
  });

  it.each([
    ["with a zone id", rendered],
    ["without a zone id", noZone],
    ["assuming a role in the zone's account", assuming],
  ])("validates against values.schema.json %s", (_name, values) => {
    const check = validate();
    const valid = check(values);
    expect(check.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each([
    ["with a zone id", rendered],
    ["without a zone id", noZone],
    ["assuming a role in the zone's account", assuming],
  ])("sets only key paths that exist in values.yaml %s", (_name, values) => {
    expect(unknownValuePaths(values, chartDefaults(dir))).toEqual([]);
  });

  it("rejects a value the schema does not allow", () => {
    const check = validate();
    expect(check({ ...rendered, policy: "upsert" })).toBe(false);
    expect(check.errors?.map((e) => e.instancePath)).toContain("/policy");
  });

  it("catches a misspelled key that the schema lets through", () => {
    const misspelled = { ...rendered, txtOwnerID: "acme-production", serviceAccount: { ...rendered.serviceAccount, anotations: {} } };
    expect(validate()(misspelled)).toBe(true);
    expect(unknownValuePaths(misspelled, chartDefaults(dir))).toEqual(["serviceAccount.anotations", "txtOwnerID"]);
  });
});
