/**
 * The add-on's fragment of the environments file: `environments.<name>.platform.externalDns`. Zod
 * only (no constructs): src/model/schema.ts puts it in the platform block, and src/model/derive.ts
 * turns it into the model's Platform.externalDns.
 */
import { z } from "zod";

export const externalDnsSchema = z
  .strictObject({
    policy: z.enum(["upsert-only", "sync"]).default("upsert-only").describe("upsert-only never deletes records; sync does."),
  })
  .default({ policy: "upsert-only" });
