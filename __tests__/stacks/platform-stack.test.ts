import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { Release } from "@cdktf/provider-helm/lib/release";
import { Annotations as KubernetesAnnotations } from "@cdktf/provider-kubernetes/lib/annotations";
import { ClusterRoleBindingV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-binding-v1";
import { ClusterRoleV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-v1";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Labels } from "@cdktf/provider-kubernetes/lib/labels";
import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";
import { Testing } from "cdktf";
import { buildApp } from "../../src/app";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { ClusterAttributes } from "../../src/eks/cluster-attributes";
import { environmentByName, type Org } from "../../src/model/org";
import { PlatformStack } from "../../src/stacks/platform-stack";
import { loadChanged } from "../../test-helpers/model-fixtures";

const cluster: ClusterAttributes = {
  clusterName: "acme-production",
  clusterEndpoint: "https://ABCDEF0123456789.gr7.us-east-1.eks.amazonaws.com",
  clusterCertificateAuthorityData: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t",
  oidcProviderArn: "arn:aws:iam::222222222222:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789",
  oidcIssuerUrl: "https://oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789",
  addonOutputs: new Map<string, Record<string, string>>([
    ["external-dns", { "external-dns-role-arn": "arn:aws:iam::222222222222:role/acme-production-irsa-external-dns" }],
    [
      "karpenter",
      {
        "karpenter-role-arn": "arn:aws:iam::222222222222:role/acme-production-irsa-karpenter",
        "karpenter-node-role-name": "acme-production-karpenter-node",
        "karpenter-interruption-queue-name": "acme-production",
      },
    ],
  ]),
};
const externalDnsRoleArn = "arn:aws:iam::222222222222:role/acme-production-irsa-external-dns";

const certificateArn = "arn:aws:acm:us-east-1:222222222222:certificate/11111111-2222-3333-4444-555555555555";

function synthPlatform(org: Org, envName: string, attributes: ClusterAttributes = cluster): string {
  const app = Testing.app();
  const stack = new PlatformStack(app, `${envName}-platform`, { org, environment: environmentByName(org, envName), cluster: attributes });
  return Testing.synth(stack, true);
}

function resources(synth: string, type: { tfResourceType: string }): Record<string, any> {
  return JSON.parse(synth).resource?.[type.tfResourceType] ?? {};
}

function releaseValues(synth: string, name: string): any {
  const release = Object.values(resources(synth, Release)).find((r) => r.name === name);
  return parse(release.values[0]);
}

const expectedExec = (roleArn: string) => ({
  api_version: "client.authentication.k8s.io/v1beta1",
  command: "aws",
  args: ["eks", "get-token", "--cluster-name", "acme-production", "--region", "us-east-1", "--role-arn", roleArn],
});

describe("PlatformStack", () => {
  describe("for production of the default organization", () => {
    const org = loadChanged((file) => {
      file.environments.production.platform.ingress = { certificateArn, hostname: "apps.acme.example.com" };
      file.environments.production.platform.namespaces.push({ name: "legacy", podSecurity: "baseline" });
    });
    const production = environmentByName(org, "production");
    const synth = synthPlatform(org, "production");
    const parsed = JSON.parse(synth);

    it("keeps its state in S3 under production/platform.tfstate, encrypted, with a lockfile", () => {
      expect(parsed.terraform.backend.s3).toMatchObject({
        bucket: "acme-terraform-state",
        key: "production/platform.tfstate",
        encrypt: true,
        use_lockfile: true,
      });
    });

    it("configures the kubernetes provider from the cluster with exec authentication as the cluster's platform-deploy role, not the org-wide deploy role", () => {
      expect(production.eks?.platformDeployRole?.arn).toBe("arn:aws:iam::222222222222:role/acme-production-platform-deploy");
      expect(synth).toHaveProviderWithProperties(KubernetesProvider, {
        host: cluster.clusterEndpoint,
        cluster_ca_certificate: `\${base64decode("${cluster.clusterCertificateAuthorityData}")}`,
        exec: [expectedExec("arn:aws:iam::222222222222:role/acme-production-platform-deploy")],
      });
      expect(synth).not.toContain(production.deployRoleArn!);
    });

    it("configures the helm provider the same way", () => {
      expect(synth).toHaveProviderWithProperties(HelmProvider, {
        kubernetes: {
          host: cluster.clusterEndpoint,
          cluster_ca_certificate: `\${base64decode("${cluster.clusterCertificateAuthorityData}")}`,
          exec: expectedExec(production.eks!.platformDeployRole!.arn),
        },
      });
    });

    it("pins every namespace's Pod Security labels to the cluster's minor version, never latest", () => {
      const namespaces = Object.values(resources(synth, NamespaceV1));
      expect(namespaces.length).toBeGreaterThan(2);
      for (const ns of namespaces) {
        for (const mode of ["enforce", "audit", "warn"]) expect(ns.metadata.labels[`pod-security.kubernetes.io/${mode}-version`]).toBe("v1.33");
      }
      expect(synth).not.toContain('"latest"');
    });

    it("labels the default namespace restricted, pinned to the cluster's version", () => {
      expect(synth).toHaveResourceWithProperties(Labels, {
        api_version: "v1",
        kind: "Namespace",
        metadata: { name: "default" },
        labels: {
          "pod-security.kubernetes.io/enforce": "restricted",
          "pod-security.kubernetes.io/enforce-version": "v1.33",
          "pod-security.kubernetes.io/audit": "restricted",
          "pod-security.kubernetes.io/audit-version": "v1.33",
          "pod-security.kubernetes.io/warn": "restricted",
          "pod-security.kubernetes.io/warn-version": "v1.33",
        },
      });
    });

    it("gives the read-only role neither secrets nor pod logs", () => {
      const resourcesRead = Object.values(resources(synth, ClusterRoleV1)).flatMap((r) => r.rule.flatMap((rule: any) => rule.resources));
      expect(resourcesRead).toContain("pods");
      expect(resourcesRead).not.toContain("secrets");
      expect(resourcesRead).not.toContain("pods/log");
    });

    it("reads no token: it has no data source and no aws provider", () => {
      expect(parsed.data).toBeUndefined();
      expect(Object.keys(parsed.provider).sort()).toEqual(["helm", "kubernetes"]);
    });

    it("installs ExternalDNS for the cluster's zone with the IRSA role and the cluster as TXT owner", () => {
      expect(synth).toHaveResourceWithProperties(Release, {
        chart: "external-dns",
        version: "1.21.1",
        repository: "https://kubernetes-sigs.github.io/external-dns/",
        namespace: "external-dns",
      });
      expect(releaseValues(synth, "external-dns")).toMatchObject({
        serviceAccount: { annotations: { "eks.amazonaws.com/role-arn": externalDnsRoleArn } },
        txtOwnerId: "acme-production",
        domainFilters: ["acme.example.com"],
        excludeDomains: ["development.acme.example.com"],
        txtPrefix: "edns-%{record_type}.",
        policy: "upsert-only",
        extraArgs: ["--aws-zone-type=public", "--zone-id-filter=Z0123456789EXAMPLEZONE", "--aws-zone-match-parent"],
      });
    });

    it("passes the cluster's records role to ExternalDNS when it has one", () => {
      const assumeRoleArn = "arn:aws:iam::111111111111:role/acme-production-external-dns-records";
      const values = releaseValues(synthPlatform(org, "production", {
        ...cluster,
        addonOutputs: new Map([...cluster.addonOutputs, ["external-dns", { "external-dns-role-arn": externalDnsRoleArn, "external-dns-assume-role-arn": assumeRoleArn }]]),
      }), "external-dns");
      expect(values.extraArgs).toEqual([
        "--aws-zone-type=public",
        "--zone-id-filter=Z0123456789EXAMPLEZONE",
        "--aws-zone-match-parent",
        `--aws-assume-role=${assumeRoleArn}`,
      ]);
      expect(values.serviceAccount.annotations["eks.amazonaws.com/role-arn"]).toBe(externalDnsRoleArn);
    });

    it("installs ingress-nginx with production replicas, PDB, zone spread and TLS at the NLB", () => {
      expect(synth).toHaveResourceWithProperties(Release, {
        chart: "ingress-nginx",
        version: "4.15.1",
        repository: "https://kubernetes.github.io/ingress-nginx",
        namespace: "ingress-nginx",
      });
      const { controller } = releaseValues(synth, "ingress-nginx");
      expect(controller.replicaCount).toBe(production.platform!.ingress.replicas);
      expect(controller.replicaCount).toBeGreaterThanOrEqual(2);
      expect(controller.minAvailable).toBe(1);
      expect(controller.topologySpreadConstraints).toHaveLength(1);
      expect(controller.service.annotations).toMatchObject({
        "service.beta.kubernetes.io/aws-load-balancer-ssl-cert": certificateArn,
        "external-dns.alpha.kubernetes.io/hostname": "apps.acme.example.com",
      });
    });

    it("admits the admission webhook only from the environment's control-plane subnets, and metrics from its private subnets", () => {
      const fromControlPlane = ["10.130.216.0/28", "10.130.216.16/28", "10.130.216.32/28"].map((cidr) => ({ ip_block: { cidr } }));
      expect(production.subnets.map((s) => s.controlPlane)).toEqual(fromControlPlane.map((f) => f.ip_block.cidr));
      const fromPrivate = production.subnets.map((s) => ({ ip_block: { cidr: s.private } }));
      expect(synth).toHaveResourceWithProperties(NetworkPolicyV1, {
        metadata: { name: "ingress-nginx-controller", namespace: "ingress-nginx" },
        spec: expect.objectContaining({
          ingress: expect.arrayContaining([
            { from: fromControlPlane, ports: [{ port: "8443", protocol: "TCP" }] },
            { from: fromPrivate, ports: [{ port: "10254", protocol: "TCP" }] },
          ]),
        }),
      });
    });

    it("labels the platform and application namespaces for Pod Security Admission", () => {
      const levels = Object.fromEntries(
        Object.values(resources(synth, NamespaceV1)).map((ns) => [ns.metadata.name, ns.metadata.labels["pod-security.kubernetes.io/enforce"]]),
      );
      expect(levels).toEqual({
        "external-dns": "restricted",
        "metrics-server": "restricted",
        "ingress-nginx": "restricted",
        karpenter: "restricted",
        apps: "restricted",
        legacy: "baseline",
      });
    });

    it("denies ingress by default in every application namespace and admits the ingress controller", () => {
      const policies = Object.values(resources(synth, NetworkPolicyV1)).map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
      expect(policies.sort()).toEqual([
        "apps/allow-from-ingress-controller",
        "apps/default-deny-ingress",
        "ingress-nginx/ingress-nginx-controller",
        "legacy/allow-from-ingress-controller",
        "legacy/default-deny-ingress",
        "metrics-server/metrics-server",
      ]);
      expect(synth).toHaveResourceWithProperties(NetworkPolicyV1, {
        metadata: { name: "allow-from-ingress-controller", namespace: "apps" },
        spec: expect.objectContaining({
          ingress: [{ from: [{ namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }] }],
        }),
      });
    });

    it("makes encrypted gp3 the default storage class and un-marks gp2", () => {
      expect(synth).toHaveResourceWithProperties(StorageClassV1, {
        metadata: { name: "gp3", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
        parameters: expect.objectContaining({ encrypted: "true", type: "gp3" }),
      });
      expect(synth).toHaveResourceWithProperties(KubernetesAnnotations, {
        metadata: { name: "gp2" },
        annotations: { "storageclass.kubernetes.io/is-default-class": "false" },
        force: true,
      });
    });

    it("installs Karpenter with the AWS side's role and queue, and the node pools after it", () => {
      expect(releaseValues(synth, "karpenter")).toMatchObject({
        replicas: 2,
        serviceAccount: { annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::222222222222:role/acme-production-irsa-karpenter" } },
        settings: { clusterName: "acme-production", interruptionQueue: "acme-production" },
      });
      expect(releaseValues(synth, "karpenter-node-pools").nodePools.map((p: { name: string }) => p.name)).toEqual(["default"]);
    });

    it("binds the read-only ClusterRole to the read-only group", () => {
      expect(synth).toHaveResourceWithProperties(ClusterRoleV1, { metadata: { name: "platform-read-only" } });
      expect(synth).toHaveResourceWithProperties(ClusterRoleBindingV1, {
        subject: [{ kind: "Group", name: "platform-read-only", api_group: "rbac.authorization.k8s.io" }],
      });
    });

    it("gives resources readable logical ids from their construct paths", () => {
      expect(Object.keys(resources(synth, Release)).sort()).toEqual([
        "external-dns_release",
        "ingress-nginx_release",
        "karpenter_crd-release",
        "karpenter_node-pools-release",
        "karpenter_release",
        "metrics-server_release",
      ]);
      expect(Object.keys(resources(synth, StorageClassV1))).toEqual(["storage-class_gp3"]);
    });
  });

  describe("for an environment whose model lets the read-only role read pod logs and secrets", () => {
    const org = loadChanged((file) => (file.environments.production.eks.readOnlyAlsoReads = ["podLogs", "secrets"]));
    const synth = synthPlatform(org, "production");

    it("adds pods/log and secrets to the core-group rule, read-only", () => {
      const core = Object.values(resources(synth, ClusterRoleV1))[0].rule.find((r: any) => r.api_groups[0] === "");
      expect(core.resources).toEqual(expect.arrayContaining(["pods/log", "secrets"]));
      expect(core.verbs).toEqual(["get", "list", "watch"]);
    });
  });

  describe("for a cluster on another Kubernetes version", () => {
    it("pins the labels to that version", () => {
      const org = loadChanged((file) => (file.environments.production.eks.version = "1.32"));
      const synth = synthPlatform(org, "production");
      for (const ns of Object.values(resources(synth, NamespaceV1))) expect(ns.metadata.labels["pod-security.kubernetes.io/enforce-version"]).toBe("v1.32");
    });
  });

  describe("for development with ambient credentials and no ingress controller", () => {
    const org = loadChanged((file) => {
      file.environments.development.ambientCredentials = true;
      // Ambient credentials leave the state roles' deployer unknown: name it.
      file.state.deployers = { development: "arn:aws:iam::333333333333:role/ci", "development-platform": "arn:aws:iam::333333333333:role/ci" };
      file.environments.development.platform.ingress = { controller: "none" };
    });
    const synth = synthPlatform(org, "development", { ...cluster, clusterName: "acme-development" });

    it("gets the token without assuming a role (no deploy role is known, so no platform-deploy role exists)", () => {
      expect(environmentByName(org, "development").eks?.platformDeployRole).toBeUndefined();
      expect(synth).toHaveProviderWithProperties(KubernetesProvider, {
        exec: [
          {
            api_version: "client.authentication.k8s.io/v1beta1",
            command: "aws",
            args: ["eks", "get-token", "--cluster-name", "acme-development", "--region", "us-east-1"],
          },
        ],
      });
    });

    it("installs no ingress controller and admits nothing into application namespaces", () => {
      expect(Object.values(resources(synth, Release)).map((r) => r.name).sort()).toEqual(["external-dns", "karpenter", "karpenter-crd", "karpenter-node-pools", "metrics-server"]);
      const policies = Object.values(resources(synth, NetworkPolicyV1)).map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
      expect(policies.filter((p) => p.startsWith("apps/"))).toEqual(["apps/default-deny-ingress"]);
    });

    it("uses the development cluster's name as the ExternalDNS TXT owner", () => {
      expect(releaseValues(synth, "external-dns").txtOwnerId).toBe("acme-development");
    });
  });

  describe("for development outside production", () => {
    const synth = synthPlatform(loadChanged(), "development");

    it("runs one ingress replica without PDB settings or zone spread", () => {
      const { controller } = releaseValues(synth, "ingress-nginx");
      expect(controller.replicaCount).toBe(1);
      expect(controller.minAvailable).toBeUndefined();
      expect(controller.topologySpreadConstraints).toBeUndefined();
    });
  });

  describe("wired by buildApp to the production stack's cluster", () => {
    const app = Testing.app();
    const landingZone = buildApp(app, loadChanged());
    const platform = landingZone.platforms.get("production")!;
    // Cross-stack references resolve when the whole app synthesizes.
    app.synth();
    const parsed = JSON.parse(readFileSync(join(app.outdir, "stacks", "production-platform", "cdk.tf.json"), "utf8"));
    const remote = "data.terraform_remote_state.cross-stack-reference-input-production.outputs";

    it("creates a platform stack for each environment with a cluster only", () => {
      expect([...landingZone.platforms.keys()].sort()).toEqual(["development", "production"]);
      expect(platform.node.id).toBe("production-platform");
    });

    it("reads the cluster's attributes from the production stack's state", () => {
      expect(parsed.data.terraform_remote_state["cross-stack-reference-input-production"].config).toMatchObject({
        bucket: "acme-terraform-state",
        key: "production/network-cluster.tfstate",
      });
      const kubernetes = parsed.provider.kubernetes[0];
      expect(kubernetes.host.startsWith(`\${${remote}.`)).toBe(true);
      expect(kubernetes.cluster_ca_certificate).toMatch(/^\$\{base64decode\(data\.terraform_remote_state\./);
      expect(kubernetes.exec[0].args[3]).toMatch(/^\$\{data\.terraform_remote_state\./);
    });

    it("annotates the ExternalDNS service account with the IRSA role from the production stack, readable in the plan", () => {
      const values = parse(parsed.resource.helm_release["external-dns_release"].values[0]);
      expect(values.serviceAccount.annotations["eks.amazonaws.com/role-arn"]).toMatch(/^\$\{nonsensitive\(data\.terraform_remote_state\.[^}]+\)\}$/);
      expect(values.txtOwnerId).toMatch(/^\$\{nonsensitive\(data\.terraform_remote_state\.[^}]+cluster_name\)\}$/);
    });

    it("has ExternalDNS assume the records role in the zone's account, by the ARN the dns stack gives it", () => {
      // Production (222222222222) is outside the zone's account (111111111111); the name is known at synth.
      const values = parse(parsed.resource.helm_release["external-dns_release"].values[0]);
      const assume = values.extraArgs.filter((a: string) => a.startsWith("--aws-assume-role="));
      expect(assume).toEqual(["--aws-assume-role=arn:aws:iam::111111111111:role/acme-production-external-dns-records"]);
    });

    it("carries the model's warning that Karpenter's AMI alias is not pinned", () => {
      const warnings = platform.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
      expect(warnings.filter((w) => /karpenter/i.test(w))).toEqual([expect.stringMatching(/^environments\.production\.eks: Karpenter's nodes use al2023@latest/)]);
    });

    it("carries the model's warning that ingress-nginx is retired", () => {
      const warnings = platform.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
      expect(warnings.filter((w) => /ingress/.test(w))).toEqual([expect.stringMatching(/^environments\.production\.platform\.ingress\.controller: ingress-nginx was retired/)]);
    });
  });

  describe("with bad input", () => {
    it("refuses an environment without a cluster", () => {
      const org = loadChanged();
      expect(() => new PlatformStack(Testing.app(), "management-platform", { org, environment: environmentByName(org, "management"), cluster })).toThrow(
        /environments\.management: has no eks block/,
      );
    });
  });
});
