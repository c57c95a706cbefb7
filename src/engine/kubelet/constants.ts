/** Versions, reasons and texts the simulated kubelet reports, one place each. */

/** The Kubernetes version of kubelets and control-plane images. */
export const KUBERNETES_VERSION = "v1.32.2";
/** containerd as node status reports it. */
export const CONTAINER_RUNTIME_VERSION = "containerd://1.7.24";
export const OS_IMAGE = "Ubuntu 22.04.5 LTS";
export const KERNEL_VERSION = "5.15.0-1083-gcp";
/** The sandbox (pause) image containerd uses. */
export const PAUSE_IMAGE = "registry.k8s.io/pause:3.10";

/** kubelet config defaults (KubeletConfiguration). */
export const NODE_STATUS_UPDATE_FREQUENCY = 10;
export const NODE_STATUS_REPORT_FREQUENCY = 300;
export const NODE_LEASE_DURATION = 40;
/** renewInterval = 0.25 * leaseDuration. */
export const NODE_LEASE_RENEW_INTERVAL = 10;
/** fileCheckFrequency: how often the static pod directory is rescanned. */
export const FILE_CHECK_FREQUENCY = 20;
/** Seconds from a Node's creation (or kubelet start) to its first status post. */
export const FIRST_STATUS_DELAY = 1;
export const DEFAULT_STATIC_POD_PATH = "/etc/kubernetes/manifests";
export const KUBELET_CONFIG_PATH = "/var/lib/kubelet/config.yaml";

/** Node condition reasons and messages (pkg/kubelet/nodestatus/setters.go). */
export const NODE_CONDITIONS = [
  {
    type: "MemoryPressure",
    reason: "KubeletHasSufficientMemory",
    message: "kubelet has sufficient memory available",
  },
  { type: "DiskPressure", reason: "KubeletHasNoDiskPressure", message: "kubelet has no disk pressure" },
  { type: "PIDPressure", reason: "KubeletHasSufficientPID", message: "kubelet has sufficient PID available" },
] as const;
export const KubeletReady = "KubeletReady";
export const KubeletReadyMessage = "kubelet is posting ready status";
export const KubeletNotReady = "KubeletNotReady";
/** The Ready=False message while containerd is stopped. */
export const RuntimeDownMessage = "container runtime is down";

/** Event reasons (pkg/kubelet/events/event.go). */
export const Events = {
  Pulling: "Pulling",
  Pulled: "Pulled",
  Created: "Created",
  Started: "Started",
  Killing: "Killing",
  BackOff: "BackOff",
  Failed: "Failed",
  ErrImageNeverPull: "ErrImageNeverPull",
  Unhealthy: "Unhealthy",
  Starting: "Starting",
  NodeAllocatableEnforced: "NodeAllocatableEnforced",
  NodeReady: "NodeReady",
  NodeNotReady: "NodeNotReady",
} as const;

/** Container state reasons. */
export const ContainerCreating = "ContainerCreating";
export const PodInitializing = "PodInitializing";
export const CrashLoopBackOff = "CrashLoopBackOff";
export const ImagePullBackOff = "ImagePullBackOff";
export const ErrImagePull = "ErrImagePull";
/** The waiting reason when the runtime cannot create a container (kuberuntime ErrCreateContainer). */
export const CreateContainerError = "CreateContainerError";
/** How long the pod worker waits before syncing a pod whose sync failed (kubelet.go backOffPeriod). */
export const SYNC_ERROR_BACKOFF_SECONDS = 10;

/** Static pod annotations (pkg/kubelet/types/pod_update.go). */
export const ConfigSourceAnnotation = "kubernetes.io/config.source";
export const ConfigHashAnnotation = "kubernetes.io/config.hash";
export const ConfigMirrorAnnotation = "kubernetes.io/config.mirror";
export const ConfigSeenAnnotation = "kubernetes.io/config.seen";

/** The pod annotation declaring each container's memory use (a simulation knob). */
export const MemoryUsageAnnotation = "kubeglass.dev/memory-usage";

/** The default node shape of a Node created without status (KWOK's node template). */
export const DEFAULT_NODE_CAPACITY = { cpu: "32", memory: "256Gi", pods: "110" };
