/**
 * The cluster's default StorageClass: encrypted gp3 volumes from the EBS CSI driver, bound when
 * a pod is scheduled (so the volume lands in the pod's AZ), expandable. EKS creates a `gp2`
 * class for the in-tree driver; this construct un-marks it as default, because two defaults
 * make every PVC without a class ambiguous.
 */
import { Annotations as KubernetesAnnotations } from "@cdktf/provider-kubernetes/lib/annotations";
import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";
import { Construct } from "constructs";

/** The annotation that marks a StorageClass as the cluster default. */
export const DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";

export interface DefaultStorageClassProps {
  /** Name of the new class. @default "gp3" */
  readonly name?: string;
  /** Name of the class EKS created that must stop being default. @default "gp2" */
  readonly previousDefault?: string;
}

export class DefaultStorageClass extends Construct {
  /** Name of the default class. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: DefaultStorageClassProps = {}) {
    super(scope, id);
    this.name = props.name ?? "gp3";
    new StorageClassV1(this, "gp3", {
      metadata: { name: this.name, annotations: { [DEFAULT_CLASS_ANNOTATION]: "true" } },
      storageProvisioner: "ebs.csi.aws.com",
      reclaimPolicy: "Delete",
      volumeBindingMode: "WaitForFirstConsumer",
      allowVolumeExpansion: true,
      parameters: { type: "gp3", encrypted: "true", fsType: "ext4" },
    });

    // Patches the annotation on the existing class (server-side apply, taking the field over).
    new KubernetesAnnotations(this, "gp2-not-default", {
      apiVersion: "storage.k8s.io/v1",
      kind: "StorageClass",
      metadata: { name: props.previousDefault ?? "gp2" },
      annotations: { [DEFAULT_CLASS_ANNOTATION]: "false" },
      force: true,
    });
  }
}
