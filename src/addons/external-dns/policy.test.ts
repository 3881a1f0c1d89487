import { assumeRecordsRoleStatements, externalDnsZoneStatements, hostedZoneArn } from "./policy";

describe("external-dns-policy", () => {
  describe("hostedZoneArn", () => {
    it("builds a global Route 53 ARN in the given partition", () => {
      expect(hostedZoneArn("aws", "Z0123456789EXAMPLEZONE")).toBe("arn:aws:route53:::hostedzone/Z0123456789EXAMPLEZONE");
      expect(hostedZoneArn("aws-us-gov", "ZABC")).toBe("arn:aws-us-gov:route53:::hostedzone/ZABC");
    });
  });

  describe("externalDnsZoneStatements", () => {
    const statements = externalDnsZoneStatements("arn:aws:route53:::hostedzone/ZABC", {
      domains: ["acme.example.com"],
      excludedDomains: ["development.acme.example.com"],
      policy: "upsert-only",
    });

    it("is the ExternalDNS 0.21 tutorial's actions, with record changes scoped to the zone and to the owned names", () => {
      expect(statements).toEqual([
        {
          sid: "ChangeOwnedRecordsInPublicZone",
          effect: "Allow",
          actions: ["route53:ChangeResourceRecordSets"],
          resources: ["arn:aws:route53:::hostedzone/ZABC"],
          condition: [
            {
              test: "ForAllValues:StringLike",
              variable: "route53:ChangeResourceRecordSetsNormalizedRecordNames",
              values: ["acme.example.com", "*.acme.example.com"],
            },
            {
              test: "ForAllValues:StringNotLike",
              variable: "route53:ChangeResourceRecordSetsNormalizedRecordNames",
              values: ["development.acme.example.com", "*.development.acme.example.com", "_acme-challenge.*", "*._acme-challenge.*"],
            },
            { test: "ForAllValues:StringEquals", variable: "route53:ChangeResourceRecordSetsRecordTypes", values: ["A", "AAAA", "CNAME", "TXT"] },
            { test: "ForAllValues:StringEquals", variable: "route53:ChangeResourceRecordSetsActions", values: ["CREATE", "UPSERT"] },
          ],
        },
        {
          sid: "ReadPublicZone",
          effect: "Allow",
          actions: ["route53:ListResourceRecordSets", "route53:ListTagsForResources"],
          resources: ["arn:aws:route53:::hostedzone/ZABC"],
        },
        { sid: "ListZones", effect: "Allow", actions: ["route53:ListHostedZones"], resources: ["*"] },
      ]);
    });

    it("adds DELETE only for the sync policy", () => {
      const sync = externalDnsZoneStatements("arn:aws:route53:::hostedzone/ZABC", { domains: ["acme.example.com"], excludedDomains: [], policy: "sync" });
      expect((sync[0].condition as { variable: string; values: string[] }[]).find((c) => c.variable === "route53:ChangeResourceRecordSetsActions")?.values).toEqual(["CREATE", "UPSERT", "DELETE"]);
    });

    it("puts only ListHostedZones, which has no resource-level permissions, on '*'", () => {
      const onWildcard = statements.filter((s) => s.resources?.includes("*")).flatMap((s) => s.actions);
      expect(onWildcard).toEqual(["route53:ListHostedZones"]);
    });
  });

  describe("assumeRecordsRoleStatements", () => {
    it("allows only sts:AssumeRole on the one records role", () => {
      expect(assumeRecordsRoleStatements("arn:aws:iam::111111111111:role/acme-production-external-dns-records")).toEqual([
        {
          sid: "AssumeRecordsRoleInZoneAccount",
          effect: "Allow",
          actions: ["sts:AssumeRole"],
          resources: ["arn:aws:iam::111111111111:role/acme-production-external-dns-records"],
        },
      ]);
    });
  });
});
