/**
 * The environments file's fields of the `state` block that decide who may touch which state
 * object: the isolation mode, the principal that runs each stack's Terraform, and the
 * break-glass principal. Schema only (no constructs): src/model/schema.ts spreads it into the
 * `state` block; src/model/state-access.ts checks and derives it.
 */
import { z } from "zod";

/** An IAM role or user ARN (the forms `aws:PrincipalArn` takes for roles and users). */
const principalArn = z
  .string()
  .regex(/^arn:aws(-[a-z]+)*:iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}$/, {
    message: "must be an IAM role or user ARN such as arn:aws:iam::111111111111:role/pipeline",
  });

/** How the stacks reach the state bucket. */
export const STATE_ISOLATION_MODES = ["perStack", "transition", "shared"] as const;
export type StateIsolation = (typeof STATE_ISOLATION_MODES)[number];

/** Fields of the `state` block, spread into it by src/model/schema.ts. */
export const stateAccessFields = {
  isolation: z
    .enum(STATE_ISOLATION_MODES)
    .default("perStack")
    .describe(
      "perStack: each stack reaches the state through its own role in state.accountId, which may write only its own key (and lock) and read only the keys it consumes; the bucket policy denies every other principal. " +
        "transition: the same roles, while state.roleArn keeps its access (the upgrade step from shared, see the README). shared: every stack uses state.roleArn (not recommended).",
    ),
  deployers: z
    .record(z.string().max(64, { message: "must be a stack name of this organization" }), principalArn)
    .default({})
    .describe(
      "Principal that runs Terraform for a stack, by stack name: the only principal its state role trusts. " +
        "@default <env> and <env>-platform: the environment's deploy role; peering: the deploy role of the environment that requests every peering (the hub).",
    ),
  breakGlassPrincipal: principalArn
    .optional()
    .describe(
      "The one principal that may delete state object versions, change the bucket policy besides the state stack's deployer (state.roleArn), and read or write any key. @default none: nobody",
    ),
};
