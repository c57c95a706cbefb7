/** Taint keys, timings and texts of the node lifecycle and taint eviction controllers. */

/** --node-monitor-period (kube-controller-manager). */
export const NODE_MONITOR_PERIOD = 5;
/** --node-monitor-grace-period: 50 s since v1.32 (kubernetes/kubernetes#126287). */
export const NODE_MONITOR_GRACE_PERIOD = 50;
/** --node-startup-grace-period. */
export const NODE_STARTUP_GRACE_PERIOD = 60;
/** --node-eviction-rate: NoExecute tainting of one node per 10 s per zone. */
export const NODE_EVICTION_RATE = 0.1;
/** --unhealthy-zone-threshold. */
export const UNHEALTHY_ZONE_THRESHOLD = 0.55;

/** Well-known taint keys (k8s.io/api/core/v1 well_known_taints.go). */
export const TaintNodeNotReady = "node.kubernetes.io/not-ready";
export const TaintNodeUnreachable = "node.kubernetes.io/unreachable";
export const TaintNodeUnschedulable = "node.kubernetes.io/unschedulable";
export const TaintNodeMemoryPressure = "node.kubernetes.io/memory-pressure";
export const TaintNodeDiskPressure = "node.kubernetes.io/disk-pressure";
export const TaintNodeNetworkUnavailable = "node.kubernetes.io/network-unavailable";
export const TaintNodePIDPressure = "node.kubernetes.io/pid-pressure";

/** nodeConditionToTaintKeyStatusMap: which condition status gives which NoSchedule taint. */
export const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TaintNodeNotReady, Unknown: TaintNodeUnreachable },
  MemoryPressure: { True: TaintNodeMemoryPressure },
  DiskPressure: { True: TaintNodeDiskPressure },
  NetworkUnavailable: { True: TaintNodeNetworkUnavailable },
  PIDPressure: { True: TaintNodePIDPressure },
};

/** Taint keys the controller owns with NoSchedule. */
export const NO_SCHEDULE_KEYS = [
  TaintNodeNotReady,
  TaintNodeUnreachable,
  TaintNodeUnschedulable,
  TaintNodeMemoryPressure,
  TaintNodeDiskPressure,
  TaintNodeNetworkUnavailable,
  TaintNodePIDPressure,
];

/** Reasons and messages of conditions the controller sets. */
export const NodeStatusUnknown = "NodeStatusUnknown";
export const NodeStatusUnknownMessage = "Kubelet stopped posting node status.";
export const NodeStatusNeverUpdated = "NodeStatusNeverUpdated";
export const NodeStatusNeverUpdatedMessage = "Kubelet never posted node status.";

/** Event sources. */
export const NODE_CONTROLLER = "node-controller";
export const TAINT_EVICTION_CONTROLLER = "taint-eviction-controller";

/** Taint eviction texts (pkg/controller/tainteviction/taint_eviction.go). */
export const TaintManagerEviction = "TaintManagerEviction";
export const DeletionByTaintManager = "DeletionByTaintManager";
export const DisruptionTargetMessage = "Taint manager: deleting due to NoExecute taint";
