/**
 * The alerts fragment of the environments file: `alerts` at the organization level and
 * `environments.<name>.alerts` to override it (or `alerts: none` to opt out). Zod, the derived
 * model type and the pure rules and derivation; no constructs. src/model/schema.ts puts the
 * schema in both places, src/model/rules.ts calls checkAlerts and src/model/derive.ts calls
 * deriveAlerts.
 */
import { z } from "zod";
import type { FilePath, Problem } from "../model/problems";

/** Alarm thresholds; every one has a default, so an environment overrides only what it names. */
const thresholdsSchema = z
  .strictObject({
    nodeCpuPercent: z
      .number()
      .min(1)
      .max(100)
      .optional()
      .describe("Average node CPU utilisation of the cluster (Container Insights node_cpu_utilization) that raises the alarm. @default 70"),
    nodeMemoryPercent: z
      .number()
      .min(1)
      .max(100)
      .optional()
      .describe("Average node memory utilisation of the cluster (node_memory_utilization) that raises the alarm. @default 80"),
    failedNodes: z.number().int().min(1).optional().describe("Failed nodes (cluster_failed_node_count) that raise the alarm. @default 1"),
    pendingPods: z.number().int().min(1).optional().describe("Pods Pending for 15 minutes (pod_status_pending) that raise the alarm. @default 1"),
    notReadyPods: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("Running pods that are not Ready for 15 minutes (pod_status_running - pod_status_ready) that raise the alarm. @default 1"),
    apiServer5xx: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("5xx responses of the Kubernetes API server in 5 minutes (AWS/EKS apiserver_request_total_5XX) that raise the alarm. @default 10"),
    natPacketDropPercent: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe("Packets a NAT gateway drops, in percent of the packets it receives, that raise the alarm. @default 0.01"),
  })
  .describe("Alarm thresholds; each defaults as documented.");

const alertsObject = z
  .strictObject({
    emails: z
      .array(
        z
          .string()
          .max(254, { message: "an email address is at most 254 characters" })
          .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: "must be an email address such as ops@example.com" }),
      )
      .optional()
      .describe(
        "Email addresses subscribed to the environment's alert topic. Each recipient must confirm the subscription from the email AWS sends; until then nothing reaches them. An environment's list replaces the organization's.",
      ),
    topicArn: z
      .string()
      .regex(/^arn:aws(-[a-z]+)*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/, { message: "must be an SNS topic ARN such as arn:aws:sns:us-east-1:111111111111:alerts" })
      .optional()
      .describe(
        "An existing SNS topic (for example one that a chat integration subscribes to) that receives the alerts instead of a topic this project creates; in the environment's region. Conflicts with emails.",
      ),
    thresholds: thresholdsSchema.optional(),
  })
  .describe("Where alerts go and when alarms fire.");

/** `alerts`: an object, or `none` to opt out. */
export const alertsSchema = z
  .union([z.literal("none"), alertsObject])
  .optional()
  .describe(
    "Alerts: an encrypted SNS topic with email recipients, CloudWatch alarms and GuardDuty findings routed to it. At the organization level the default of every environment; an environment's block overrides it field by field (emails and topicArn as a whole, thresholds one by one); `none` opts out. @default none",
  );

export type AlertsSpec = z.output<typeof alertsSchema>;

/** Alarm thresholds after defaults. */
export interface AlertThresholds {
  readonly nodeCpuPercent: number;
  readonly nodeMemoryPercent: number;
  readonly failedNodes: number;
  readonly pendingPods: number;
  readonly notReadyPods: number;
  readonly apiServer5xx: number;
  readonly natPacketDropPercent: number;
}

/** Defaults of the thresholds; node CPU at 70 % as in the seed write-up. */
export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = {
  nodeCpuPercent: 70,
  nodeMemoryPercent: 80,
  failedNodes: 1,
  pendingPods: 1,
  notReadyPods: 1,
  apiServer5xx: 10,
  natPacketDropPercent: 0.01,
};

/** An environment's alerts in the model. */
export interface Alerts {
  /** Email recipients of the topic this project creates; empty with `topicArn`. */
  readonly emails: readonly string[];
  /** An existing topic that receives the alerts instead; then no topic is created. */
  readonly topicArn?: string;
  readonly thresholds: AlertThresholds;
}

