/**
 * The default scenario: a cluster like the CKA labs' — controlplane (tainted, running etcd,
 * kube-apiserver, kube-controller-manager and kube-scheduler as static pods), node01 and node02,
 * kube-proxy and flannel DaemonSets, CoreDNS with the kube-dns Service. After loading, the caller
 * advances time (a minute is plenty) so that everything is Running.
 */

import { ApiError } from "../api/errors";
import type { KubeObject } from "../api/types";
import type { Cluster } from "../cluster";
import { installBootstrapControllers } from "../controllers/bootstrap";
import { bindControlPlaneToStaticPods } from "../controlplane";
import { controllerServiceAccounts } from "../controlplane/controller-serviceaccounts";
import { kubeletOf } from "../kubelet";
import { parseImage } from "../kubelet/images";
import { clusterCreated, clusterPki, LEGACY_CREDENTIALS } from "../pki/cluster";
import { addonObjects, CONTROL_PLANE_IMAGES, PRELOADED_IMAGES } from "./addons";
import { kubeadmInitObjects } from "./kubeadm-init";
import { kubeadmRbacObjects } from "./kubeadm-rbac";
import { adminKubeconfig, COMPONENT_KUBECONFIGS, componentKubeconfig } from "./kubeconfig";
import { loadLargeScenario } from "./large";
import {
  etcdManifest,
  kubeApiserverManifest,
  kubeControllerManagerManifest,
  kubeSchedulerManifest,
} from "./manifests";
import { installEtcdPki } from "./pki";

/** The lab's nodes: name, InternalIP, whether it is the control plane. */
export const CKA_NODES = [
  { name: "controlplane", ip: "192.168.1.2", controlPlane: true },
  { name: "node01", ip: "192.168.1.3", controlPlane: false },
  { name: "node02", ip: "192.168.1.4", controlPlane: false },
];

/** A kubeadm node as it registers: 4 CPUs, ~8 GiB, 110 pods. */
function labNode(name: string, ip: string, controlPlane: boolean): KubeObject {
  const labels: Record<string, string> = {
    "beta.kubernetes.io/arch": "amd64",
    "beta.kubernetes.io/os": "linux",
    "kubernetes.io/arch": "amd64",
    "kubernetes.io/hostname": name,
    "kubernetes.io/os": "linux",
  };
  if (controlPlane) {
    labels["node-role.kubernetes.io/control-plane"] = "";
    labels["node.kubernetes.io/exclude-from-external-load-balancers"] = "";
  }
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      labels,
      annotations: {
        "flannel.alpha.coreos.com/backend-type": "vxlan",
        "flannel.alpha.coreos.com/kube-subnet-manager": "true",
        "flannel.alpha.coreos.com/public-ip": ip,
        "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///var/run/containerd/containerd.sock",
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
    },
    spec: controlPlane
      ? { taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }] }
      : {},
    status: {
      addresses: [
        { address: ip, type: "InternalIP" },
        { address: name, type: "Hostname" },
      ],
      capacity: {
        cpu: "4",
        "ephemeral-storage": "101430960Ki",
        "hugepages-1Gi": "0",
        "hugepages-2Mi": "0",
        memory: "8139216Ki",
        pods: "110",
      },
      allocatable: {
        cpu: "4",
        "ephemeral-storage": "93478772582",
        "hugepages-1Gi": "0",
        "hugepages-2Mi": "0",
        memory: "8036816Ki",
        pods: "110",
      },
    },
  };
}

function createIfMissing(cluster: Cluster, obj: KubeObject): void {
  try {
    cluster.api.create(obj);
  } catch (e) {
    if (!(e instanceof ApiError && e.reason === "AlreadyExists")) throw e;
  }
}

/** Whether a kubeconfig carries the stand-in credentials of older snapshots. */
function isPlaceholder(text: string): boolean {
  return text.includes(LEGACY_CREDENTIALS);
}

