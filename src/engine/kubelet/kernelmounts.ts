/**
 * Mounts the kernel's file systems into a container's root as runc does (the OCI default mounts
 * /proc, /dev, /sys with its cgroup2), and words /proc/mounts for them and the pod's mounts.
 */
import { Rng } from "../clock/random";
import { devFs, type KernelView, procFs, sysFs } from "./kernelfs";
import { ContainerFs, type ContainerMount } from "./rootfs";

/** What the kernel files show besides the container's processes (SandboxSpec.kernel). */
export interface KernelInfo {
  /** Virtual ms when the node booted. */
  bootMs: number;
  node: { cpus: number; memoryBytes: number };
  limits: KernelView["limits"];
  kernelRelease: string;
  /** Seeds the container's /dev/urandom (the same container id reads the same bytes). */
  seed: number;
}

/** The runtime's default mounts, in runc's order, as /proc/mounts lists them. */
const DEFAULT_MOUNT_LINES = [
  "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0",
  "tmpfs /dev tmpfs rw,nosuid,size=65536k,mode=755,inode64 0 0",
  "devpts /dev/pts devpts rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=666 0 0",
  "mqueue /dev/mqueue mqueue rw,nosuid,nodev,noexec,relatime 0 0",
  "sysfs /sys sysfs ro,nosuid,nodev,noexec,relatime 0 0",
  "cgroup /sys/fs/cgroup cgroup2 ro,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot 0 0",
];

/** /proc/mounts of a container: the overlay root, the runtime's mounts, then the pod's. */
export function mountsText(mounts: readonly ContainerMount[]): string {
  const lines = [
    "overlay / overlay rw,relatime,lowerdir=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/1/fs,upperdir=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/2/fs,workdir=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/2/work 0 0",
    ...DEFAULT_MOUNT_LINES,
  ];
  for (const m of mounts) {
    if (m.path === "/" || KERNEL_PATHS.includes(m.path)) continue;
    const opts = `${m.readOnly ? "ro" : "rw"},relatime`;
    // Secrets and projected tokens live in tmpfs; the rest of a pod's volumes on the node's disk.
    lines.push(
      m.readOnly && m.path.includes("/secrets/")
        ? `tmpfs ${m.path} tmpfs ${opts},size=1048576k,inode64 0 0`
        : `/dev/sda1 ${m.path} ext4 ${opts},discard,errors=remount-ro 0 0`,
    );
  }
  return `${lines.join("\n")}\n`;
}

const KERNEL_PATHS = ["/dev", "/proc", "/sys"];

/**
 * The container's root with /dev, /proc and /sys mounted over it. processes, env and memory
 * come from the sandbox, read when a file is.
 */
export function withKernelFs(
  fs: ContainerFs,
  info: KernelInfo,
  live: Pick<KernelView, "now" | "processes" | "memoryUsage" | "env" | "hostname">,
): ContainerFs {
  const rng = new Rng(info.seed);
  const view: KernelView = { ...info, ...live, random: () => rng.next() };
  const own = fs.mounts.filter((m) => !KERNEL_PATHS.includes(m.path));
  const mount = (path: string, f: ContainerMount["fs"], readOnly: boolean): ContainerMount => ({
    name: path.slice(1),
    path,
    fs: f,
    root: "/",
    readOnly,
  });
  const withKernel = new ContainerFs([
    ...own,
    mount(
      "/proc",
      procFs(view, () => mountsText(own)),
      false,
    ),
    mount("/dev", devFs(view), false),
    mount("/sys", sysFs(view), true),
  ]);
  withKernel.owner = fs.owner;
  return withKernel;
}