/** The alerts of one environment: its own block merged over the organization's; undefined when opted out. */
export function deriveAlerts(organization: AlertsSpec, environment: AlertsSpec): Alerts | undefined {
  if (environment === "none") return undefined;
  if (environment === undefined && (organization === undefined || organization === "none")) return undefined;
  const base = organization === "none" || organization === undefined ? {} : organization;
  const own = environment ?? {};
  // emails and topicArn are one choice of destination: an environment naming either replaces both.
  const ownDestination = own.emails !== undefined || own.topicArn !== undefined;
  const destination = ownDestination ? own : base;
  return {
    emails: destination.topicArn !== undefined ? [] : [...(destination.emails ?? [])],
    topicArn: destination.topicArn,
    thresholds: { ...DEFAULT_ALERT_THRESHOLDS, ...stripUndefined(base.thresholds), ...stripUndefined(own.thresholds) },
  };
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** What checkAlerts reads of the file. */
export interface AlertsFileView {
  readonly alerts?: AlertsSpec;
  readonly region: string;
  readonly environments: Readonly<Record<string, { readonly alerts?: AlertsSpec; readonly region?: string }>>;
}

/** A warning of checkAlerts, for the environment's stack. */
export interface AlertsWarning {
  readonly path: FilePath;
  readonly environment: string;
  readonly message: string;
}

/**
 * Cross-field rules of `alerts`: emails and topicArn exclusive, a topic in the environment's
 * region, addresses listed once; warnings for email subscriptions (they need confirmation) and
 * for environments whose alerts reach nobody.
 */
export function checkAlerts(file: AlertsFileView): { problems: Problem[]; warnings: AlertsWarning[] } {
  const problems: Problem[] = [];
  const warnings: AlertsWarning[] = [];
  const checkBlock = (spec: AlertsSpec, path: FilePath) => {
    if (spec === undefined || spec === "none") return;
    if (spec.emails !== undefined && spec.emails.length > 0 && spec.topicArn !== undefined) {
      problems.push({
        path: [...path, "topicArn"],
        message: `is set together with emails; alerts go either to a topic this project creates for the listed emails or to ${spec.topicArn}, so drop one (subscribe the addresses to that topic instead)`,
      });
    }
    spec.emails?.forEach((email, i) => {
      if (spec.emails!.indexOf(email) !== i) problems.push({ path: [...path, "emails", i], message: `${email} is listed twice; list each address once` });
    });
  };
  checkBlock(file.alerts, ["alerts"]);
  for (const [name, env] of Object.entries(file.environments)) {
    const at: FilePath = ["environments", name, "alerts"];
    checkBlock(env.alerts, at);
    const alerts = deriveAlerts(file.alerts, env.alerts);
    if (!alerts) continue;
    const where: FilePath = env.alerts !== undefined && env.alerts !== "none" && (env.alerts.emails !== undefined || env.alerts.topicArn !== undefined) ? at : ["alerts"];
    const region = env.region ?? file.region;
    if (alerts.topicArn !== undefined) {
      const topicRegion = alerts.topicArn.split(":")[3];
      if (topicRegion !== region) {
        problems.push({
          path: [...where, "topicArn"],
          message: `${alerts.topicArn} is in ${topicRegion}, but environment ${name} is in ${region}; CloudWatch alarms and EventBridge rules publish only to a topic of their own region, so give ${name} a topic in ${region}`,
        });
      }
    } else if (alerts.emails.length === 0) {
      warnings.push({
        path: [...where, "emails"],
        environment: name,
        message: `environment ${name} has alerts but no email recipient and no topicArn: its alert topic reaches nobody; add an address, a topicArn, or set alerts: none`,
      });
    } else {
      warnings.push({
        path: [...where, "emails"],
        environment: name,
        message: `${alerts.emails.length} email subscription(s) to ${name}'s alert topic (${alerts.emails.join(", ")}) stay pending until each recipient confirms the email "AWS Notification - Subscription Confirmation"; until then alerts reach nobody`,
      });
    }
  }
  return { problems, warnings };
}
