/**
 * The add-on's fragment of the environments file: `environments.<name>.platform.ingress`. Zod
 * only (no constructs): src/model/schema.ts puts it in the platform block, and src/model/derive.ts
 * turns it into the model's Platform.ingress.
 */
import { z } from "zod";

export const ingressSchema = z
  .strictObject({
    controller: z
      .enum(["ingress-nginx", "none"])
      .default("ingress-nginx")
      .describe("Ingress controller. ingress-nginx was retired upstream on 2026-03-24; synth warns when it is selected."),
    replicas: z.number().int().min(1).optional().describe("Controller replicas; production needs at least 2. @default 3 in production, else 1"),
    certificateArn: z
      .string()
      .regex(/^arn:aws(-[a-z]+)*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/, { message: "must be an ACM certificate ARN" })
      .optional()
      .describe("ACM certificate: TLS terminates at the NLB on 443."),
    hostname: z.string().max(253, { message: "a DNS name is at most 253 characters" }).optional().describe("A hostname in the public zone that ExternalDNS points at the NLB."),
  })
  .default({ controller: "ingress-nginx" });
