/** The Karpenter add-on: its registry entry, both sides, values, IAM and model fragment. Named exports only. */
export { karpenterAddon } from "./addon";
export { Karpenter, NODE_POOLS_CHART_DIR, type KarpenterProps } from "./karpenter";
export { KarpenterAws, INTERRUPTION_EVENTS, type KarpenterAwsProps } from "./karpenter-aws";
export { karpenterControllerPolicies, KARPENTER_CONTROLLER_POLICIES, KARPENTER_NODE_MANAGED_POLICIES, type IamPolicyDocument, type IamStatement, type KarpenterPolicyScope } from "./iam-policy";
export { karpenterValues, type KarpenterValues, type KarpenterValuesOptions } from "./values";
export { nodePoolsChartValues, nodePoolManifests, ec2NodeClassSpec, nodePoolSpec, NODE_CLASS_NAME, type NodePoolsChartOptions, type NodePoolsChartValues } from "./node-pools";
export { AUTOSCALING_MODES, type AutoscalingMode, type NodePool, type NodeAutoscaling } from "./model";
export { KARPENTER_SERVICE_ACCOUNT, KARPENTER_DISCOVERY_TAG } from "./service-account";
