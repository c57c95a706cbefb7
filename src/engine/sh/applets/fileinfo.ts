/** File metadata as ls, stat, find and du see it, with defaults for file systems without stat. */
import type { FileInfo, FileSystem } from "../interface";
import { byteLength } from "./common";

/** The metadata of a path, or undefined when it does not exist. */
export function statOf(fs: FileSystem, path: string): FileInfo | undefined {
  const s = fs.stat?.(path);
  if (s) return s;
  if (fs.isDir(path)) return { type: "dir", size: 4096, mode: 0o755, mtimeMs: 0 };
  if (fs.isFile(path)) return { type: "file", size: byteLength(fs.read(path)), mode: 0o644, mtimeMs: 0 };
  return undefined;
}

/** Whether a path is a symbolic link (which walkers list but do not follow). */
export function isLink(fs: FileSystem, path: string): boolean {
  return fs.stat?.(path)?.link !== undefined;
}

/** `drwxr-xr-x` from a type and permission bits; a link is `lrwxrwxrwx`. */
export function modeString(info: FileInfo): string {
  if (info.link !== undefined) return "lrwxrwxrwx";
  // The set-user-ID, set-group-ID and sticky bits show in the execute places (s, S, t, T).
  const rwx = (b: number, special: boolean, mark: string) =>
    `${b & 4 ? "r" : "-"}${b & 2 ? "w" : "-"}${special ? (b & 1 ? mark : mark.toUpperCase()) : b & 1 ? "x" : "-"}`;
  const m = info.mode;
  return `${info.type === "dir" ? "d" : "-"}${rwx(m >> 6, (m & 0o4000) !== 0, "s")}${rwx(m >> 3, (m & 0o2000) !== 0, "s")}${rwx(m, (m & 0o1000) !== 0, "t")}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** A month abbreviation of the C locale (0 is January). */
export const monthName = (i: number): string => MONTHS[i] as string;
/** A weekday abbreviation of the C locale (0 is Sunday). */
export const dayName = (i: number): string => DAYS[i] as string;

/**
 * ls -l's date column: `Jan  3 04:05` within six months of now, `Jan  3  2025` otherwise
 * (coreutils ls.c, busybox ls.c use the same rule).
 */
export function lsDate(ms: number, now: number): string {
  const d = new Date(ms);
  const md = `${monthName(d.getUTCMonth())} ${String(d.getUTCDate()).padStart(2)}`;
  const recent = now - ms < 15_778_476_000 && ms - now < 3_600_000;
  if (recent)
    return `${md} ${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
  return `${md}  ${d.getUTCFullYear()}`;
}

/** Sizes as -h prints them: 1023, 1.0K, 4.0K, 12K, 1.5M (powers of 1024, rounded up). */
export function humanSize(n: number): string {
  const units = ["K", "M", "G", "T", "P"];
  if (n < 1024) return String(n);
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const s = v < 10 ? (Math.ceil(v * 10) / 10).toFixed(1) : String(Math.ceil(v));
  return `${s}${units[u]}`;
}

/**
 * Every path under a directory (depth first, sorted), the directory itself first. Symbolic links
 * are listed, not followed (find's and du's default -P).
 */
export function walk(
  fs: FileSystem,
  root: string,
  maxDepth = Number.POSITIVE_INFINITY,
): Array<{ path: string; depth: number }> {
  const out: Array<{ path: string; depth: number }> = [];
  const visit = (path: string, depth: number) => {
    out.push({ path, depth });
    if (depth >= maxDepth) return;
    // One lookup says both whether it is a directory and whether it is a link to one.
    const info = fs.stat?.(path);
    if (!(info ? info.type === "dir" && info.link === undefined : fs.isDir(path))) return;
    for (const n of fs.list(path)) visit(path === "/" ? `/${n}` : `${path}/${n}`, depth + 1);
  };
  visit(root, 0);
  return out;
}
