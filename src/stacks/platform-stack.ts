/**
 * The `<env>-platform` stack: what runs inside an environment's EKS cluster. Namespaces with
 * Pod Security Admission labels, the default encrypted gp3 StorageClass, default-deny network
 * policies, read-only RBAC, and the add-ons of the registry (src/addons/registry.ts). State at
 * `<env>/platform.tfstate`.
 *
 * The kubernetes and helm providers are configured from the cluster stack's attributes (cdktf
 * cross-stack references) and authenticate with `aws eks get-token` at each run: no token data
 * source, no token in state. Keeping them out of the cluster's stack is HashiCorp's advice for
 * these providers (their configuration must be known before the plan of the resources).
 */
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Fn } from "cdktf";
import type { Construct } from "constructs";
import type { InstalledAddon } from "../addons/addon";
import { ADDONS } from "../addons/registry";
import { READ_ONLY_GROUP, type ClusterAttributes } from "../eks/cluster-attributes";
import { stateKeys } from "../model/naming";
import type { Environment, Org, Platform } from "../model/org";
import { ApplicationNamespace } from "../platform/application-namespace";
import { ExistingNamespaceLabels } from "../platform/existing-namespace-labels";
import { DefaultStorageClass } from "../platform/default-storage-class";
import { podSecurityVersion } from "../platform/pod-security";
import { eksExecAuth } from "../platform/eks-exec-auth";
import { ReadOnlyAccess } from "../platform/read-only-access";
import { LandingZoneStack } from "./landing-zone-stack";
import { addS3Backend } from "./s3-backend";

export interface PlatformStackProps {
  /** The organization (state location, public DNS zone). */
  readonly org: Org;
  /** The environment whose cluster this stack configures; it must have `eks` (and so `platform`). */
  readonly environment: Environment;
  /** The cluster's attributes, usually the `<env>` stack's cluster (tokens become cross-stack references). */
  readonly cluster: ClusterAttributes;
}

export class PlatformStack extends LandingZoneStack {
  public readonly environment: Environment;
  public readonly kubernetesProvider: KubernetesProvider;
  public readonly helmProvider: HelmProvider;
  /** The add-ons installed in the cluster, by name, in registry order. */
  public readonly addons: ReadonlyMap<string, InstalledAddon>;
  /** Application namespaces by name. */
  public readonly namespaces: ReadonlyMap<string, ApplicationNamespace>;
  /** Pod Security policy version of every namespace here (`v<minor>` of the cluster); PodSecurityNamespace reads it. */
  public readonly podSecurityVersion: string;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id);
    const { org, environment: env, cluster } = props;
    this.environment = env;
    const platform = requirePlatform(env);
    this.podSecurityVersion = podSecurityVersion(env.eks!.version);

    addS3Backend(this, org.state, stateKeys.platform(env.name));

    const host = cluster.clusterEndpoint;
    const clusterCaCertificate = Fn.base64decode(cluster.clusterCertificateAuthorityData);
    // The providers log in as the cluster's platform-deploy role (assumable only by the deploy role,
    // whose credentials run this stack); with ambient credentials, as the caller.
    const exec = eksExecAuth({ clusterName: cluster.clusterName, region: env.region, roleArn: env.eks?.platformDeployRole?.arn });
    this.kubernetesProvider = new KubernetesProvider(this, "kubernetes", { host, clusterCaCertificate, exec: [exec] });
    this.helmProvider = new HelmProvider(this, "helm", { kubernetes: { host, clusterCaCertificate, exec } });

    new DefaultStorageClass(this, "storage-class");
    new ReadOnlyAccess(this, "read-only-access", { group: READ_ONLY_GROUP, alsoReads: env.eks!.readOnlyAlsoReads });
    new ExistingNamespaceLabels(this, "default-namespace-labels", { namespace: "default", podSecurityVersion: this.podSecurityVersion });

    const installed = new Map<string, InstalledAddon>();
    for (const addon of ADDONS) {
      if (!addon.isEnabled(env) || !addon.addClusterResources) continue;
      const outputs = cluster.addonOutputs.get(addon.name) ?? {};
      installed.set(addon.name, addon.addClusterResources(this, { org, environment: env, platform, cluster, outputs, installed }));
    }
    this.addons = installed;
    const ingressController = [...installed.values()].find((a) => a.ingressController);

    const namespaces = new Map<string, ApplicationNamespace>();
    for (const ns of platform.namespaces) {
      namespaces.set(
        ns.name,
        new ApplicationNamespace(this, `namespace-${ns.name}`, {
          name: ns.name,
          podSecurity: ns.podSecurity,
          ingressControllerNamespace: ingressController?.namespace,
        }),
      );
    }
    this.namespaces = namespaces;
  }
}

/** The environment's platform block, checked for what this stack alone can break. */
function requirePlatform(env: Environment): Platform {
  const path = `environments.${env.name}`;
  if (!env.eks || !env.platform) {
    throw new Error(`${path}: has no eks block, so it has no cluster for a platform stack; add eks or do not create ${env.name}-platform`);
  }
  return env.platform;
}
