/** The lab files on disk (labs/*.yaml), read and validated for the CLI and tests. */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { formatLabError, parseLab } from "../labs/load";
import type { Lab } from "../labs/types";

/**
 * The repository's labs/ directory: labs/ at the root of the project this module is in (the
 * nearest directory above it with a package.json), from src/cli and from the compiled CLI in
 * node_modules/.cache/kubeglass alike.
 */
export const LABS_DIR = path.join(projectRoot(path.dirname(fileURLToPath(import.meta.url))), "labs");

function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json")) && !dir.includes(`${path.sep}node_modules`)) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, "../..");
  }
}

/** Every lab file in dir, in file-name order; errors name the file and line of each problem. */
export function loadLabDir(dir = LABS_DIR): { labs: Lab[]; errors: string[] } {
  const labs: Lab[] = [];
  const errors: string[] = [];
  for (const name of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    const file = path.join(dir, name);
    const r = parseLab(fs.readFileSync(file, "utf8"), path.relative(process.cwd(), file));
    if (!r.ok) errors.push(...r.errors.map(formatLabError));
    else if (r.lab.id !== name.replace(/\.yaml$/, ""))
      errors.push(`${path.relative(process.cwd(), file)}:1: id "${r.lab.id}" differs from the file name`);
    else labs.push(r.lab);
  }
  return { labs, errors };
}
