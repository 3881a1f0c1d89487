/** Pod Security Admission labels of a namespace. No constructs. */
import type { IConstruct } from "constructs";

/** A Pod Security Standard level. */
export type PodSecurityLevel = "restricted" | "baseline" | "privileged";

/**
 * The policy version label value of a Kubernetes minor version: "1.33" -> "v1.33". Pinned to the
 * cluster's version, a cluster upgrade never tightens or loosens admission silently (Kubernetes
 * docs, "Enforce Pod Security Standards with Namespace Labels": pin the version; `latest` follows
 * the API server).
 */
export function podSecurityVersion(kubernetesVersion: string): string {
  if (!/^1\.\d{1,3}$/.test(kubernetesVersion)) {
    throw new Error(`"${kubernetesVersion}" is not a Kubernetes minor version such as 1.33; Pod Security labels pin one`);
  }
  return `v${kubernetesVersion}`;
}

/** The labels that enforce, audit and warn at `level` with the policy of `version` (`v1.33`, or `latest`). */
export function podSecurityLabels(level: PodSecurityLevel, version: string): Record<string, string> {
  return {
    "pod-security.kubernetes.io/enforce": level,
    "pod-security.kubernetes.io/enforce-version": version,
    "pod-security.kubernetes.io/audit": level,
    "pod-security.kubernetes.io/audit-version": version,
    "pod-security.kubernetes.io/warn": level,
    "pod-security.kubernetes.io/warn-version": version,
  };
}

/** A scope that knows the Pod Security policy version of its cluster (the platform stack). */
export interface PodSecurityVersionSource {
  /** `v<minor>` of the cluster, e.g. `v1.33`. */
  readonly podSecurityVersion: string;
}

/**
 * The Pod Security version the nearest enclosing scope pins (the platform stack sets it from the
 * cluster's version), or undefined when no scope does.
 */
export function podSecurityVersionOf(scope: IConstruct): string | undefined {
  for (const s of [...scope.node.scopes].reverse()) {
    const v = (s as Partial<PodSecurityVersionSource>).podSecurityVersion;
    if (typeof v === "string") return v;
  }
  return undefined;
}
