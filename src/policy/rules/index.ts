/** Every rule of POLICY.md that a scanner evaluates over synthesized Terraform, in the page's order. */
import type { PolicyRule } from "../types";
import { encryptionRules } from "./encryption-rules";
import { eksRules } from "./eks-rules";
import { iamRules } from "./iam-rules";
import { instanceRules } from "./instance-rules";
import { monitoringRules } from "./monitoring-rules";
import { kmsRules } from "./kms-rules";
import { networkRules } from "./network-rules";
import { stateRules } from "./state-rules";
import { transitGatewayRules } from "./transit-gateway-rules";

export const ALL_RULES: readonly PolicyRule[] = [
  ...networkRules,
  ...encryptionRules,
  ...eksRules,
  ...iamRules,
  ...stateRules,
  ...transitGatewayRules,
  ...monitoringRules,
  ...instanceRules,
  ...kmsRules,
];

export { encryptionRules, eksRules, iamRules, instanceRules, monitoringRules, networkRules, stateRules, transitGatewayRules };
export { kmsRules };
