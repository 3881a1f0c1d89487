/**
 * The add-on's fragment of the environments file: `environments.<name>.platform.externalDns`. Zod
 * only (no constructs): src/model/schema.ts puts it in the platform block, and src/model/derive.ts
 * turns it into the model's Platform.externalDns.
 */
import { z } from "zod";

/** A DNS name of lowercase labels (as `dns.publicZone`). */
const dnsName = z
  .string()
  .max(253)
  .regex(/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/, { message: "must be a DNS name such as development.acme.example.com" });

export const externalDnsSchema = z
  .strictObject({
    policy: z.enum(["upsert-only", "sync"]).default("upsert-only").describe("upsert-only never deletes records; sync does."),
    domains: z
      .array(dnsName)
      .min(1, { message: "needs at least one name; leave domains out for the default" })
      .max(20)
      .optional()
      .describe(
        "Names this cluster's ExternalDNS owns in the public zone, each with every name under it: the zone itself or names under it. " +
          "Other environments' domains below them and _acme-challenge names stay excluded; Route 53 IAM conditions enforce it. " +
          "@default the public zone for a production environment, <env>.<publicZone> for any other",
      ),
  })
  .default({ policy: "upsert-only" });