/** Builds the CKA lab cluster on a fresh cluster (from createCluster()). */
export function loadCkaScenario(cluster: Cluster): void {
  const addons = addonObjects();
  // Priority classes and namespaces first: the control plane's pods refer to them.
  for (const obj of addons.filter((o) => o.kind === "PriorityClass" || o.kind === "Namespace"))
    createIfMissing(cluster, obj);
  for (const n of CKA_NODES) createIfMissing(cluster, labNode(n.name, n.ip, n.controlPlane));
  cluster.settle();
  for (const n of CKA_NODES) {
    const kubelet = kubeletOf(cluster, n.name);
    for (const image of [...PRELOADED_IMAGES, ...(n.controlPlane ? CONTROL_PLANE_IMAGES : [])])
      kubelet?.addImage(parseImage(image));
  }
  const cp = CKA_NODES[0] as (typeof CKA_NODES)[number];
  const fs = cluster.hosts.get(cp.name)?.fs;
  if (fs) {
    fs.mkdir("/etc/kubernetes/manifests", true);
    fs.write("/etc/kubernetes/manifests/etcd.yaml", etcdManifest(cp.name, cp.ip));
    fs.write("/etc/kubernetes/manifests/kube-apiserver.yaml", kubeApiserverManifest(cp.ip));
    fs.write("/etc/kubernetes/manifests/kube-controller-manager.yaml", kubeControllerManagerManifest());
    fs.write("/etc/kubernetes/manifests/kube-scheduler.yaml", kubeSchedulerManifest());
    // kubeadm's kubeconfigs; the lab copies admin.conf to root's ~/.kube/config.
    const admin = adminKubeconfig(cluster, `https://${cp.name}:6443`);
    if (!fs.isFile("/etc/kubernetes/admin.conf") || isPlaceholder(fs.read("/etc/kubernetes/admin.conf")))
      fs.write("/etc/kubernetes/admin.conf", admin);
    // The components' kubeconfigs, with client certificates kubeadm's certs commands read and renew.
    const pki = clusterPki(cluster);
    for (const entry of COMPONENT_KUBECONFIGS) {
      const path = `/etc/kubernetes/${entry.file}`;
      if (!fs.isFile(path) || fs.read(path).startsWith("# kubeconfig ("))
        fs.write(path, componentKubeconfig(pki, `https://${cp.ip}:6443`, entry));
    }
    if (!fs.isFile("/root/.kube/config") || isPlaceholder(fs.read("/root/.kube/config"))) {
      fs.mkdir("/root/.kube", true);
      fs.write("/root/.kube/config", admin);
    }
    installEtcdPki(fs, cp.name);
    fs.mkdir("/var/lib/etcd", true);
  }
  for (const obj of addons.filter((o) => o.kind !== "PriorityClass" && o.kind !== "Namespace"))
    createIfMissing(cluster, obj);
  for (const obj of kubeadmRbacObjects()) createIfMissing(cluster, obj);
  const server = `https://${cp.name}:6443`;
  for (const obj of kubeadmInitObjects(cluster, clusterPki(cluster), server, clusterCreated(cluster)))
    createIfMissing(cluster, obj);
  // kube-controller-manager's own accounts, one per controller (--use-service-account-credentials).
  for (const obj of controllerServiceAccounts()) createIfMissing(cluster, obj);
  installBootstrapControllers(cluster);
  cluster.settle();
  // The static pods run now: from here on the control plane is what they run.
  bindControlPlaneToStaticPods(cluster);
  cluster.settle();
}

/** An empty cluster: nothing beyond what createCluster() makes. */
export function loadEmptyScenario(_cluster: Cluster): void {}

/** The scenarios by name. */
export const SCENARIOS: Record<string, (cluster: Cluster) => void> = {
  cka: loadCkaScenario,
  empty: loadEmptyScenario,
  "large-200": loadLargeScenario(200, 3000),
  "large-1000": loadLargeScenario(1000, 10000),
};
