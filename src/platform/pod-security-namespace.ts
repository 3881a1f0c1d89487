/** A namespace with Pod Security Admission labels: enforce, audit and warn at one level, pinned to the cluster's version. */
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { Construct } from "constructs";
import { podSecurityLabels, podSecurityVersionOf, type PodSecurityLevel } from "./pod-security";

export interface PodSecurityNamespaceProps {
  /** Namespace name (a DNS label). */
  readonly name: string;
  /** Pod Security Standard enforced, audited and warned on. @default "restricted" */
  readonly podSecurity?: PodSecurityLevel;
  /**
   * Pod Security policy version of the labels (`v1.33`). @default - the enclosing platform
   * stack's (the cluster's minor version); `latest` only outside any scope that knows a cluster
   */
  readonly podSecurityVersion?: string;
  /** Extra labels. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
}

export class PodSecurityNamespace extends Construct {
  /** Namespace name, for resources that live in it. */
  public readonly name: string;
  /** The namespace resource; depend on it before creating objects inside. */
  public readonly resource: NamespaceV1;

  constructor(scope: Construct, id: string, props: PodSecurityNamespaceProps) {
    super(scope, id);
    this.name = props.name;
    this.resource = new NamespaceV1(this, "namespace", {
      metadata: {
        name: props.name,
        labels: {
          "app.kubernetes.io/managed-by": "terraform",
          ...props.labels,
          ...podSecurityLabels(props.podSecurity ?? "restricted", props.podSecurityVersion ?? podSecurityVersionOf(this) ?? "latest"),
        },
      },
    });
  }
}
