/**
 * The `<env>-platform` stack: what runs inside an environment's EKS cluster. Namespaces with
 * Pod Security Admission labels, the default encrypted gp3 StorageClass, default-deny network
 * policies, read-only RBAC, ExternalDNS and the ingress controller. State at
 * `<env>/platform.tfstate`.
 *
 * The kubernetes and helm providers are configured from the cluster stack's attributes (cdktf
 * cross-stack references) and authenticate with `aws eks get-token` at each run: no token data
 * source, no token in state. Keeping them out of the cluster's stack is HashiCorp's advice for
 * these providers (their configuration must be known before the plan of the resources).
 */
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Fn, Token } from "cdktf";
import type { Construct } from "constructs";
import { READ_ONLY_GROUP, type ClusterAttributes } from "../eks/cluster-attributes";
import { stateKeys } from "../model/naming";
import type { Environment, Org, Platform } from "../model/org";
import { ApplicationNamespace } from "../platform/application-namespace";
import { DefaultStorageClass } from "../platform/default-storage-class";
import { eksExecAuth } from "../platform/eks-exec-auth";
import { ExternalDns } from "../platform/external-dns";
import { IngressNginx } from "../platform/ingress-nginx";
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
  public readonly externalDns: ExternalDns;
  /** The ingress controller; undefined when the model says `controller: none`. */
  public readonly ingressNginx?: IngressNginx;
  /** Application namespaces by name. */
  public readonly namespaces: ReadonlyMap<string, ApplicationNamespace>;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id);
    const { org, environment: env, cluster } = props;
    this.environment = env;
    const platform = requirePlatform(env);

    addS3Backend(this, org.state, stateKeys.platform(env.name));

    const host = cluster.clusterEndpoint;
    const clusterCaCertificate = Fn.base64decode(cluster.clusterCertificateAuthorityData);
    const exec = eksExecAuth({ clusterName: cluster.clusterName, region: env.region, roleArn: env.deployRoleArn });
    this.kubernetesProvider = new KubernetesProvider(this, "kubernetes", { host, clusterCaCertificate, exec: [exec] });
    this.helmProvider = new HelmProvider(this, "helm", { kubernetes: { host, clusterCaCertificate, exec } });

    new DefaultStorageClass(this, "storage-class");
    new ReadOnlyAccess(this, "read-only-access", { group: READ_ONLY_GROUP });

    this.externalDns = new ExternalDns(this, "external-dns", {
      roleArn: readableInPlan(cluster.externalDnsRoleArn),
      txtOwnerId: readableInPlan(cluster.clusterName),
      domainFilter: org.dns.publicZone,
      zoneId: org.dns.publicZoneId,
      policy: platform.externalDns.policy,
      assumeRoleArn: cluster.externalDnsAssumeRoleArn && readableInPlan(cluster.externalDnsAssumeRoleArn),
    });

    if (platform.ingress.controller === "ingress-nginx") {
      this.ingressNginx = new IngressNginx(this, "ingress-nginx", {
        replicas: platform.ingress.replicas,
        highAvailability: env.production,
        privateSubnetCidrs: env.subnets.map((s) => s.private),
        // The model sets controlPlane in every AZ of an environment with eks.
        controlPlaneSubnetCidrs: env.subnets.flatMap((s) => (s.controlPlane === undefined ? [] : [s.controlPlane])),
        certificateArn: platform.ingress.certificateArn,
        hostname: platform.ingress.hostname,
      });
    }

    const namespaces = new Map<string, ApplicationNamespace>();
    for (const ns of platform.namespaces) {
      namespaces.set(
        ns.name,
        new ApplicationNamespace(this, `namespace-${ns.name}`, {
          name: ns.name,
          podSecurity: ns.podSecurity,
          ingressControllerNamespace: this.ingressNginx?.namespace.name,
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

/**
 * cdktf marks every cross-stack output sensitive, and one sensitive value hides a whole Helm
 * `values` document in `terraform plan` as "(sensitive value)". Role ARNs and the cluster name
 * are not secrets, so they are unwrapped for reviewers; a plain string passes through unchanged.
 * (Terraform >= 1.10, which every stack requires, accepts nonsensitive() on any value.)
 */
function readableInPlan(value: string): string {
  return Token.isUnresolved(value) ? Fn.nonsensitive(value) : value;
}
