/**
 * Node agents: one simulated kubelet (with its host: files, systemctl, crictl) per Node, created
 * when a Node appears and removed with it, plus the node lifecycle and taint eviction controllers.
 */
import type { Node, Pod } from "../api/kinds";
import { clone } from "../api/types";
import type { Cluster, Component } from "../cluster";
import { NodeFileSystem } from "../node/fs";
import { installNodeLifecycle } from "../nodelifecycle";
import { clusterCreated, clusterPki, derivedPki, nodePkiFiles } from "../pki/cluster";
import { installNodeFiles } from "./files";
import { SimNodeHost } from "./host";
import { Kubelet } from "./kubelet";

export { KUBERNETES_VERSION, PAUSE_IMAGE } from "./constants";
export { SimNodeHost } from "./host";
export { Kubelet } from "./kubelet";

/** The kubelets of a cluster, by node name (for tests and scenarios). */
export const KUBELETS = new WeakMap<Cluster, Map<string, Kubelet>>();

/** Clusters being restored from a scenario file: their kubelets resume rather than restart. */
const RESUMING = new WeakSet<Cluster>();

/** Runs fn (which settles the cluster) with kubelets started as resuming a restored cluster. */
export function resumingKubelets(cluster: Cluster, fn: () => void): void {
  RESUMING.add(cluster);
  try {
    fn();
  } finally {
    RESUMING.delete(cluster);
  }
}

/** The kubelet of a node, if it has one. */
export function kubeletOf(cluster: Cluster, nodeName: string): Kubelet | undefined {
  return KUBELETS.get(cluster)?.get(nodeName);
}

/** Creates and removes kubelets as Nodes come and go. */
class NodeAgents implements Component {
  readonly name = "node-agents";
  private readonly kubelets = new Map<string, Kubelet>();
  private readonly added = new Set<string>();
  private readonly removed = new Set<string>();
  private nodeCount = 0;

  constructor(private readonly cluster: Cluster) {
    KUBELETS.set(cluster, this.kubelets);
    cluster.api.watch("Node", (e) => {
      const name = e.object.metadata.name as string;
      if (e.type === "DELETED") {
        this.removed.add(name);
        this.added.delete(name);
      } else if (!this.kubelets.has(name)) this.added.add(name);
      else if (e.type === "MODIFIED" && e.old?.metadata.uid !== e.object.metadata.uid) {
        this.removed.add(name);
        this.added.add(name);
      }
    });
    cluster.api.watch("Pod", (e) => {
      const pod = e.object as Pod;
      const node = pod.spec?.nodeName;
      if (!node) return;
      this.kubelets.get(node)?.podChanged(pod, e.type === "DELETED");
    });
    for (const node of cluster.api.list("Node")) this.added.add(node.metadata.name as string);
  }

  process(): boolean {
    if (this.added.size === 0 && this.removed.size === 0) return false;
    for (const name of [...this.removed]) {
      this.removed.delete(name);
      const k = this.kubelets.get(name);
      if (!k) continue;
      k.shutdown();
      this.cluster.removeComponent(k);
      this.cluster.hosts.delete(name);
      this.kubelets.delete(name);
    }
    for (const name of [...this.added]) {
      this.added.delete(name);
      const node = this.cluster.api.get("Node", undefined, name) as Node | undefined;
      if (!node || this.kubelets.has(name)) continue;
      this.startAgent(node);
    }
    return true;
  }

  private startAgent(node: Node): void {
    const name = node.metadata.name as string;
    const index = this.nodeCount++;
    const podSubnet = this.freeSubnet(index);
    const internalIP =
      node.status?.addresses?.find((a: { type: string }) => a.type === "InternalIP")?.address ??
      `192.168.${1 + Math.floor(index / 250)}.${2 + (index % 250)}`;
    // nodeipam (kube-controller-manager --allocate-node-cidrs, as kubeadm with a CNI sets it up).
    if (!node.spec?.podCIDR) {
      const next = clone(node);
      next.spec = {
        ...(next.spec ?? {}),
        podCIDR: `10.244.${podSubnet}.0/24`,
        podCIDRs: [`10.244.${podSubnet}.0/24`],
      };
      delete next.metadata.resourceVersion;
      try {
        this.cluster.api.update(next, { fieldManager: "kube-controller-manager" });
      } catch {
        /* the kubelet falls back to its own subnet */
      }
    }
    const existing = this.cluster.hosts.get(name);
    const fs = existing?.fs ?? new NodeFileSystem();
    installNodeFiles(fs, name, internalIP);
    // kubeadm's certificates (a file already there, as a restored node's, is kept).
    const controlPlane = node.metadata.labels?.["node-role.kubernetes.io/control-plane"] !== undefined;
    const pki = controlPlane ? clusterPki(this.cluster) : derivedPki(clusterCreated(this.cluster));
    for (const [path, text] of Object.entries(nodePkiFiles(pki, name, internalIP, controlPlane)))
      if (!fs.isFile(path) || fs.read(path).includes("(simulated")) {
        fs.mkdir(path.slice(0, path.lastIndexOf("/")), true);
        fs.write(path, text);
      }
    const kubelet = new Kubelet(this.cluster, name, { internalIP, podSubnet }, fs);
    const host = new SimNodeHost(this.cluster, kubelet, fs);
    this.kubelets.set(name, kubelet);
    this.cluster.hosts.set(name, host);
    this.cluster.addComponent(kubelet);
    for (const pod of this.cluster.api.list("Pod"))
      if (pod.spec?.nodeName === name) kubelet.podChanged(pod as Pod, false);
    kubelet.start(RESUMING.has(this.cluster));
  }

  private freeSubnet(index: number): number {
    const used = new Set<number>();
    for (const n of this.cluster.api.list("Node")) {
      const m = /^10\.244\.(\d+)\.0\/24$/.exec(n.spec?.podCIDR ?? "");
      if (m) used.add(Number(m[1]));
    }
    let i = index;
    while (used.has(i)) i++;
    return i;
  }
}

/** Starts a kubelet for every Node, now and as nodes come, and the node lifecycle controller. */
export function installNodeAgents(cluster: Cluster): void {
  cluster.addComponent(new NodeAgents(cluster));
  // The node lifecycle and taint eviction controllers are kube-controller-manager's.
  cluster.withProcess("kube-controller-manager", () => installNodeLifecycle(cluster));
}
