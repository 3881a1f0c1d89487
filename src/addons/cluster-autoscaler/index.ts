/** The Cluster Autoscaler add-on: its registry entry, values, IAM and node-template tags. Named exports only. */
export { clusterAutoscalerAddon } from "./addon";
export { ClusterAutoscaler, type ClusterAutoscalerProps } from "./cluster-autoscaler";
export { clusterAutoscalerStatements, autoDiscoveryTags, type ClusterAutoscalerPolicyScope } from "./iam-policy";
export { NodeTemplateTags, nodeTemplateTags, type NodeTemplateTagsProps } from "./node-template-tags";
export { clusterAutoscalerValues, type ClusterAutoscalerValues, type ClusterAutoscalerValuesOptions } from "./values";
export { CLUSTER_AUTOSCALER_SERVICE_ACCOUNT } from "./service-account";
