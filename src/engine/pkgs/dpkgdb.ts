/**
 * dpkg's and apt's state in the container's layer: /var/lib/dpkg/status (a stanza per installed
 * package) and /var/lib/apt/lists (empty in Debian and Ubuntu images, whose Dockerfiles remove
 * the lists: so `apt-get install` finds nothing before `apt-get update`). A layer without a
 * status file has the image's packages (data.ts BOOKWORM_BASE, NOBLE_BASE).
 */
import type { FileSystem } from "../sh/interface";

/** dpkg's database of installed packages. */
export const DPKG_STATUS = "/var/lib/dpkg/status";
/** Where apt-get update puts the package lists. */
export const APT_LISTS = "/var/lib/apt/lists";

/** Installed packages: name → version. */
export function readStatus(
  fs: FileSystem,
  base: Readonly<Record<string, { version: string }>>,
): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.isFile(DPKG_STATUS)) {
    for (const [n, s] of Object.entries(base)) out.set(n, s.version);
    return out;
  }
  for (const stanza of fs.read(DPKG_STATUS).split(/\n\n+/)) {
    const name = /^Package: (.+)$/m.exec(stanza)?.[1];
    const version = /^Version: (.+)$/m.exec(stanza)?.[1];
    if (name && version) out.set(name, version);
  }
  return out;
}

/** Writes the status file. */
export function writeStatus(fs: FileSystem, installed: ReadonlyMap<string, string>): void {
  const stanzas = [...installed]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([n, v]) => `Package: ${n}\nStatus: install ok installed\nArchitecture: amd64\nVersion: ${v}\n`);
  fs.mkdir("/var/lib/dpkg", true);
  fs.write(DPKG_STATUS, `${stanzas.join("\n")}`);
}

/** Whether apt-get update has filled the lists. */
export function listsUpdated(fs: FileSystem): boolean {
  return fs.isDir(APT_LISTS) && fs.list(APT_LISTS).some((n) => n.endsWith("_Packages"));
}

/** The list file name apt keeps for an index URL (`deb.debian.org_debian_dists_bookworm_InRelease`). */
export function listFileName(url: string): string {
  const [base = "", rest = ""] = url.replace(/^https?:\/\//, "").split(" ", 2);
  const suite = url.split(" ").slice(1);
  if (rest === "") return base.replace(/\//g, "_");
  const [dist = "", arch, kind] = suite;
  if (kind === "Packages")
    return `${base.replace(/\//g, "_")}_dists_${dist.replace(/\//g, "_")}_binary-${arch}_Packages`;
  return `${base.replace(/\//g, "_")}_dists_${dist}_${suite.at(-1)}`;
}
