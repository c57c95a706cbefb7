/**
 * The Kubernetes packages of a kubeadm node (kubeadm, kubelet, kubectl, cri-tools, kubernetes-cni)
 * as dpkg knows them: which version is installed and whether it is held. The state lives where
 * dpkg keeps it, in /var/lib/dpkg/status on the node's file system, so it travels with the node's
 * files; a node without that file has the packages its image was built with (the cluster's
 * version, all held, as the lab's install script leaves them).
 *
 * The repository is pkgs.k8s.io's v1.32 channel (`deb https://pkgs.k8s.io/core:/stable:/v1.32/deb/ /`),
 * as far as the simulated world's releases go: the patch releases the image catalog lists
 * (registry.k8s.io's kube-apiserver tags v1.32.0 to v1.32.3).
 */
import { KUBERNETES_VERSION } from "../kubelet/constants";

/** dpkg's database of installed packages. */
export const DPKG_STATUS = "/var/lib/dpkg/status";

/** The apt source of the Kubernetes packages (deb822 base URL as apt prints it). */
export const PKGS_K8S_IO = "https://pkgs.k8s.io/core:/stable:/v1.32/deb";
/** Where apt downloads them from (the CDN pkgs.k8s.io redirects to). */
export const PKGS_K8S_IO_CDN =
  "https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.32/deb";

/** A Kubernetes release: its version.Info as the binaries print it. */
export interface KubernetesRelease {
  gitVersion: string;
  gitCommit: string;
  buildDate: string;
  goVersion: string;
}

/**
 * The v1.32 patch releases (their version.Info, as `kubeadm version` prints it), oldest first.
 * v1.32.3's commit and build date are from memory of the release, not checked against a transcript.
 */
export const K8S_RELEASES: readonly KubernetesRelease[] = [
  {
    gitVersion: "v1.32.0",
    gitCommit: "70d3cc986aa8221cd1dfb1121852688902d3bf53",
    buildDate: "2024-12-11T17:59:15Z",
    goVersion: "go1.23.3",
  },
  {
    gitVersion: "v1.32.1",
    gitCommit: "e9c9be4007d1664e68796af02b8978640d2c1b26",
    buildDate: "2025-01-15T14:39:14Z",
    goVersion: "go1.23.4",
  },
  {
    gitVersion: "v1.32.2",
    gitCommit: "67a30c0adcf52bd3f56ff0893ce19966be12991f",
    buildDate: "2025-02-12T21:24:52Z",
    goVersion: "go1.23.6",
  },
  {
    gitVersion: "v1.32.3",
    gitCommit: "32cc146f75aad04beaaa245a7157eb35063a9f99",
    buildDate: "2025-03-11T19:52:21Z",
    goVersion: "go1.23.6",
  },
];

/** The release of a version (`v1.32.3` or `1.32.3`), if the simulated world has it. */
export function releaseOf(version: string): KubernetesRelease | undefined {
  const v = version.startsWith("v") ? version : `v${version}`;
  return K8S_RELEASES.find((r) => r.gitVersion === v);
}

/** The newest release of the channel (what dl.k8s.io's stable-1.32.txt says). */
export const LATEST_RELEASE = K8S_RELEASES[K8S_RELEASES.length - 1] as KubernetesRelease;

/** One package version the repository offers. */
export interface PackageVersion {
  version: string;
  /** Download size as apt prints it (`12.2 MB`) and in bytes. */
  sizeText: string;
}

/** The packages the repository offers, with their versions newest first. */
export const REPOSITORY: Readonly<Record<string, readonly PackageVersion[]>> = {
  kubeadm: kubePackage("12.2 MB"),
  kubelet: kubePackage("15.2 MB"),
  kubectl: kubePackage("11.3 MB"),
  "cri-tools": [{ version: "1.32.0-1.1", sizeText: "16.3 MB" }],
  "kubernetes-cni": [{ version: "1.6.0-1.1", sizeText: "37.4 MB" }],
};

function kubePackage(sizeText: string): PackageVersion[] {
  return [...K8S_RELEASES].reverse().map((r) => ({ version: `${r.gitVersion.slice(1)}-1.1`, sizeText }));
}

/** The package version of a Kubernetes version: v1.32.3 → 1.32.3-1.1. */
export function packageVersionOf(gitVersion: string): string {
  return `${gitVersion.replace(/^v/, "")}-1.1`;
}

/** The Kubernetes version a package version installs: 1.32.3-1.1 → v1.32.3. */
export function gitVersionOf(packageVersion: string): string {
  return `v${packageVersion.replace(/-.*$/, "")}`;
}

/** A package as dpkg has it. */
export interface InstalledPackage {
  name: string;
  version: string;
  hold: boolean;
}

/** The packages a node's image comes with when dpkg's database says nothing else. */
export function defaultPackages(): InstalledPackage[] {
  const kube = packageVersionOf(KUBERNETES_VERSION);
  return [
    { name: "cri-tools", version: "1.32.0-1.1", hold: false },
    { name: "kubeadm", version: kube, hold: true },
    { name: "kubectl", version: kube, hold: true },
    { name: "kubelet", version: kube, hold: true },
    { name: "kubernetes-cni", version: "1.6.0-1.1", hold: false },
  ];
}

/** The file system calls package state needs (a NodeFileSystem or a container's). */
interface Files {
  isFile(path: string): boolean;
  read(path: string): string;
  write(path: string, text: string): void;
  mkdir(path: string, parents?: boolean): void;
}

/** The installed packages of a node, from /var/lib/dpkg/status (the defaults when it is absent). */
export function installedPackages(fs: Files): InstalledPackage[] {
  if (!fs.isFile(DPKG_STATUS)) return defaultPackages();
  const out: InstalledPackage[] = [];
  for (const stanza of fs.read(DPKG_STATUS).split(/\n\s*\n/)) {
    const field = (name: string) => new RegExp(`^${name}: (.*)$`, "m").exec(stanza)?.[1]?.trim();
    const name = field("Package");
    const status = field("Status") ?? "";
    const version = field("Version");
    if (!name || !version || !status.endsWith(" installed")) continue;
    out.push({ name, version, hold: status.startsWith("hold ") });
  }
  return out;
}

/** The installed package of a name, if any. */
export function installedPackage(fs: Files, name: string): InstalledPackage | undefined {
  return installedPackages(fs).find((p) => p.name === name);
}

/** Writes the packages back to /var/lib/dpkg/status, one stanza each, sorted by name. */
export function writePackages(fs: Files, packages: readonly InstalledPackage[]): void {
  const text = [...packages]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(
      (p) =>
        `Package: ${p.name}\nStatus: ${p.hold ? "hold" : "install"} ok installed\nPriority: optional\nSection: admin\nMaintainer: Kubernetes Authors <dev@kubernetes.io>\nArchitecture: amd64\nVersion: ${p.version}\n`,
    )
    .join("\n");
  fs.mkdir("/var/lib/dpkg", true);
  fs.write(DPKG_STATUS, text);
}

/** The Kubernetes version of an installed binary package (kubeadm, kubelet, kubectl), if installed. */
export function installedKubeVersion(fs: Files, name: "kubeadm" | "kubelet" | "kubectl"): string | undefined {
  const p = installedPackage(fs, name);
  return p ? gitVersionOf(p.version) : undefined;
}

/** Compares two Debian-ish versions of the form 1.32.3-1.1 numerically, part by part. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map(Number);
  const pb = b.split(/[.-]/).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
