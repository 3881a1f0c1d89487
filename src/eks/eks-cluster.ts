/**
 * The EKS cluster of one environment, secure by default (POLICY.md, EKS section): secrets
 * encrypted with a rotating customer-managed key, all five control-plane log types to a
 * pre-created, encrypted log group, a private endpoint (public only when CIDRs are listed),
 * API authentication with access entries, managed node groups behind launch templates that put
 * the nodes in the cluster's own node security group (node-security-group.ts),
 * the IAM OIDC provider with IRSA roles, and pinned core add-ons.
 * It takes plain props (ids, ARNs, the model's node groups) and calls no AWS data source.
 */
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { EksCluster as TfEksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { dependable, Fn, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { iamRoleArn } from "../model/arns";
import { roleNames } from "../model/naming";
import { moveFromLegacyId } from "../moves/legacy-id";
import { KMS_DELETION_WINDOW_DAYS, keyAdministrationOnlyStatement } from "../network/logs-kms-key";
import { cidrId } from "../network/network-names";
import { addonVersionsFor, type EksAddonName } from "./addon-versions";
import { READ_ONLY_GROUP, SERVICE_ACCOUNTS, type ClusterAttributes } from "./cluster-attributes";
import { CONTROL_PLANE_LOG_TYPES, eksAccessPolicyArn, MANAGED_POLICIES, managedPolicyArn, principalId } from "./eks-util";
import { IrsaRole } from "./irsa-role";
import { ManagedNodeGroup, type NodeGroupOptions } from "./managed-node-group";
import { NodeSecurityGroup } from "./node-security-group";
import type { NodeSecurityGroupRuleOptions } from "./node-security-group-rules";
import { hostAddress } from "../vpn/vpn-plan";

export interface EksClusterProps {
  /** Cluster name (`${org}-${env}`); also names the log group, key alias and node groups. */
  readonly clusterName: string;
  /** `${organization}-${environment}`: prefix of the IAM role names (`roleNames(prefix)`). */
  readonly namePrefix: string;
  /** Kubernetes minor version, e.g. "1.33"; must have pinned add-on versions in addon-versions.ts. */
  readonly kubernetesVersion: string;
  /** Account of the environment (key policy, ARNs). */
  readonly accountId: string;
  /** AWS partition (`aws`, `aws-cn`, `aws-us-gov`) for managed policy and access policy ARNs. */
  readonly partition: string;
  /** VPC of the cluster. */
  readonly vpcId: string;
  /** CIDR of the VPC: its resolver (base + 2) is where the nodes send DNS queries. */
  readonly vpcCidr: string;
  /** Private subnets, one per AZ: every node group (nodes and pods). */
  readonly privateSubnetIds: string[];
  /**
   * The dedicated control-plane subnets, one per AZ in at least two AZs (`vpc_config.subnet_ids`):
   * EKS puts its cross-account network interfaces there, so the API server's calls into the VPC
   * (admission webhooks) come from these small ranges, not from the node and pod tier.
   */
  readonly controlPlaneSubnetIds: string[];
  /** KMS key that encrypts the control-plane log group; its key policy must admit CloudWatch Logs. */
  readonly logsKmsKeyArn: string;
  /** Retention of the control-plane log group in days. */
  readonly logRetentionDays: number;
  /** CIDRs allowed on the public endpoint. @default - [] (public endpoint off) */
  readonly publicAccessCidrs?: readonly string[];
  /** CIDRs (VPN, other networks) admitted to the private endpoint on 443. @default - [] */
  readonly apiAccessCidrs?: readonly string[];
  /** Peered hub environments admitted to the private endpoint on 443 across the peering. @default - [] */
  readonly inboundPeers?: readonly { readonly name: string; readonly cidr: string }[];
  /** IAM principal ARNs given cluster-admin through access entries. @default - [] */
  readonly admins?: readonly string[];
  /** IAM principal ARNs mapped to the Kubernetes group `READ_ONLY_GROUP`. Conflicts with `admins` (one entry per principal). @default - [] */
  readonly readOnly?: readonly string[];
  /** Managed node groups, each in every private subnet. */
  readonly nodeGroups: readonly NodeGroupOptions[];
  /**
   * What the node security group admits beyond what EKS needs (node to node, kubelet, API, HTTPS
   * out, DNS): the webhook ports the control plane calls, the data tiers the pods reach, extra egress.
   * @default - the kubelet only from the control plane; no data tier; no extra egress
   */
  readonly nodeSecurityGroup?: Omit<NodeSecurityGroupRuleOptions, "clusterName" | "vpcResolverCidr">;
  /**
   * All traffic between the node security group and the EKS cluster security group, for the one
   * rollout that moves an existing cluster's nodes out of the cluster security group.
   * @default false
   */
  readonly clusterSecurityGroupBridge?: boolean;
  /**
   * The cluster's platform-deploy role: created here with a cluster-admin access entry and trusted
   * only by `trustedPrincipalArn` (exact ARN, the environment's deploy role). Whoever applies the
   * platform stack logs in to Kubernetes as this role rather than as the deploy role itself.
   * @default - no platform-deploy role (the platform's callers need an entry in `admins`)
   */
  readonly platformDeployRole?: { readonly roleName: string; readonly trustedPrincipalArn: string };
  /**
   * `prevent_destroy` on the cluster, its secrets key and its control-plane log group, which also
   * outlives a destroy (`skip_destroy`: it holds the audit log). False only to remove the cluster on purpose.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/** Options of {@link EksCluster.addServiceAccountRole}. */
export interface ServiceAccountRoleOptions {
  /** IAM role name. */
  readonly roleName: string;
  /** The one service account allowed to assume the role. */
  readonly serviceAccount: { readonly namespace: string; readonly name: string };
  /** ARNs of managed policies to attach. @default - none */
  readonly managedPolicyArns?: readonly string[];
  /** Statements of the role's inline policy. @default - no inline policy */
  readonly inlinePolicyStatements?: readonly DataAwsIamPolicyDocumentStatement[];
}

export class EksCluster extends Construct implements ClusterAttributes {
  public readonly clusterName: string;
  public readonly clusterEndpoint: string;
  public readonly clusterCertificateAuthorityData: string;
  public readonly oidcProviderArn: string;
  public readonly oidcIssuerUrl: string;
  /** IRSA role of the VPC CNI (kube-system/aws-node). */
  public readonly vpcCniRoleArn: string;
  /** IRSA role of the EBS CSI controller (kube-system/ebs-csi-controller-sa). */
  public readonly ebsCsiRoleArn: string;
  /** The security group EKS creates for the control plane (no longer on the nodes: they have {@link nodeSecurityGroup}). */
  public readonly clusterSecurityGroupId: string;
  /** The additional security group on the control plane's network interfaces (API access on 443). */
  public readonly apiSecurityGroupId: string;
  /** The nodes' (and pods') security group: every managed node group's launch template names it, Karpenter selects it. */
  public readonly nodeSecurityGroup: NodeSecurityGroup;
  /** Id of {@link nodeSecurityGroup}. */
  public readonly nodeSecurityGroupId: string;
  /** ARN of the key that encrypts Kubernetes secrets. */
  public readonly secretsKmsKeyArn: string;
  /** ARN of the node IAM role. */
  public readonly nodeRoleArn: string;
  /** ARN of the KMS key of the cluster's log groups (`logsKmsKeyArn`); add-ons' log groups use it too. */
  public readonly logsKmsKeyArn: string;
  /** ARN of the platform-deploy role (cluster-admin for the platform stack), when the props asked for one. */
  public readonly platformDeployRoleArn?: string;
  /** The cluster resource. */
  public readonly resource: TfEksCluster;
  private readonly nodeGroupsByName = new Map<string, ManagedNodeGroup>();
  private readonly nodeGroupDefaults: Omit<ConstructorParameters<typeof ManagedNodeGroup>[2], "nodeGroup" | "dependsOn">;
  private readonly nodeGroupDependencies: ITerraformDependable[];
  private readonly afterNodesAddons: EksAddon[] = [];
  private readonly accessEntryPrincipals = new Set<string>();
  private readonly partition: string;
  private readonly irsa: { readonly oidcProviderArn: string; readonly oidcIssuerHostPath: string };
  private readonly addonOutputValues = new Map<string, Readonly<Record<string, string>>>();

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);
    const { clusterName, partition } = props;
    this.partition = partition;
    this.logsKmsKeyArn = props.logsKmsKeyArn;
    const names = roleNames(props.namePrefix);
    const admins = props.admins ?? [];
    const readOnly = props.readOnly ?? [];
    const both = readOnly.filter((arn) => admins.includes(arn));
    if (both.length > 0) {
      throw new Error(`${this.node.path}: ${both.join(", ")} listed both in admins and readOnly; an IAM principal has one access entry, keep it in one list`);
    }
    if (props.controlPlaneSubnetIds.length < 2) {
      throw new Error(
        `${this.node.path}: controlPlaneSubnetIds has ${props.controlPlaneSubnetIds.length} subnet(s); EKS needs control-plane subnets in at least two AZs`,
      );
    }
    const addonVersions = addonVersionsFor(props.kubernetesVersion);
    const protect = props.deletionProtection ?? true;

    // --- IAM: cluster and node roles --------------------------------------------------------
    const clusterTrust = new DataAwsIamPolicyDocument(this, "cluster-role-trust", {
      statement: [
        {
          sid: "EksControlPlane",
          effect: "Allow",
          actions: ["sts:AssumeRole", "sts:TagSession"],
          principals: [{ type: "Service", identifiers: ["eks.amazonaws.com"] }],
        },
      ],
    });
    const clusterRole = new IamRole(this, "cluster-role", {
      name: names.eksCluster,
      description: `EKS control plane of ${clusterName}`,
      assumeRolePolicy: clusterTrust.json,
    });
    const clusterRoleAttachments = MANAGED_POLICIES.cluster.map(
      (policy) =>
        new IamRolePolicyAttachment(this, `cluster-role-${policy}`, { role: clusterRole.name, policyArn: managedPolicyArn(partition, policy) }),
    );

    const nodeTrust = new DataAwsIamPolicyDocument(this, "node-role-trust", {
      statement: [
        { sid: "Ec2Nodes", effect: "Allow", actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }] },
      ],
    });
    const nodeRole = new IamRole(this, "node-role", {
      name: names.eksNode,
      description: `Managed node groups of ${clusterName}`,
      assumeRolePolicy: nodeTrust.json,
    });
    this.nodeRoleArn = nodeRole.arn;
    const nodeRoleAttachments = MANAGED_POLICIES.node.map(
      (policy) => new IamRolePolicyAttachment(this, `node-role-${policy}`, { role: nodeRole.name, policyArn: managedPolicyArn(partition, policy) }),
    );

    // --- Secrets encryption (CKV_AWS_58, CIS EKS 5.3.1) ---------------------------------------
    // Administration and use are separate statements: the account administers the key (through
    // IAM, so it cannot be locked out) but cannot encrypt or decrypt with it; only the cluster role uses it.
    // The cluster role is named by the ARN IAM gives it (our name, no path), so the policy is known
    // on a first plan; the key depends on the role explicitly, since KMS rejects a key policy whose
    // principal does not exist yet (MalformedPolicyDocumentException).
    const clusterRoleArn = iamRoleArn(partition, props.accountId, names.eksCluster);
    const keyPolicy = new DataAwsIamPolicyDocument(this, "secrets-key-policy", {
      statement: [
        keyAdministrationOnlyStatement(partition, props.accountId),
        {
          // Creating the cluster with encryption_config makes EKS create a grant on the key for the
          // cluster; the deploying principal may ask for it, only for an AWS resource (never a grant to itself).
          sid: "AccountGrantsForEks",
          effect: "Allow",
          actions: ["kms:CreateGrant"],
          resources: ["*"],
          principals: [{ type: "AWS", identifiers: [`arn:${partition}:iam::${props.accountId}:root`] }],
          condition: [{ test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] }],
        },
        {
          sid: "ClusterRoleUsesKey",
          effect: "Allow",
          actions: ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey", "kms:ListGrants"],
          resources: ["*"],
          principals: [{ type: "AWS", identifiers: [clusterRoleArn] }],
        },
        {
          sid: "ClusterRoleGrantsToAwsResources",
          effect: "Allow",
          actions: ["kms:CreateGrant"],
          resources: ["*"],
          principals: [{ type: "AWS", identifiers: [clusterRoleArn] }],
          condition: [{ test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] }],
        },
      ],
    });
    const secretsKey = new KmsKey(this, "secrets-key", {
      description: `Envelope encryption of Kubernetes secrets in EKS cluster ${clusterName}`,
      enableKeyRotation: true,
      deletionWindowInDays: KMS_DELETION_WINDOW_DAYS,
      policy: keyPolicy.json,
      dependsOn: [clusterRole],
      tags: { Name: `${clusterName}-eks-secrets` },
      lifecycle: { preventDestroy: protect },
    });
    new KmsAlias(this, "secrets-key-alias", { name: `alias/${clusterName}-eks-secrets`, targetKeyId: secretsKey.keyId });
    this.secretsKmsKeyArn = secretsKey.arn;

    // --- Control-plane logs (CKV_AWS_37, CIS EKS 2.1.1/2.1.2) ---------------------------------
    const logGroup = new CloudwatchLogGroup(this, "log-group", {
      // The name EKS writes to; creating it first lets us set retention and encryption.
      name: `/aws/eks/${clusterName}/cluster`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKmsKeyArn,
      // The audit log: a destroy leaves the group (and its retention) in place.
      skipDestroy: true,
      lifecycle: { preventDestroy: protect },
    });

    // --- API access: private endpoint, 443 from listed CIDRs and peered hubs ------------------
    const apiSecurityGroup = new SecurityGroup(this, "api-security-group", {
      name: `${clusterName}-eks-api`,
      description: `Additional security group of the EKS API of ${clusterName}: HTTPS from peered hubs and listed networks`,
      vpcId: props.vpcId,
      tags: { Name: `${clusterName}-eks-api` },
    });
    this.apiSecurityGroupId = apiSecurityGroup.id;
    const peers = props.inboundPeers ?? [];
    for (const peer of peers) {
      new VpcSecurityGroupIngressRule(this, `api-from-${peer.name}`, {
        securityGroupId: apiSecurityGroup.id,
        description: `HTTPS to the Kubernetes API from peered environment ${peer.name} (${peer.cidr})`,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: peer.cidr,
      });
    }
    (props.apiAccessCidrs ?? []).forEach((cidr, position) => {
      // A CIDR that is also a peer's would be a duplicate rule, which EC2 rejects.
      if (peers.some((p) => p.cidr === cidr)) return;
      // Keyed by the CIDR, so adding or removing one entry renames no other rule.
      const id = `api-access-${cidrId(cidr)}`;
      const rule = new VpcSecurityGroupIngressRule(this, id, {
        securityGroupId: apiSecurityGroup.id,
        description: `HTTPS to the Kubernetes API from ${cidr} (apiAccessCidrs)`,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: cidr,
      });
      moveFromLegacyId(rule, id, `api-access-${position}`);
    });

    // --- The nodes' own security group (node-security-group.ts) -------------------------------
    this.nodeSecurityGroup = new NodeSecurityGroup(this, "node-security-group", {
      ...props.nodeSecurityGroup,
      clusterName,
      vpcId: props.vpcId,
      vpcResolverCidr: `${hostAddress(props.vpcCidr, 2)}/32`,
      controlPlaneSecurityGroupId: apiSecurityGroup.id,
    });
    this.nodeSecurityGroupId = this.nodeSecurityGroup.securityGroupId;
    // The nodes' side of EKS's minimum rules: kubelets and pods call the API on 443. The cluster
    // security group admits only itself, and the nodes are no longer in it.
    new VpcSecurityGroupIngressRule(this, "api-from-nodes", {
      securityGroupId: apiSecurityGroup.id,
      description: `HTTPS to the Kubernetes API from the nodes and pods of ${clusterName} (node security group)`,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      referencedSecurityGroupId: this.nodeSecurityGroupId,
    });

    const publicAccessCidrs = [...(props.publicAccessCidrs ?? [])];
    const cluster = new TfEksCluster(this, "cluster", {
      name: clusterName,
      version: props.kubernetesVersion,
      roleArn: clusterRole.arn,
      vpcConfig: {
        // The dedicated /28s, never the node tier: the control plane's network interfaces (and so
        // the source of webhook calls and the private endpoint's addresses) stay in a range the
        // platform's webhook NetworkPolicy can admit alone. Node groups use the private subnets.
        subnetIds: props.controlPlaneSubnetIds,
        securityGroupIds: [apiSecurityGroup.id],
        endpointPrivateAccess: true,
        // CKV_AWS_39 / CIS EKS 5.4.2: off unless the model lists CIDRs; then only those (CKV_AWS_38).
        endpointPublicAccess: publicAccessCidrs.length > 0,
        publicAccessCidrs: publicAccessCidrs.length > 0 ? publicAccessCidrs : undefined,
      },
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: secretsKey.arn } },
      enabledClusterLogTypes: [...CONTROL_PLANE_LOG_TYPES],
      // CIS EKS 4.1.7 / 5.5.1: IAM access only through access entries; the creator is not admin.
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
      tags: { Name: clusterName },
      // The log group before the cluster (else EKS creates it unencrypted and unbounded); the role's
      // policy both before creation and until deletion has finished.
      dependsOn: [logGroup, ...clusterRoleAttachments],
      lifecycle: { preventDestroy: protect },
    });
    this.resource = cluster;
    this.clusterName = cluster.name;
    this.clusterEndpoint = cluster.endpoint;
    this.clusterCertificateAuthorityData = cluster.certificateAuthority.get(0).data;
    this.clusterSecurityGroupId = cluster.vpcConfig.clusterSecurityGroupId;
    if (props.clusterSecurityGroupBridge) this.nodeSecurityGroup.addClusterSecurityGroupBridge(this.clusterSecurityGroupId, clusterName);
    this.oidcIssuerUrl = cluster.identity.get(0).oidc.get(0).issuer;

    // --- IRSA: OIDC provider and the service-account roles ------------------------------------
    // No thumbprint_list: optional in hashicorp/aws 5.x, and IAM trusts the EKS issuers' CA itself.
    const oidcProvider = new IamOpenidConnectProvider(this, "oidc-provider", {
      url: this.oidcIssuerUrl,
      clientIdList: ["sts.amazonaws.com"],
      tags: { Name: `${clusterName}-eks-irsa` },
    });
    this.oidcProviderArn = oidcProvider.arn;
    const irsa = {
      oidcProviderArn: oidcProvider.arn,
      // From the OIDC provider, not the cluster: a data source reading a resource with planned changes
      // is deferred to apply, so every trust policy would show "known after apply" in any plan that
      // changes the cluster (an AZ added, a version bump), though apply writes the same document.
      // The provider keeps the URL without its scheme; the replace() serves the first plan, too.
      oidcIssuerHostPath: Fn.replace(oidcProvider.url, "https://", ""),
    };
    this.irsa = irsa;
    const vpcCniRole = new IrsaRole(this, "irsa-vpc-cni", {
      ...irsa,
      roleName: names.vpcCni,
      serviceAccount: SERVICE_ACCOUNTS.vpcCni,
      managedPolicyArns: MANAGED_POLICIES.vpcCni.map((p) => managedPolicyArn(partition, p)),
    });
    this.vpcCniRoleArn = vpcCniRole.roleArn;
    const ebsCsiRole = new IrsaRole(this, "irsa-ebs-csi", {
      ...irsa,
      roleName: names.ebsCsi,
      serviceAccount: SERVICE_ACCOUNTS.ebsCsi,
      managedPolicyArns: MANAGED_POLICIES.ebsCsi.map((p) => managedPolicyArn(partition, p)),
    });
    this.ebsCsiRoleArn = ebsCsiRole.roleArn;
    // --- Access entries (API authentication mode) ---------------------------------------------
    for (const arn of admins) this.grantClusterAdmin(arn);
    for (const arn of readOnly) this.grantReadOnly(arn);
    if (props.platformDeployRole) {
      this.platformDeployRoleArn = this.addPlatformDeployRole(props.platformDeployRole.roleName, props.platformDeployRole.trustedPrincipalArn, props.accountId);
    }

    // --- Add-ons --------------------------------------------------------------------------------
    const addon = (name: EksAddonName, extra: { serviceAccountRoleArn?: string; configurationValues?: string; dependsOn?: ITerraformDependable[] } = {}) =>
      new EksAddon(this, `addon-${name}`, {
        clusterName: cluster.name,
        addonName: name,
        addonVersion: addonVersions[name],
        // On create, take over the copies EKS bootstrapped (vpc-cni, coredns, kube-proxy), whatever they hold.
        resolveConflictsOnCreate: "OVERWRITE",
        // On update, keep fields someone changed in the cluster rather than silently reverting them;
        // a version bump here then never undoes an operator's emergency fix without a review.
        resolveConflictsOnUpdate: "PRESERVE",
        ...extra,
      });
    // Network policy enforcement on (CIS EKS 4.3.1 / 5.4.4); the key is a string in the add-on's schema.
    // Each add-on with an IRSA role waits for the role's policy attachments, not just the role:
    // aws-node starting before AmazonEKS_CNI_Policy is attached gets AccessDenied, and the node
    // role has no CNI policy to fall back on.
    const vpcCni = addon("vpc-cni", {
      serviceAccountRoleArn: vpcCniRole.roleArn,
      configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }),
      dependsOn: [...vpcCniRole.policyAttachments],
    });
    addon("kube-proxy");
    addon("eks-pod-identity-agent");

    this.nodeGroupDefaults = {
      clusterName,
      kubernetesVersion: cluster.version,
      nodeRoleArn: nodeRole.arn,
      subnetIds: props.privateSubnetIds,
      securityGroupIds: [this.nodeSecurityGroupId],
    };
    // The node role lacks the CNI policy: nodes join once aws-node runs with its IRSA role.
    this.nodeGroupDependencies = [...nodeRoleAttachments, vpcCni];
    for (const group of props.nodeGroups) this.addNodeGroup(group);
    // Deployments: they become ACTIVE only once nodes can run their pods.
    const afterNodes = [...this.nodeGroupsByName.values()].map((g) => g.resource);
    this.afterNodesAddons = [
      addon("coredns", { dependsOn: afterNodes }),
      addon("aws-ebs-csi-driver", { serviceAccountRoleArn: ebsCsiRole.roleArn, dependsOn: [...afterNodes, ...ebsCsiRole.policyAttachments] }),
    ];
  }

  /**
   * A managed node group in every private subnet (as aws-eks's `cluster.addNodegroupCapacity`):
   * its own launch template, the cluster's version, replaced create-before-destroy. The add-ons
   * that need running nodes (CoreDNS, the EBS CSI driver) wait for it too. `id` defaults to
   * `node-group-<name>`, its address (`eks_node-group-<name>_node-group`).
   */
  public addNodeGroup(group: NodeGroupOptions, id = `node-group-${group.name}`): ManagedNodeGroup {
    if (this.nodeGroupsByName.has(group.name)) {
      throw new Error(`${this.node.path}: a node group named ${group.name} exists already; node group names are unique in a cluster`);
    }
    const nodeGroup = new ManagedNodeGroup(this, id, { ...this.nodeGroupDefaults, nodeGroup: group, dependsOn: [...this.nodeGroupDependencies] });
    this.nodeGroupsByName.set(group.name, nodeGroup);
    for (const addon of this.afterNodesAddons) addon.dependsOn = [...(addon.dependsOn ?? []), dependable(nodeGroup.resource)];
    return nodeGroup;
  }

  /**
   * The platform-deploy role: no IAM permissions at all (`aws eks get-token` needs none), trusted
   * only by one principal by exact ARN, and cluster-admin through its access entry. The entry names
   * the role by its literal ARN (readable in the plan) and waits for the role.
   */
  private addPlatformDeployRole(roleName: string, trustedPrincipalArn: string, accountId: string): string {
    const trust = new DataAwsIamPolicyDocument(this, "platform-deploy-trust", {
      statement: [
        {
          sid: "DeployRoleOnly",
          effect: "Allow",
          actions: ["sts:AssumeRole"],
          principals: [{ type: "AWS", identifiers: [trustedPrincipalArn] }],
        },
      ],
    });
    const role = new IamRole(this, "platform-deploy-role", {
      name: roleName,
      description: `Cluster-admin of ${this.clusterName} for the platform stack; assumable by ${trustedPrincipalArn} only`,
      assumeRolePolicy: trust.json,
      tags: { Name: roleName },
    });
    const arn = `arn:${this.partition}:iam::${accountId}:role/${roleName}`;
    const entry = this.grantClusterAdmin(arn);
    entry.dependsOn = [dependable(role)];
    return arn;
  }

  /** Cluster-admin for an IAM principal: an access entry with AmazonEKSClusterAdminPolicy on the whole cluster. */
  public grantClusterAdmin(principalArn: string): EksAccessEntry {
    const pid = this.claimAccessEntry(principalArn);
    const entry = new EksAccessEntry(this, `admin-${pid}`, { clusterName: this.resource.name, principalArn, type: "STANDARD" });
    new EksAccessPolicyAssociation(this, `admin-${pid}-cluster-admin`, {
      clusterName: this.resource.name,
      principalArn: entry.principalArn,
      policyArn: eksAccessPolicyArn(this.partition, "AmazonEKSClusterAdminPolicy"),
      accessScope: { type: "cluster" },
    });
    return entry;
  }

  /**
   * Read-only access for an IAM principal: an access entry mapping it to the Kubernetes group
   * `READ_ONLY_GROUP` only. The platform stack's ClusterRole bound to that group is the one
   * definition of "read-only"; associating AmazonEKSViewPolicy as well would add a second,
   * AWS-defined grant that RBAC cannot narrow (permissions are the union of both).
   */
  public grantReadOnly(principalArn: string): EksAccessEntry {
    return new EksAccessEntry(this, `read-only-${this.claimAccessEntry(principalArn)}`, {
      clusterName: this.resource.name,
      principalArn,
      type: "STANDARD",
      kubernetesGroups: [READ_ONLY_GROUP],
    });
  }

  /**
   * Lets instances with `roleArn` join as nodes: an access entry of type EC2_LINUX, which EKS maps
   * to `system:nodes`. Managed node groups get theirs from EKS; nodes launched by something else
   * (Karpenter) need this. `id` is the entry's construct id (the ARN may be a token).
   */
  public addNodeAccessEntry(id: string, roleArn: string): EksAccessEntry {
    if (this.accessEntryPrincipals.has(roleArn)) {
      throw new Error(`${this.node.path}: ${roleArn} has an access entry already; an IAM principal has one`);
    }
    this.accessEntryPrincipals.add(roleArn);
    return new EksAccessEntry(this, id, { clusterName: this.resource.name, principalArn: roleArn, type: "EC2_LINUX" });
  }

  /** The id part of a principal's access entry; a principal has one entry, so a second grant throws. */
  private claimAccessEntry(principalArn: string): string {
    if (this.accessEntryPrincipals.has(principalArn)) {
      throw new Error(`${this.node.path}: ${principalArn} has an access entry already; an IAM principal has one, so grant it one kind of access`);
    }
    this.accessEntryPrincipals.add(principalArn);
    return principalId(principalArn);
  }

  /**
   * An IAM role for one Kubernetes service account of this cluster (IRSA), as aws-eks's
   * `cluster.addServiceAccount`: trusted only by that service account through the cluster's OIDC
   * provider. `id` is its construct id under the cluster (its address: `eks_<id>_role`).
   */
  public addServiceAccountRole(id: string, options: ServiceAccountRoleOptions): IrsaRole {
    return new IrsaRole(this, id, { ...this.irsa, ...options });
  }

  /** The managed node groups by name. */
  public get nodeGroups(): ReadonlyMap<string, ManagedNodeGroup> {
    return this.nodeGroupsByName;
  }

  /** Records the AWS-side output values of an add-on, for the platform stack (cross-stack references). */
  public recordAddonOutputs(addon: string, values: Readonly<Record<string, string>>): void {
    this.addonOutputValues.set(addon, values);
  }

  /** AWS-side output values of the cluster's add-ons by add-on name. */
  public get addonOutputs(): ReadonlyMap<string, Readonly<Record<string, string>>> {
    return this.addonOutputValues;
  }
}
