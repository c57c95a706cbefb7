/**
 * What every kubeadm command shares: the node it runs on, the cluster it talks to through
 * admin.conf, how it fails (kubeadmutil.CheckErr: the message, then the hint about --v=5), the
 * tabwriter its tables use, and the versions it reads from the cluster.
 */

import { tabwrite } from "../../kubectl/printers/tabwriter";
import type { Cluster } from "../cluster";
import type { NodeFileSystem } from "../node/fs";
import { installedKubeVersion, K8S_RELEASES, type KubernetesRelease, releaseOf } from "../node/packages";

/** Where kubeadm runs: the cluster, and the node's name and files. */
export interface KubeadmEnv {
  cluster: Cluster;
  nodeName: string;
  fs: NodeFileSystem;
}

/** The hint kubeadm prints after every error (cmd/kubeadm/app/util/error.go). */
export const STACK_TRACE_HINT = "To see the stack trace of this error execute with --v=5 or higher";

/** A command's outcome. */
export interface KubeadmResult {
  stdout: string;
  stderr: string;
  exit: number;
}

/** A failed command: what it printed so far, then the error as CheckErr prints it. */
export function fail(stdout: string, message: string): KubeadmResult {
  return { stdout, stderr: `${message}\n${STACK_TRACE_HINT}\n`, exit: 1 };
}

/** kubeadm's tables: tabwriter.NewWriter(w, 10, 4, 3, ' ', 0). */
export function kubeadmTable(lines: string[][]): string {
  return tabwrite(`${lines.map((l) => l.join("\t")).join("\n")}\n`, { minwidth: 10, padding: 3 });
}

/** The release of the kubeadm binary installed on the node (its package's version). */
export function kubeadmRelease(fs: NodeFileSystem): KubernetesRelease {
  const v = installedKubeVersion(fs, "kubeadm");
  return (v && releaseOf(v)) || (K8S_RELEASES[0] as KubernetesRelease);
}

/** A version's parts: v1.32.3 → [1, 32, 3]; undefined when it is not a release version. */
export function semver(v: string): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** Compares two versions (v1.32.2 < v1.32.3). */
export function compareSemver(a: string, b: string): number {
  const x = semver(a) ?? [0, 0, 0];
  const y = semver(b) ?? [0, 0, 0];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] as number) < (y[i] as number) ? -1 : 1;
  return 0;
}

/** The tag of an image reference (`registry.k8s.io/etcd:3.5.16-0` → `3.5.16-0`). */
export function imageTag(image: string | undefined): string {
  if (!image) return "";
  const at = image.lastIndexOf(":");
  return at > image.lastIndexOf("/") ? image.slice(at + 1) : "latest";
}

/** Whether the node is a control-plane node (kubeadm: it has the kube-apiserver manifest). */
export function isControlPlaneNode(env: KubeadmEnv): boolean {
  return env.fs.isFile("/etc/kubernetes/manifests/kube-apiserver.yaml");
}

/** The admin kubeconfig kubeadm talks to the cluster with. */
export const ADMIN_CONF = "/etc/kubernetes/admin.conf";

/** The error when admin.conf is missing (a worker node): what client-go's loader says. */
export function noAdminConf(): string {
  return `failed to load admin kubeconfig: open ${ADMIN_CONF}: no such file or directory`;
}

/** The kubelet config the nodes share, as kubeadm names it. */
export const KUBEADM_CONFIG_CM = "kubeadm-config";

/** Lines FetchInitConfigurationFromCluster prints, with its log prefix. */
export function readingConfig(prefix: string): string {
  return `[${prefix}] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n[${prefix}] Use 'kubeadm init phase upload-config --config your-config.yaml' to re-upload it.\n`;
}

/** Go's duration.ShortHumanDuration (apimachinery/pkg/util/duration). */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.floor(hours / 24)}d`;
  return `${Math.floor(hours / 24 / 365)}y`;
}
