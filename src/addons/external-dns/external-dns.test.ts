import { Release } from "@cdktf/provider-helm/lib/release";
import { Testing } from "cdktf";
import { parse } from "yaml";
import { ExternalDns, type ExternalDnsProps } from "./external-dns";
import { expectReleaseAfterNamespace, expectRestrictedNamespace } from "../../../test-helpers/addon-assertions";

const props: ExternalDnsProps = {
  roleArn: "arn:aws:iam::222222222222:role/acme-production-irsa-external-dns",
  txtOwnerId: "acme-production",
  domainFilters: ["acme.example.com"],
  excludeDomains: ["development.acme.example.com"],
  zoneId: "Z0123456789EXAMPLEZONE",
  policy: "sync",
};

describe("ExternalDns", () => {
  describe("with a role, an owner id and a zone", () => {
    const synth = Testing.synthScope((scope) => new ExternalDns(scope, "external-dns", props));
    const release = Object.values(JSON.parse(synth).resource[Release.tfResourceType])[0] as any;
    const values = parse(release.values[0]);

    it("creates the external-dns namespace, Pod Security restricted", () => {
      expectRestrictedNamespace(synth, "external-dns");
    });

    it("installs the pinned external-dns chart into it", () => {
      expectReleaseAfterNamespace(synth, release, { name: "external-dns", chart: "external-dns", version: "1.21.1", repository: "https://kubernetes-sigs.github.io/external-dns/", namespace: "external-dns" });
    });

    it("renders the typed values into the release", () => {
      expect(values).toMatchObject({
        serviceAccount: { name: "external-dns", annotations: { "eks.amazonaws.com/role-arn": props.roleArn } },
        txtOwnerId: "acme-production",
        domainFilters: ["acme.example.com"],
        excludeDomains: ["development.acme.example.com"],
        txtPrefix: "edns-%{record_type}.",
        policy: "sync",
        registry: "txt",
        extraArgs: ["--aws-zone-type=public", "--zone-id-filter=Z0123456789EXAMPLEZONE", "--aws-zone-match-parent"],
      });
    });
  });

  describe("with a role to assume in the zone's account", () => {
    it("passes it to ExternalDNS as --aws-assume-role", () => {
      const assumeRoleArn = "arn:aws:iam::111111111111:role/acme-production-external-dns-records";
      const synth = Testing.synthScope((scope) => new ExternalDns(scope, "external-dns", { ...props, assumeRoleArn }));
      const release = Object.values(JSON.parse(synth).resource[Release.tfResourceType])[0] as any;
      expect(parse(release.values[0]).extraArgs).toContain(`--aws-assume-role=${assumeRoleArn}`);
    });
  });
});
