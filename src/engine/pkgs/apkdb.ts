/**
 * apk's database in the container's file system: /lib/apk/db/installed (a `P:`/`V:` record per
 * package), /etc/apk/world (what was asked for), and the APKINDEX cache in /var/cache/apk. A
 * container whose layer has none of these has the image's (data.ts ALPINE_321_BASE and _WORLD).
 */
import type { FileSystem } from "../sh/interface";
import { ALPINE_321, ALPINE_321_BASE, ALPINE_321_WORLD } from "./data";

/** apk's installed-packages database. */
export const APK_INSTALLED = "/lib/apk/db/installed";
/** The repositories apk fetches indexes from, one URL a line. */
export const APK_REPOSITORIES = "/etc/apk/repositories";
/** The packages asked for. */
export const APK_WORLD = "/etc/apk/world";
/** Where apk keeps the indexes it fetched (the image has the directory, empty). */
export const APK_CACHE = "/var/cache/apk";
/** How long a fetched index is used before apk fetches it again (apk's --cache-max-age default). */
export const APK_CACHE_MAX_AGE_MS = 4 * 60 * 60 * 1000;

/** Installed packages: name → version, in database order. */
export function readInstalled(fs: FileSystem): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.isFile(APK_INSTALLED)) {
    for (const n of ALPINE_321_BASE) out.set(n, ALPINE_321[n]?.version ?? "");
    return out;
  }
  let name = "";
  for (const line of fs.read(APK_INSTALLED).split("\n")) {
    if (line.startsWith("P:")) name = line.slice(2);
    else if (line.startsWith("V:") && name) out.set(name, line.slice(2));
  }
  return out;
}

/** Writes the installed database (P, V, A, I, T and D fields of each package). */
export function writeInstalled(fs: FileSystem, installed: ReadonlyMap<string, string>): void {
  const records = [...installed].map(([name, version]) => {
    const spec = ALPINE_321[name];
    const lines = [`P:${name}`, `V:${version}`, "A:x86_64", `I:${(spec?.size ?? 0) * 1024}`];
    if (spec?.description) lines.push(`T:${spec.description}`);
    if (spec?.deps?.length) lines.push(`D:${spec.deps.join(" ")}`);
    return `${lines.join("\n")}\n`;
  });
  fs.mkdir("/lib/apk/db", true);
  fs.write(APK_INSTALLED, `${records.join("\n")}\n`);
}

/** The world: the packages asked for. */
export function readWorld(fs: FileSystem): string[] {
  if (!fs.isFile(APK_WORLD)) return [...ALPINE_321_WORLD];
  return fs
    .read(APK_WORLD)
    .split(/\s+/)
    .filter((w) => w);
}

/** Writes the world (sorted, one a line, as apk keeps it). */
export function writeWorld(fs: FileSystem, world: readonly string[]): void {
  fs.mkdir("/etc/apk", true);
  fs.write(APK_WORLD, `${[...new Set(world)].sort().join("\n")}\n`);
}
