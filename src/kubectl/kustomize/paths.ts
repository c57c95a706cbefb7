/** POSIX path helpers for the kustomize loader (Go's filepath.Join / Clean / Dir / Base). */

/** filepath.Clean: one slash between parts, no "." parts, ".." resolved where it can be. */
export function clean(path: string): string {
  const abs = path.startsWith("/");
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length && out[out.length - 1] !== "..") out.pop();
      else if (!abs) out.push("..");
      continue;
    }
    out.push(part);
  }
  const joined = out.join("/");
  return abs ? `/${joined}` : joined || ".";
}

/** filepath.Join of a directory and a path relative to it (an absolute path stays as it is). */
export function join(dir: string, path: string): string {
  return path.startsWith("/") ? clean(path) : clean(`${dir}/${path}`);
}

/** filepath.Dir. */
export function dirname(path: string): string {
  const c = clean(path);
  const i = c.lastIndexOf("/");
  if (i < 0) return ".";
  return i === 0 ? "/" : c.slice(0, i);
}

/** filepath.Base. */
export function basename(path: string): string {
  const c = clean(path);
  return c.slice(c.lastIndexOf("/") + 1);
}
