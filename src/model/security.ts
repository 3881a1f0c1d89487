/**
 * The environments file's security switches (issue 11): deletion protection of an environment,
 * what the cluster's read-only role may also read, and why a public API endpoint is acceptable.
 * Fragments spread into `schema.ts`; secure defaults throughout.
 */
import { z } from "zod";

/** Extra reads the read-only role can be given; neither is granted unless listed. */
export const READ_ONLY_EXTRAS = ["podLogs", "secrets"] as const;
export type ReadOnlyExtra = (typeof READ_ONLY_EXTRAS)[number];

/** Fields of `environments.<name>`. */
export const securityEnvironmentFields = {
  deletionProtection: z
    .boolean()
    .default(true)
    .describe(
      "prevent_destroy on the EKS cluster, the KMS keys and the log groups of this environment: no plan may destroy or replace them. Set false only to remove the environment on purpose (see the README). @default true",
    ),
};

/** Fields of `environments.<name>.eks`. */
export const securityEksFields = {
  readOnlyAlsoReads: z
    .array(z.enum(READ_ONLY_EXTRAS))
    .default([])
    .describe("What the read-only role may read beyond workload objects: podLogs (pods/log), secrets. @default [] (neither)"),
  publicAccessRationale: z
    .string()
    .trim()
    .min(1, { message: "must say why the public endpoint is acceptable" })
    .max(500, { message: "must be at most 500 characters" })
    .optional()
    .describe(
      "Why the public endpoint (publicAccessCidrs) is acceptable; recorded as the policy suite's listed AWS-0040/AWS-0041 exception for this cluster only. @default a rationale naming the CIDRs",
    ),
};

/** The parts of an environment these checks read. */
interface SecuritySpec {
  readonly accountId: string;
  readonly eks?: { readonly admins: readonly string[]; readonly readOnly: readonly string[]; readonly publicAccessCidrs: readonly string[]; readonly publicAccessRationale?: string };
}

/** A problem at a path under the environment. */
export interface SecurityProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * The cross-field checks of these fields: a rationale needs a public endpoint to justify, and the
 * platform-deploy role (`platformDeployRoleName`) has its own cluster-admin entry, so the file
 * cannot list it again.
 */
export function securityProblems(env: SecuritySpec, platformDeployRoleName: string): SecurityProblem[] {
  const problems: SecurityProblem[] = [];
  if (!env.eks) return problems;
  if (env.eks.publicAccessRationale !== undefined && env.eks.publicAccessCidrs.length === 0) {
    problems.push({
      path: ["eks", "publicAccessRationale"],
      message: "is set but publicAccessCidrs is empty, so there is no public endpoint to justify; drop it or list the CIDRs",
    });
  }
  const own = new RegExp(`^arn:[^:]+:iam::${env.accountId}:role/(.*/)?${platformDeployRoleName.replace(/[.+]/g, "\\$&")}$`);
  for (const list of ["admins", "readOnly"] as const) {
    env.eks[list].forEach((arn, i) => {
      if (own.test(arn)) {
        problems.push({
          path: ["eks", list, i],
          message: `${arn} is the cluster's platform-deploy role, which has its own cluster-admin access entry; remove it from eks.${list}`,
        });
      }
    });
  }
  return problems;
}
