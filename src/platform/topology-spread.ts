/** Spreading a chart's replicas over zones (and nodes): the one constraint shape every add-on uses. No constructs. */

/** A pod topology spread constraint, as in the Kubernetes API. */
export interface TopologySpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly whenUnsatisfiable: "DoNotSchedule" | "ScheduleAnyway";
  readonly labelSelector: { readonly matchLabels: Readonly<Record<string, string>> };
  readonly matchLabelKeys: readonly string[];
}

/** Zones: what production spreads replicas over. */
export const ZONE_TOPOLOGY_KEY = "topology.kubernetes.io/zone";

/**
 * A spread of the pods labelled `podLabels` over `topologyKey`, preferred (ScheduleAnyway): during
 * a zone outage the replicas still reschedule into the others. `pod-template-hash` keeps a rolling
 * update's old and new pods apart.
 */
export function preferredSpread(podLabels: Readonly<Record<string, string>>, topologyKey: string = ZONE_TOPOLOGY_KEY): TopologySpreadConstraint {
  return {
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: "ScheduleAnyway",
    labelSelector: { matchLabels: { ...podLabels } },
    matchLabelKeys: ["pod-template-hash"],
  };
}
