import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { Release } from "@cdktf/provider-helm/lib/release";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { expectReleaseAfterNamespace, expectRestrictedNamespace } from "../../../test-helpers/addon-assertions";
import { Karpenter, type KarpenterProps } from "./karpenter";
import { deriveNodeAutoscaling } from "./model";

const props: KarpenterProps = {
  clusterName: "acme-production",
  clusterEndpoint: "https://ABCDEF.gr7.us-east-1.eks.amazonaws.com",
  roleArn: "arn:aws:iam::222222222222:role/acme-production-irsa-karpenter",
  interruptionQueue: "acme-production",
  highAvailability: true,
  nodePools: {
    nodeRoleName: "acme-production-karpenter-node",
    amiAlias: "al2023@latest",
    diskSizeGiB: 50,
    nodePools: deriveNodeAutoscaling({ autoscaling: "karpenter" }, true).nodePools,
  },
};

type ReleaseBody = { name: string; chart: string; values: string[]; depends_on?: string[]; skip_crds?: boolean };

function synth() {
  const text = Testing.synthScope((scope) => new Karpenter(scope, "karpenter", props));
  const releases = JSON.parse(text).resource[Release.tfResourceType] as Record<string, ReleaseBody>;
  const byName = (name: string) => Object.entries(releases).find(([, r]) => r.name === name)!;
  return { text, byName };
}

describe("Karpenter", () => {
  const { text, byName } = synth();

  it("creates the karpenter namespace, Pod Security restricted", () => {
    expectRestrictedNamespace(text, "karpenter");
  });

  it("installs the pinned karpenter-crd chart 1.14.1 first, after the namespace", () => {
    expectReleaseAfterNamespace(text, byName("karpenter-crd")[1], {
      name: "karpenter-crd",
      chart: "karpenter-crd",
      version: "1.14.1",
      repository: "oci://public.ecr.aws/karpenter",
      namespace: "karpenter",
    });
  });

  it("installs the pinned karpenter chart 1.14.1 after the CRDs, leaving the CRDs to their own release", () => {
    const [, release] = byName("karpenter");
    expect(text).toHaveResourceWithProperties(Release, { name: "karpenter", chart: "karpenter", version: "1.14.1", repository: "oci://public.ecr.aws/karpenter", namespace: "karpenter", skip_crds: true });
    expect(release.depends_on).toEqual([`helm_release.${byName("karpenter-crd")[0]}`]);
    expect(parse(release.values[0])).toMatchObject({ replicas: 2, settings: { clusterName: "acme-production", interruptionQueue: "acme-production" } });
  });

  it("installs its node class and pools from the project's own chart, shipped as an asset, after both", () => {
    const [, release] = byName("karpenter-node-pools");
    expect(release.chart).toMatch(/^assets\/karpenter_node-pools-chart(_[A-F0-9]+)?\/[A-F0-9]+$/);
    expect(release.depends_on).toEqual([`helm_release.${byName("karpenter-crd")[0]}`, `helm_release.${byName("karpenter")[0]}`]);
    const values = parse(release.values[0]);
    expect(values.nodeClasses.map((c: { name: string }) => c.name)).toEqual(["default"]);
    expect(values.nodePools.map((p: { name: string }) => p.name)).toEqual(["default"]);
    expect(values.nodePools[0].spec.template.spec.requirements).toContainEqual({ key: "karpenter.sh/capacity-type", operator: "In", values: ["on-demand"] });
  });

  it("ships the chart's files with the synthesized stack, at the path the release names", () => {
    const stack = new TerraformStack(Testing.app(), "platform");
    new HelmProvider(stack, "helm", {});
    new KubernetesProvider(stack, "kubernetes", {});
    new Karpenter(stack, "karpenter", props);
    const outdir = Testing.fullSynth(stack);
    const stackDir = join(outdir, "stacks", "platform");
    const json = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8"));
    const release = Object.values(json.resource.helm_release as Record<string, ReleaseBody>).find((r) => r.name === "karpenter-node-pools")!;
    for (const file of ["Chart.yaml", "values.yaml", "templates/ec2nodeclasses.yaml", "templates/nodepools.yaml"]) {
      expect(existsSync(join(stackDir, release.chart, file))).toBe(true);
    }
  });
});
