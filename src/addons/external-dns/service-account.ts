/** The service account ExternalDNS runs as, which its IRSA role trusts and its chart creates. */
export const EXTERNAL_DNS_SERVICE_ACCOUNT = { namespace: "external-dns", name: "external-dns" } as const;
