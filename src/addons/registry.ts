/**
 * Every add-on, in install order: the `<env>` stack creates each enabled add-on's AWS side and
 * the `<env>-platform` stack its cluster side, looping over this list. Adding an add-on is its
 * folder (src/addons/<name>/: identity, policy, release, values, tests), one line here, its chart
 * pin in src/platform/charts.ts and its fragment of the model schema.
 *
 * The AWS Load Balancer Controller (src/addons/aws-load-balancer-controller/) is built and tested
 * but not listed yet: its IAM policy must equal upstream's iam_policy.json, whose unconditioned
 * Resource "*" statements CKV_AWS_355 refuses, and POLICY.md lists no exception for them.
 */
import type { Addon } from "./addon";
import { containerInsightsAddon } from "./amazon-cloudwatch-observability/addon";
import { clusterAutoscalerAddon } from "./cluster-autoscaler/addon";
import { externalDnsAddon } from "./external-dns/addon";
import { ingressNginxAddon } from "./ingress-nginx/addon";
import { karpenterAddon } from "./karpenter/addon";
import { metricsServerAddon } from "./metrics-server/addon";

export const ADDONS: readonly Addon[] = [externalDnsAddon, metricsServerAddon, ingressNginxAddon, containerInsightsAddon, karpenterAddon, clusterAutoscalerAddon];
