/**
 * Read-only access for developers: a ClusterRole that can get, list and watch the common
 * workload, networking and storage resources (never Secrets, never exec or port-forward), bound
 * to the Kubernetes group that the cluster's read-only access entries map IAM principals to.
 */
import { ClusterRoleBindingV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-binding-v1";
import { ClusterRoleV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-v1";
import { Construct } from "constructs";

/** Resources the read-only role may read, by API group ("" is the core group). Secrets are deliberately absent. */
export const READ_ONLY_RESOURCES: Readonly<Record<string, readonly string[]>> = {
  "": [
    "pods",
    "pods/log",
    "services",
    "endpoints",
    "configmaps",
    "events",
    "namespaces",
    "nodes",
    "persistentvolumes",
    "persistentvolumeclaims",
    "serviceaccounts",
    "resourcequotas",
    "limitranges",
    "replicationcontrollers",
  ],
  apps: ["deployments", "replicasets", "statefulsets", "daemonsets"],
  batch: ["jobs", "cronjobs"],
  autoscaling: ["horizontalpodautoscalers"],
  policy: ["poddisruptionbudgets"],
  "networking.k8s.io": ["ingresses", "ingressclasses", "networkpolicies"],
  "discovery.k8s.io": ["endpointslices"],
  "storage.k8s.io": ["storageclasses"],
};

export interface ReadOnlyAccessProps {
  /** Kubernetes group bound to the role (the read-only access entries' group). */
  readonly group: string;
  /** Name of the ClusterRole and its binding. @default the group name */
  readonly name?: string;
}

export class ReadOnlyAccess extends Construct {
  /** Name of the ClusterRole. */
  public readonly roleName: string;

  constructor(scope: Construct, id: string, props: ReadOnlyAccessProps) {
    super(scope, id);
    this.roleName = props.name ?? props.group;
    const role = new ClusterRoleV1(this, "cluster-role", {
      metadata: { name: this.roleName },
      rule: Object.entries(READ_ONLY_RESOURCES).map(([apiGroup, resources]) => ({
        apiGroups: [apiGroup],
        resources: [...resources],
        verbs: ["get", "list", "watch"],
      })),
    });
    new ClusterRoleBindingV1(this, "cluster-role-binding", {
      metadata: { name: this.roleName },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: this.roleName },
      subject: [{ kind: "Group", name: props.group, apiGroup: "rbac.authorization.k8s.io" }],
      dependsOn: [role],
    });
  }
}
