/** The files a kubeadm-installed node starts with. */
import { osRelease } from "../images/osrelease";
import type { NodeFileSystem } from "../node/fs";
import { DEFAULT_STATIC_POD_PATH, KUBELET_CONFIG_PATH, PAUSE_IMAGE } from "./constants";

/** /var/lib/kubelet/config.yaml as kubeadm v1.32 writes it. */
export function kubeletConfigYaml(staticPodPath = DEFAULT_STATIC_POD_PATH): string {
  return `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 0s
    cacheUnauthorizedTTL: 0s
cgroupDriver: systemd
clusterDNS:
- 10.96.0.10
clusterDomain: cluster.local
containerRuntimeEndpoint: ""
cpuManagerReconcilePeriod: 0s
crashLoopBackOff: {}
evictionPressureTransitionPeriod: 0s
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
resolvConf: /run/systemd/resolve/resolv.conf
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: ${staticPodPath}
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
`;
}

/** /etc/kubernetes/kubelet.conf: the kubelet's kubeconfig. */
export function kubeletKubeconfig(nodeName: string, server: string): string {
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUREVENDQWZXZ0F3SUJBZ0lVS2ViZWdsYXNzLXNpbXVsYXRlZC1jYQotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg==
    server: ${server}
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: system:node:${nodeName}
  name: system:node:${nodeName}@kubernetes
current-context: system:node:${nodeName}@kubernetes
kind: Config
preferences: {}
users:
- name: system:node:${nodeName}
  user:
    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem
    client-key: /var/lib/kubelet/pki/kubelet-client-current.pem
`;
}

/** The systemd drop-in kubeadm installs for the kubelet. */
export const KUBEADM_DROPIN = `# Note: This dropin only works with kubeadm and kubelet v1.11+
[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
# This is a file that "kubeadm init" and "kubeadm join" generates at runtime, populating the KUBELET_KUBEADM_ARGS variable dynamically
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
# This is a file that the user can use for overrides of the kubelet args as a last resort. Preferably, the user should use
# the .NodeRegistration.KubeletExtraArgs object in the configuration files instead. KUBELET_EXTRA_ARGS should be sourced from this file.
EnvironmentFile=-/etc/default/kubelet
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
`;

/** The kubelet's command line as systemd shows it. */
export const KUBELET_COMMAND = `/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=${PAUSE_IMAGE}`;

function put(fs: NodeFileSystem, path: string, text: string): void {
  fs.mkdir(path.slice(0, path.lastIndexOf("/")) || "/", true);
  if (!fs.isFile(path)) fs.write(path, text);
}

/** Lays out a fresh node's files (existing files, e.g. from a restored scenario, are kept). */
export function installNodeFiles(fs: NodeFileSystem, nodeName: string, internalIP: string): void {
  fs.mkdir(DEFAULT_STATIC_POD_PATH, true);
  fs.mkdir("/etc/kubernetes/pki", true);
  fs.mkdir("/var/log/pods", true);
  fs.mkdir("/var/log/containers", true);
  fs.mkdir("/var/lib/kubelet/pki", true);
  // Ubuntu's empty top-level directories learners write into (/mnt/data for hostPath volumes).
  for (const dir of [
    "/root",
    "/tmp",
    "/home",
    "/mnt",
    "/media",
    "/opt",
    "/srv",
    "/var/tmp",
    "/usr/local/bin",
  ])
    fs.mkdir(dir, true);
  put(fs, KUBELET_CONFIG_PATH, kubeletConfigYaml());
  put(fs, "/etc/kubernetes/kubelet.conf", kubeletKubeconfig(nodeName, "https://controlplane:6443"));
  put(
    fs,
    "/var/lib/kubelet/kubeadm-flags.env",
    `KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=${PAUSE_IMAGE}"\n`,
  );
  put(fs, "/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf", KUBEADM_DROPIN);
  put(fs, "/etc/hostname", `${nodeName}\n`);
  // The node's distribution, as its Node reports it (OS_IMAGE): Ubuntu 22.04's base-files.
  put(fs, "/etc/os-release", osRelease("ubuntu", "22.04") ?? "");
  put(fs, "/etc/hosts", `127.0.0.1 localhost\n${internalIP} ${nodeName}\n`);
  // The cluster CA and, on a control plane, the rest of /etc/kubernetes/pki: pki/cluster.ts.
}
