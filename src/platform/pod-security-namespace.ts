/** A namespace with Pod Security Admission labels: enforce, audit and warn at one level. */
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { Construct } from "constructs";
import { podSecurityLabels, type PodSecurityLevel } from "./pod-security";

export interface PodSecurityNamespaceProps {
  /** Namespace name (a DNS label). */
  readonly name: string;
  /** Pod Security Standard enforced, audited and warned on. @default "restricted" */
  readonly podSecurity?: PodSecurityLevel;
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
          ...podSecurityLabels(props.podSecurity ?? "restricted"),
        },
      },
    });
  }
}
