/**
 * What both package managers do to a container: work out which packages a request brings in
 * (depth-first, dependencies before dependents, as apk's solver and apt's ordering print them)
 * and put a package's programs into the container's layer (or take them out).
 */
import type { FileSystem } from "../sh/interface";
import { binaryText, packageProgram, programIdOf } from "./binary";
import type { PackageIndex, PackageSpec } from "./data";

/** Whether the index can install a package: known, and every program it brings is written. */
export function offered(index: PackageIndex, name: string): PackageSpec | undefined {
  const spec = index[name];
  if (!spec) return undefined;
  return (spec.bin ?? []).every((p) => packageProgram(programIdOf(p))) ? spec : undefined;
}

/**
 * The packages to install for `wanted` (in that order), dependencies first, skipping what is
 * installed; with recommends, each package's Recommends follow the Depends closure (apt).
 */
export function installOrder(
  index: PackageIndex,
  wanted: readonly string[],
  installed: ReadonlySet<string>,
  opts: { recommends?: boolean } = {},
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const later: string[] = [];
  const visit = (name: string) => {
    if (seen.has(name) || installed.has(name)) return;
    seen.add(name);
    const spec = index[name];
    if (!spec) return;
    for (const d of spec.deps ?? []) visit(d);
    out.push(name);
    if (opts.recommends) later.push(...(spec.recommends ?? []));
  };
  for (const w of wanted) visit(w);
  while (later.length) visit(later.shift() as string);
  return out;
}

/** Writes a package's programs into the container's file system (0755 binaries). */
export function writePrograms(fs: FileSystem, spec: PackageSpec): void {
  for (const path of spec.bin ?? []) {
    const dir = path.slice(0, path.lastIndexOf("/")) || "/";
    if (!fs.isDir(dir)) fs.mkdir(dir, true);
    fs.write(path, binaryText(programIdOf(path)));
    fs.chmod?.(path, 0o755);
  }
}

/** Removes a package's programs from the container's file system. */
export function removePrograms(fs: FileSystem, spec: PackageSpec): void {
  for (const path of spec.bin ?? []) if (fs.isFile(path)) fs.remove(path);
}

/** The reason text of a file system error (FsError's message after the path). */
export function fsReason(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.slice(m.lastIndexOf(": ") + 2) || m;
}
