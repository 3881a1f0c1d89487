/**
 * The EKS add-on versions this project pins, per Kubernetes version: the one place to change
 * when EKS publishes new builds or `SUPPORTED_KUBERNETES_VERSIONS` (src/model/kubernetes-versions.ts)
 * gains a version. A test fails when a supported version has no entry here.
 *
 * How to update: for each Kubernetes version and add-on, list the builds EKS offers and take the
 * newest (or the one marked `defaultVersion: true` if you prefer EKS's default):
 *
 *   aws eks describe-addon-versions --kubernetes-version 1.33 --addon-name vpc-cni \
 *     --query 'addons[].addonVersions[].[addonVersion, compatibilities[0].defaultVersion]' --output text
 *
 * (repeat for coredns, kube-proxy, aws-ebs-csi-driver and eks-pod-identity-agent). kube-proxy
 * and coredns builds are specific to a Kubernetes minor version; vpc-cni, aws-ebs-csi-driver and
 * eks-pod-identity-agent builds usually serve every version in standard support.
 * Pinning means `terraform plan` never changes an add-on behind the reviewer's back; an update
 * is a one-line diff here and an in-place `aws_eks_addon` update in the plan.
 */

/** The add-ons every cluster gets, by their EKS add-on name. */
export const EKS_ADDONS = ["vpc-cni", "coredns", "kube-proxy", "aws-ebs-csi-driver", "eks-pod-identity-agent"] as const;
export type EksAddonName = (typeof EKS_ADDONS)[number];

/** Pinned add-on versions per Kubernetes minor version (snapshot of describe-addon-versions, late 2025). */
export const ADDON_VERSIONS: Readonly<Record<string, Readonly<Record<EksAddonName, string>>>> = {
  "1.31": {
    "vpc-cni": "v1.20.4-eksbuild.2",
    coredns: "v1.11.4-eksbuild.24",
    "kube-proxy": "v1.31.10-eksbuild.12",
    "aws-ebs-csi-driver": "v1.54.0-eksbuild.1",
    "eks-pod-identity-agent": "v1.3.8-eksbuild.2",
  },
  "1.32": {
    "vpc-cni": "v1.20.4-eksbuild.2",
    coredns: "v1.11.4-eksbuild.24",
    "kube-proxy": "v1.32.6-eksbuild.12",
    "aws-ebs-csi-driver": "v1.54.0-eksbuild.1",
    "eks-pod-identity-agent": "v1.3.8-eksbuild.2",
  },
  "1.33": {
    "vpc-cni": "v1.20.4-eksbuild.2",
    coredns: "v1.12.3-eksbuild.1",
    "kube-proxy": "v1.33.3-eksbuild.6",
    "aws-ebs-csi-driver": "v1.54.0-eksbuild.1",
    "eks-pod-identity-agent": "v1.3.8-eksbuild.2",
  },
  "1.34": {
    "vpc-cni": "v1.20.4-eksbuild.2",
    coredns: "v1.12.3-eksbuild.1",
    "kube-proxy": "v1.34.0-eksbuild.2",
    "aws-ebs-csi-driver": "v1.54.0-eksbuild.1",
    "eks-pod-identity-agent": "v1.3.10-eksbuild.2",
  },
};

/** The pinned add-on versions of a Kubernetes version; throws, naming this file, when there are none. */
export function addonVersionsFor(kubernetesVersion: string): Readonly<Record<EksAddonName, string>> {
  const versions = ADDON_VERSIONS[kubernetesVersion];
  if (!versions) {
    throw new Error(
      `no pinned EKS add-on versions for Kubernetes ${kubernetesVersion}; add them to src/eks/addon-versions.ts ` +
        `(pinned: ${Object.keys(ADDON_VERSIONS).join(", ")})`,
    );
  }
  return versions;
}

/**
 * EKS managed add-ons that an add-on unit (src/addons/<name>/) installs, rather than every
 * cluster: amazon-cloudwatch-observability (Container Insights, src/addons/amazon-cloudwatch-observability/).
 */
export const ADDON_UNIT_EKS_ADDONS = ["amazon-cloudwatch-observability"] as const;
export type AddonUnitEksAddonName = (typeof ADDON_UNIT_EKS_ADDONS)[number];

/**
 * amazon-cloudwatch-observability: v4.10.3-eksbuild.1 is a published build (aws-observability's
 * application-signals-demo pinned it in April 2026). Its compatibility with each Kubernetes
 * version below was NOT checked against describe-addon-versions (no AWS access when pinned): run
 * the command in this file's header with --addon-name amazon-cloudwatch-observability and take
 * the newest build per version before relying on it.
 */
const CLOUDWATCH_OBSERVABILITY = "v4.10.3-eksbuild.1";

/** Pinned versions of the add-on units' EKS add-ons, per Kubernetes minor version (the same keys as ADDON_VERSIONS). */
export const ADDON_UNIT_VERSIONS: Readonly<Record<string, Readonly<Record<AddonUnitEksAddonName, string>>>> = {
  "1.31": { "amazon-cloudwatch-observability": CLOUDWATCH_OBSERVABILITY },
  "1.32": { "amazon-cloudwatch-observability": CLOUDWATCH_OBSERVABILITY },
  "1.33": { "amazon-cloudwatch-observability": CLOUDWATCH_OBSERVABILITY },
  "1.34": { "amazon-cloudwatch-observability": CLOUDWATCH_OBSERVABILITY },
};

/** The pinned version of an add-on unit's EKS add-on for a Kubernetes version; throws, naming this file, when there is none. */
export function addonUnitVersionFor(kubernetesVersion: string, addon: AddonUnitEksAddonName): string {
  const version = ADDON_UNIT_VERSIONS[kubernetesVersion]?.[addon];
  if (!version) {
    throw new Error(
      `no pinned ${addon} version for Kubernetes ${kubernetesVersion}; add it to ADDON_UNIT_VERSIONS in src/eks/addon-versions.ts ` +
        `(pinned: ${Object.keys(ADDON_UNIT_VERSIONS).join(", ")})`,
    );
  }
  return version;
}
