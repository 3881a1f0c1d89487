import { assumeRecordsRoleStatements, externalDnsZoneStatements, hostedZoneArn } from "./policy";

describe("external-dns-policy", () => {
  describe("hostedZoneArn", () => {
    it("builds a global Route 53 ARN in the given partition", () => {
      expect(hostedZoneArn("aws", "Z0123456789EXAMPLEZONE")).toBe("arn:aws:route53:::hostedzone/Z0123456789EXAMPLEZONE");
      expect(hostedZoneArn("aws-us-gov", "ZABC")).toBe("arn:aws-us-gov:route53:::hostedzone/ZABC");
    });
  });

  describe("externalDnsZoneStatements", () => {
    const statements = externalDnsZoneStatements("arn:aws:route53:::hostedzone/ZABC");

    it("is exactly the ExternalDNS 0.21 tutorial's policy, with record changes scoped to the zone", () => {
      expect(statements).toEqual([
        {
          sid: "ChangeRecordsInPublicZone",
          effect: "Allow",
          actions: ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets", "route53:ListTagsForResources"],
          resources: ["arn:aws:route53:::hostedzone/ZABC"],
        },
        { sid: "ListZones", effect: "Allow", actions: ["route53:ListHostedZones"], resources: ["*"] },
      ]);
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
