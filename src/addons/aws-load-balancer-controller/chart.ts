/**
 * The pinned AWS Load Balancer Controller chart. The tests read the same version's values.yaml and
 * reference IAM policies from ../shared/charts/aws-load-balancer-controller/<version>.
 *
 * To refresh: pick the release in https://github.com/kubernetes-sigs/aws-load-balancer-controller
 * (since v3.0.0 the chart version equals the app version without the `v`), copy that tag's
 * `helm/aws-load-balancer-controller/{Chart.yaml,values.yaml}` and
 * `docs/install/iam_policy.json` / `iam_policy_us-gov.json` into
 * ../shared/charts/aws-load-balancer-controller/<version>/, change `version` below, then run
 * `npx jest src/addons/aws-load-balancer-controller`: the key-path test names every value the new
 * chart no longer has, and the IAM test names every statement of the new policy that
 * `iam-policy.ts` lacks or has in excess.
 */
import type { ChartSource } from "../../platform/charts";

/** AWS Load Balancer Controller v3.5.0 (chart 3.5.0, Helm repository aws/eks-charts). */
export const AWS_LOAD_BALANCER_CONTROLLER_CHART: ChartSource = {
  chart: "aws-load-balancer-controller",
  version: "3.5.0",
  repository: "https://aws.github.io/eks-charts",
};
