/** An in-memory file system for kustomize tests, as krusty's test harness writes files (kusttest_test.Harness). */
import type { KustFs } from "./loader";
import { clean, dirname, join } from "./paths";

/** A KustFs over a map of absolute paths to texts; directories are the files' parents. */
export function memFs(files: Record<string, string>): KustFs {
  const all = new Map(Object.entries(files).map(([p, t]) => [clean(p), t]));
  return {
    readFile(path) {
      const text = all.get(clean(path));
      if (text === undefined) throw new Error(`open ${path}: no such file or directory`);
      return text;
    },
    listDir(path) {
      const dir = clean(path);
      const names = new Set<string>();
      for (const p of all.keys()) {
        let d = p;
        while (d !== "/" && d !== ".") {
          const parent = dirname(d);
          if (parent === dir) names.add(d.slice(dir === "/" ? 1 : dir.length + 1));
          d = parent;
        }
      }
      return names.size ? [...names].sort() : undefined;
    },
  };
}

/** th.WriteK: a kustomization.yaml in dir. */
export function k(dir: string, text: string): Record<string, string> {
  return { [join(dir, "kustomization.yaml")]: text };
}
