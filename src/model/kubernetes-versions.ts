/**
 * The Kubernetes versions this project accepts for EKS, kept in one place.
 * Update when EKS adds a version to (or drops one from) standard support, together with
 * the pinned add-on versions in `src/eks/addon-versions.ts`.
 */
export const SUPPORTED_KUBERNETES_VERSIONS: readonly string[] = ["1.31", "1.32", "1.33", "1.34"];
