/**
 * The exec credential plugin the kubernetes and helm providers use: `aws eks get-token` at each
 * Terraform run, so no token is ever read at plan time or stored in state. No constructs.
 */

/** Inputs of the exec block. */
export interface EksExecAuthOptions {
  /** EKS cluster name. */
  readonly clusterName: string;
  /** Region of the cluster. */
  readonly region: string;
  /** Role `aws eks get-token` assumes first. @default - the caller's credentials */
  readonly roleArn?: string;
}

/** An exec block as both providers take it (camelCase; cdktf renders snake_case). */
export interface EksExecAuth {
  readonly apiVersion: string;
  readonly command: string;
  readonly args: string[];
}

/** The client.authentication.k8s.io/v1beta1 exec block that runs `aws eks get-token`. */
export function eksExecAuth(options: EksExecAuthOptions): EksExecAuth {
  const args = ["eks", "get-token", "--cluster-name", options.clusterName, "--region", options.region];
  if (options.roleArn) args.push("--role-arn", options.roleArn);
  return { apiVersion: "client.authentication.k8s.io/v1beta1", command: "aws", args };
}
