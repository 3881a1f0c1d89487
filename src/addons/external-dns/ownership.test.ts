import { environmentByName } from "../../model/org";
import { loadChanged } from "../../../test-helpers/model-fixtures";

describe("ExternalDNS name ownership in the environments file", () => {
  describe("by default", () => {
    const org = loadChanged();
    it("gives production the zone minus development's names, and development its own subdomain", () => {
      expect(environmentByName(org, "production").platform!.externalDns).toMatchObject({
        domains: ["acme.example.com"],
        excludedDomains: ["development.acme.example.com"],
      });
      expect(environmentByName(org, "development").platform!.externalDns).toMatchObject({
        domains: ["development.acme.example.com"],
        excludedDomains: [],
      });
    });
  });

  describe("with domains listed", () => {
    it("narrows production to the listed names, which then exclude nothing", () => {
      const org = loadChanged((f) => (f.environments.production.platform.externalDns = { domains: ["www.acme.example.com"] }));
      expect(environmentByName(org, "production").platform!.externalDns).toMatchObject({ domains: ["www.acme.example.com"], excludedDomains: [] });
    });

    it("widens development to a second subdomain, which production then excludes too", () => {
      const org = loadChanged((f) => {
        f.environments.development.platform.externalDns = { domains: ["development.acme.example.com", "preview.acme.example.com"] };
      });
      expect(environmentByName(org, "production").platform!.externalDns.excludedDomains).toEqual([
        "development.acme.example.com",
        "preview.acme.example.com",
      ]);
    });
  });

  describe("rejects", () => {
    it("a name outside the public zone", () => {
      expect(() => loadChanged((f) => (f.environments.development.platform.externalDns = { domains: ["dev.example.org"] }))).toThrow(
        /environments\.development\.platform\.externalDns\.domains\[0\] \(line \d+\): dev\.example\.org is not in the public zone acme\.example\.com; list acme\.example\.com or names under it, such as development\.acme\.example\.com/,
      );
    });

    it("a name two clusters own, naming the other owner", () => {
      expect(() => loadChanged((f) => (f.environments.development.platform.externalDns = { domains: ["acme.example.com"] }))).toThrow(
        /environments\.development\.platform\.externalDns\.domains\[0\] \(line \d+\): acme\.example\.com is also owned by production's ExternalDNS; two clusters would overwrite each other's records/,
      );
    });

    it("two production environments that would both own the zone by default", () => {
      expect(() => loadChanged((f) => (f.environments.development.production = true))).toThrow(
        /environments\.development\.platform\.externalDns\.domains \(line \d+\): acme\.example\.com is also owned by production's ExternalDNS \(both by default\).*such as development\.acme\.example\.com/,
      );
    });

    it("a name inside another environment's domain that lies inside its own", () => {
      expect(() =>
        loadChanged((f) => (f.environments.production.platform.externalDns = { domains: ["acme.example.com", "api.development.acme.example.com"] })),
      ).toThrow(
        /environments\.production\.platform\.externalDns\.domains\[1\] \(line \d+\): api\.development\.acme\.example\.com lies in development's development\.acme\.example\.com, which lies in production's own names/,
      );
    });

    it("an ingress hostname outside the environment's names", () => {
      expect(() => loadChanged((f) => (f.environments.development.platform.ingress = { hostname: "shop.acme.example.com" }))).toThrow(
        /environments\.development\.platform\.ingress\.hostname \(line \d+\): shop\.acme\.example\.com is not among development's ExternalDNS names \(development\.acme\.example\.com\), so Route 53 would refuse the record/,
      );
      expect(() => loadChanged((f) => (f.environments.production.platform.ingress = { hostname: "app.development.acme.example.com" }))).toThrow(
        /production's ExternalDNS names \(acme\.example\.com except development\.acme\.example\.com\)/,
      );
      expect(() => loadChanged((f) => (f.environments.development.platform.ingress = { hostname: "shop.development.acme.example.com" }))).not.toThrow();
    });

    it("a name that is not a DNS name", () => {
      expect(() => loadChanged((f) => (f.environments.development.platform.externalDns = { domains: ["Dev_Env.acme.example.com"] }))).toThrow(
        /environments\.development\.platform\.externalDns\.domains\.0.*must be a DNS name such as development\.acme\.example\.com|environments\.development\.platform\.externalDns\.domains\[0\].*must be a DNS name/,
      );
    });
  });
});
