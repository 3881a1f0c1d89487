/** Pod Security Admission labels of a namespace. No constructs. */

/** A Pod Security Standard level. */
export type PodSecurityLevel = "restricted" | "baseline" | "privileged";

/** The labels that enforce, audit and warn at `level` (the latest policy version). */
export function podSecurityLabels(level: PodSecurityLevel): Record<string, string> {
  return {
    "pod-security.kubernetes.io/enforce": level,
    "pod-security.kubernetes.io/enforce-version": "latest",
    "pod-security.kubernetes.io/audit": level,
    "pod-security.kubernetes.io/audit-version": "latest",
    "pod-security.kubernetes.io/warn": level,
    "pod-security.kubernetes.io/warn-version": "latest",
  };
}
