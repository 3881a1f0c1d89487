/**
 * Every add-on, in install order: the `<env>` stack creates each enabled add-on's AWS side and
 * the `<env>-platform` stack its cluster side, looping over this list. Adding an add-on is its
 * folder, one line here, its chart pin in src/platform/charts.ts and its fragment of the model
 * schema.
 */
import type { Addon } from "./addon";
import { externalDnsAddon } from "./external-dns/addon";
import { ingressNginxAddon } from "./ingress-nginx/addon";

export const ADDONS: readonly Addon[] = [externalDnsAddon, ingressNginxAddon];
