/**
 * Where kustomize reads files (api/internal/loader/fileloader.go): a root directory on the
 * terminal's file system, files relative to it, and the kustomization file found in it
 * (api/internal/target/kusttarget.go LoadKustFile, errmissingkustomization.go).
 */
import { KustomizeError } from "./errors";
import { join } from "./paths";

/** The file system a build reads: the kubectl context's readFile and listDir, on absolute paths. */
export interface KustFs {
  /** A file's text; throws when it is missing or a directory. */
  readFile(path: string): string;
  /** A directory's entries; undefined when the path is not a directory. */
  listDir(path: string): string[] | undefined;
}

/** The names a kustomization file may have, in the order kustomize tries them (konfig.RecognizedKustomizationFileNames). */
export const KUSTOMIZATION_FILE_NAMES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

/** The text of the kustomization file in dir and its name, or kustomize's error when there is none. */
export function loadKustFile(fs: KustFs, dir: string): { text: string; name: string } {
  const entries = fs.listDir(dir) ?? [];
  const found = KUSTOMIZATION_FILE_NAMES.filter((n) => entries.includes(n));
  if (found.length > 1) throw new KustomizeError(`Found multiple kustomization files under: ${dir}\n`);
  const name = found[0];
  if (!name)
    throw new KustomizeError(
      `unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'`,
    );
  return { text: fs.readFile(join(dir, name)), name };
}

/** The first component of an absolute path that does not exist (what lstat in EvalSymlinks names), or undefined. */
export function firstMissing(fs: KustFs, abs: string): string | undefined {
  const parts = abs.split("/").filter(Boolean);
  let cur = "";
  for (const part of parts) {
    const parent = cur || "/";
    cur = `${cur}/${part}`;
    if (!(fs.listDir(parent) ?? []).includes(part)) return cur;
  }
  return undefined;
}

/** Reads a file relative to a root, with the error os.ReadFile gives for a missing one. */
export function readRelative(fs: KustFs, root: string, path: string): string {
  const abs = join(root, path);
  if (fs.listDir(abs)) throw new KustomizeError(`read ${abs}: is a directory`);
  try {
    return fs.readFile(abs);
  } catch {
    throw new KustomizeError(
      `evalsymlink failure on '${abs}' : lstat ${firstMissing(fs, abs) ?? abs}: no such file or directory`,
    );
  }
}
