/**
 * The Linux capabilities of a container's processes as containerd's CRI plugin sets them
 * (pkg/cri/server/container_create_linux.go; the default set is containerd's
 * oci.DefaultCapabilities, the one Docker has used since 1.x): securityContext.capabilities.add
 * and drop change the bounding set, privileged gives every capability; a process running as
 * root holds the bounding set, any other user none (its permitted and effective sets are empty).
 * /proc/PID/status shows them as the CapInh..CapAmb bitmaps.
 */
import type { Container } from "../api/kinds";

/** Capability numbers (include/uapi/linux/capability.h). */
export const CAPABILITY_NUMBERS: Readonly<Record<string, number>> = {
  CHOWN: 0,
  DAC_OVERRIDE: 1,
  DAC_READ_SEARCH: 2,
  FOWNER: 3,
  FSETID: 4,
  KILL: 5,
  SETGID: 6,
  SETUID: 7,
  SETPCAP: 8,
  LINUX_IMMUTABLE: 9,
  NET_BIND_SERVICE: 10,
  NET_BROADCAST: 11,
  NET_ADMIN: 12,
  NET_RAW: 13,
  IPC_LOCK: 14,
  IPC_OWNER: 15,
  SYS_MODULE: 16,
  SYS_RAWIO: 17,
  SYS_CHROOT: 18,
  SYS_PTRACE: 19,
  SYS_PACCT: 20,
  SYS_ADMIN: 21,
  SYS_BOOT: 22,
  SYS_NICE: 23,
  SYS_RESOURCE: 24,
  SYS_TIME: 25,
  SYS_TTY_CONFIG: 26,
  MKNOD: 27,
  LEASE: 28,
  AUDIT_WRITE: 29,
  AUDIT_CONTROL: 30,
  SETFCAP: 31,
  MAC_OVERRIDE: 32,
  MAC_ADMIN: 33,
  SYSLOG: 34,
  WAKE_ALARM: 35,
  BLOCK_SUSPEND: 36,
  AUDIT_READ: 37,
  PERFMON: 38,
  BPF: 39,
  CHECKPOINT_RESTORE: 40,
};

/** containerd's default set for a container that is not privileged. */
export const DEFAULT_CAPABILITIES = [
  "CHOWN",
  "DAC_OVERRIDE",
  "FSETID",
  "FOWNER",
  "MKNOD",
  "NET_RAW",
  "SETGID",
  "SETUID",
  "SETFCAP",
  "SETPCAP",
  "NET_BIND_SERVICE",
  "SYS_CHROOT",
  "KILL",
  "AUDIT_WRITE",
] as const;

/** A process's capability sets as /proc/PID/status prints them (16 hex digits each). */
export interface CapabilitySets {
  inheritable: string;
  permitted: string;
  effective: string;
  bounding: string;
  ambient: string;
}

const ALL = Object.values(CAPABILITY_NUMBERS);

function bitmap(numbers: Iterable<number>): string {
  let value = 0n;
  for (const n of numbers) value |= 1n << BigInt(n);
  return value.toString(16).padStart(16, "0");
}

/** The capability a manifest names (`NET_ADMIN` or `CAP_NET_ADMIN`), as its number. */
function numberOf(name: string): number | undefined {
  return CAPABILITY_NUMBERS[name.toUpperCase().replace(/^CAP_/, "")];
}

/** The capability sets of a process of this container running as uid. */
export function capabilitySets(container: Container, uid: number): CapabilitySets {
  const sc = container.securityContext ?? {};
  const set = new Set<number>();
  if (sc.privileged) for (const n of ALL) set.add(n);
  else {
    // containerd's WithCapabilities order: add ALL, drop ALL, then each added, then each dropped.
    const add = sc.capabilities?.add ?? [];
    const drop = sc.capabilities?.drop ?? [];
    const isAll = (c: string) => c.toUpperCase() === "ALL";
    for (const name of DEFAULT_CAPABILITIES) set.add(CAPABILITY_NUMBERS[name] as number);
    if (add.some(isAll)) for (const n of ALL) set.add(n);
    if (drop.some(isAll)) set.clear();
    for (const a of add) {
      const n = numberOf(a);
      if (n !== undefined) set.add(n);
    }
    for (const d of drop) {
      const n = numberOf(d);
      if (n !== undefined) set.delete(n);
    }
  }
  const bounding = bitmap(set);
  const none = bitmap([]);
  const held = uid === 0 ? bounding : none;
  return { inheritable: none, permitted: held, effective: held, bounding, ambient: none };
}
