/**
 * Small `terraform show -json` plans for the review's unit tests (src/review/), built by hand in
 * the shape Terraform 1.11 writes: resource changes and the configuration section.
 */
import type { ConfigResource, PlanAction, PlanJson, PlanResourceChange } from "../src/review";

/** One resource change; `type.name` from the address. */
export function change(address: string, actions: PlanAction[], change: Partial<PlanResourceChange["change"]> = {}, extra: Partial<PlanResourceChange> = {}): PlanResourceChange {
  const data = address.startsWith("data.");
  const [type, name] = (data ? address.slice(5) : address).split(".");
  return { address, mode: data ? "data" : "managed", type, name, change: { actions, before: null, after: null, after_unknown: {}, ...change }, ...extra };
}

/** A plan of the changes, with configuration resources. */
export function planOf(changes: PlanResourceChange[], config: ConfigResource[] = []): PlanJson {
  return { format_version: "1.2", terraform_version: "1.11.4", resource_changes: changes, configuration: { root_module: { resources: config } } };
}

/** A policy document as Terraform shows it in a plan: a JSON string. */
export function policy(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** An ingress rule's state object (aws_vpc_security_group_ingress_rule). */
export function ingressRule(cidr: string, port: number, description = "HTTPS from the VPN"): Record<string, unknown> {
  return { cidr_ipv4: cidr, cidr_ipv6: null, description, from_port: port, to_port: port, ip_protocol: "tcp", prefix_list_id: null, referenced_security_group_id: null, security_group_id: "sg-0123" };
}

/**
 * An IRSA role whose trust policy comes from an `aws_iam_policy_document` fed by the OIDC
 * provider: on a first plan the data source is deferred and the role's policy unknown, exactly as
 * the `<env>` stacks plan (the configuration below is what Terraform writes for cdktf's JSON).
 */
export function unknownTrustPolicyPlan(): PlanJson {
  const oidc = (attr: string) => ({ references: [`aws_iam_openid_connect_provider.eks_oidc-provider.${attr}`, "aws_iam_openid_connect_provider.eks_oidc-provider"] });
  return planOf(
    [
      change("data.aws_iam_policy_document.eks_irsa-ebs-csi_trust", ["read"], { after_unknown: { json: true } }, { action_reason: "read_because_config_unknown" }),
      change("aws_iam_role.eks_irsa-ebs-csi_role", ["create"], { after: { name: "acme-production-ebs-csi" }, after_unknown: { assume_role_policy: true, arn: true } }),
    ],
    [
      {
        address: "data.aws_iam_policy_document.eks_irsa-ebs-csi_trust",
        mode: "data",
        type: "aws_iam_policy_document",
        name: "eks_irsa-ebs-csi_trust",
        expressions: {
          statement: [
            {
              sid: { constant_value: "ServiceAccountOnly" },
              effect: { constant_value: "Allow" },
              actions: { constant_value: ["sts:AssumeRoleWithWebIdentity"] },
              principals: [{ type: { constant_value: "Federated" }, identifiers: { constant_value: ["${aws_iam_openid_connect_provider.eks_oidc-provider.arn}"], ...oidc("arn") } }],
              condition: [
                {
                  test: { constant_value: "StringEquals" },
                  variable: { constant_value: '${replace(aws_iam_openid_connect_provider.eks_oidc-provider.url, "https://", "")}:sub', ...oidc("url") },
                  values: { constant_value: ["system:serviceaccount:kube-system:ebs-csi-controller-sa"] },
                },
              ],
            },
          ],
        },
      },
      {
        address: "aws_iam_role.eks_irsa-ebs-csi_role",
        mode: "managed",
        type: "aws_iam_role",
        name: "eks_irsa-ebs-csi_role",
        expressions: {
          assume_role_policy: {
            constant_value: "${data.aws_iam_policy_document.eks_irsa-ebs-csi_trust.json}",
            references: ["data.aws_iam_policy_document.eks_irsa-ebs-csi_trust.json", "data.aws_iam_policy_document.eks_irsa-ebs-csi_trust"],
          },
        },
      },
    ],
  );
}
