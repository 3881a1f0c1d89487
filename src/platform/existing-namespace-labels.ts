/**
 * Pod Security labels on the `default` namespace, which Kubernetes creates unlabelled (so any
 * pod is admitted there): restricted, pinned to the cluster's version, set with server-side apply
 * (`kubernetes_labels`), which leaves the namespace itself and its other labels alone.
 */
import { Labels } from "@cdktf/provider-kubernetes/lib/labels";
import { Construct } from "constructs";
import { podSecurityLabels, type PodSecurityLevel } from "./pod-security";

export interface ExistingNamespaceLabelsProps {
  /** Namespace to label. @default "default" */
  readonly namespace?: string;
  /** Pod Security Standard enforced, audited and warned on. @default "restricted" */
  readonly podSecurity?: PodSecurityLevel;
  /** Pod Security policy version, `v<minor>` of the cluster. */
  readonly podSecurityVersion: string;
}

export class ExistingNamespaceLabels extends Construct {
  /** The labels resource. */
  public readonly resource: Labels;

  constructor(scope: Construct, id: string, props: ExistingNamespaceLabelsProps) {
    super(scope, id);
    this.resource = new Labels(this, "labels", {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: props.namespace ?? "default" },
      labels: podSecurityLabels(props.podSecurity ?? "restricted", props.podSecurityVersion),
    });
  }
}
