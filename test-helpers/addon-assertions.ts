/**
 * Assertions every add-on's construct test makes: its own namespace, Pod Security restricted, and
 * its pinned chart released into it after the namespace exists. Outside __tests__ so jest does
 * not collect it as a test file.
 */
import { Release } from "@cdktf/provider-helm/lib/release";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import "cdktf/lib/testing/adapters/jest";

/** The synthesized stack has namespace `name` with every Pod Security Admission mode restricted. */
export function expectRestrictedNamespace(synth: string, name: string): void {
  expect(synth).toHaveResourceWithProperties(NamespaceV1, {
    metadata: {
      name,
      labels: expect.objectContaining({
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/audit": "restricted",
        "pod-security.kubernetes.io/warn": "restricted",
      }),
    },
  });
}

/** What a release must be: name, chart, exact version, repository, namespace (written out in each test, so a pin change shows). */
export interface ExpectedRelease {
  readonly name: string;
  readonly chart: string;
  readonly version: string;
  readonly repository: string;
  readonly namespace: string;
}

/** The stack has the release as expected, and `release` (its synthesized body) waits for its namespace only. */
export function expectReleaseAfterNamespace(synth: string, release: { depends_on?: unknown }, expected: ExpectedRelease): void {
  expect(synth).toHaveResourceWithProperties(Release, { ...expected, create_namespace: false, atomic: true });
  expect(release.depends_on).toEqual([expect.stringMatching(new RegExp(`^kubernetes_namespace_v1\\.${expected.namespace}_namespace_`))]);
}
