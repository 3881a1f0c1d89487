/**
 * An application namespace: Pod Security Admission labels, a default-deny ingress
 * NetworkPolicy, and an allow from the ingress controller's namespace. Traffic between pods of
 * the namespace is denied too; teams add the allows their workloads need.
 */
import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { Construct } from "constructs";
import type { PodSecurityLevel } from "./pod-security";
import { PodSecurityNamespace } from "./pod-security-namespace";

export interface ApplicationNamespaceProps {
  /** Namespace name (a DNS label). */
  readonly name: string;
  /** Pod Security Standard of the namespace. @default "restricted" */
  readonly podSecurity?: PodSecurityLevel;
  /** Namespace of the ingress controller, whose pods may reach every pod here. @default - no allow: nothing may reach the namespace */
  readonly ingressControllerNamespace?: string;
}

export class ApplicationNamespace extends Construct {
  /** Namespace name. */
  public readonly name: string;
  public readonly namespace: PodSecurityNamespace;

  constructor(scope: Construct, id: string, props: ApplicationNamespaceProps) {
    super(scope, id);
    this.name = props.name;
    this.namespace = new PodSecurityNamespace(this, "namespace", { name: props.name, podSecurity: props.podSecurity });
    const dependsOn = [this.namespace.resource];

    new NetworkPolicyV1(this, "default-deny-ingress", {
      metadata: { name: "default-deny-ingress", namespace: props.name },
      spec: { podSelector: {}, policyTypes: ["Ingress"] },
      dependsOn,
    });

    if (props.ingressControllerNamespace) {
      new NetworkPolicyV1(this, "allow-from-ingress", {
        metadata: { name: "allow-from-ingress-controller", namespace: props.name },
        spec: {
          podSelector: {},
          policyTypes: ["Ingress"],
          ingress: [
            {
              from: [
                { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": props.ingressControllerNamespace } } },
              ],
            },
          ],
        },
        dependsOn,
      });
    }
  }
}
