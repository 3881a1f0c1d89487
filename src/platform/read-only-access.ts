/**
 * Read-only access for developers: a ClusterRole that can get, list and watch the common
 * workload, networking and storage resources (never exec or port-forward; Secrets and pod logs,
 * which carry credentials and data, only when `alsoReads` lists them), bound to the Kubernetes
 * group that the cluster's read-only access entries map IAM principals to.
 */
import { ClusterRoleBindingV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-binding-v1";
import { ClusterRoleV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-v1";
import { Construct } from "constructs";

/** Resources the read-only role may read, by API group ("" is the core group). Secrets and pods/log are deliberately absent. */
export const READ_ONLY_RESOURCES: Readonly<Record<string, readonly string[]>> = {
  "": [
    "pods",
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

/** What `alsoReads` adds: the core-group resource each extra stands for. */
export const READ_ONLY_EXTRA_RESOURCES = { podLogs: "pods/log", secrets: "secrets" } as const;

export interface ReadOnlyAccessProps {
  /** Extra reads: `podLogs` (pods/log), `secrets`. @default - none */
  readonly alsoReads?: readonly (keyof typeof READ_ONLY_EXTRA_RESOURCES)[];
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
    const extras = [...new Set(props.alsoReads ?? [])].map((e) => READ_ONLY_EXTRA_RESOURCES[e]);
    const role = new ClusterRoleV1(this, "cluster-role", {
      metadata: { name: this.roleName },
      rule: Object.entries(READ_ONLY_RESOURCES).map(([apiGroup, resources]) => ({
        apiGroups: [apiGroup],
        resources: apiGroup === "" ? [...resources, ...extras] : [...resources],
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
