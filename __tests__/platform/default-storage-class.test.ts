import { Annotations as KubernetesAnnotations } from "@cdktf/provider-kubernetes/lib/annotations";
import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";
import { Testing } from "cdktf";
import { DEFAULT_CLASS_ANNOTATION, DefaultStorageClass } from "../../src/platform/default-storage-class";

describe("DefaultStorageClass", () => {
  describe("with defaults", () => {
    const synth = Testing.synthScope((scope) => new DefaultStorageClass(scope, "storage-class"));

    it("creates an encrypted gp3 class of the EBS CSI driver, marked as the default", () => {
      expect(synth).toHaveResourceWithProperties(StorageClassV1, {
        metadata: { name: "gp3", annotations: { [DEFAULT_CLASS_ANNOTATION]: "true" } },
        storage_provisioner: "ebs.csi.aws.com",
        parameters: { type: "gp3", encrypted: "true", fsType: "ext4" },
      });
    });

    it("binds volumes when a pod is scheduled and lets them grow", () => {
      expect(synth).toHaveResourceWithProperties(StorageClassV1, {
        volume_binding_mode: "WaitForFirstConsumer",
        allow_volume_expansion: true,
        reclaim_policy: "Delete",
      });
    });

    it("un-marks the gp2 class that EKS created, taking the annotation over with force", () => {
      expect(synth).toHaveResourceWithProperties(KubernetesAnnotations, {
        api_version: "storage.k8s.io/v1",
        kind: "StorageClass",
        metadata: { name: "gp2" },
        annotations: { [DEFAULT_CLASS_ANNOTATION]: "false" },
        force: true,
      });
    });
  });

  describe("with other names", () => {
    it("creates and un-marks the named classes", () => {
      const synth = Testing.synthScope((scope) => new DefaultStorageClass(scope, "sc", { name: "encrypted", previousDefault: "standard" }));
      expect(synth).toHaveResourceWithProperties(StorageClassV1, { metadata: expect.objectContaining({ name: "encrypted" }) });
      expect(synth).toHaveResourceWithProperties(KubernetesAnnotations, { metadata: { name: "standard" } });
    });
  });
});
