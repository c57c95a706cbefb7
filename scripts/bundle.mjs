// Compiles a TypeScript entry (the CLI, a benchmark) into one ES module as the app's build does:
// esbuild, no keepNames. tsx, which ran them before, compiles with keepNames, and the engine's
// closure-heavy hot paths (the shell interpreter driving a thousand containers) then run two to
// three times slower than the code the browser gets. Packages stay imports from node_modules. No
// source map (it would double the file and its start-up); `npx tsx src/cli/main.ts` runs the sources.
//
// The output lives in node_modules/.cache/kubeglass/<checkout>/ and is rebuilt only when a file it was built
// from changed (esbuild's metafile lists them); two processes building at once each write their
// own file and rename it into place.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
// One folder per checkout: git worktrees that share a node_modules (a symlink) must not run each
// other's builds.
const CHECKOUT = createHash("sha1").update(ROOT).digest("hex").slice(0, 8);
const CACHE = path.join(ROOT, "node_modules", ".cache", "kubeglass", CHECKOUT);

/** Whether out is missing, or older than a file its last build read (listed in its inputs file). */
function stale(out, inputsFile) {
  if (!fs.existsSync(out) || !fs.existsSync(inputsFile)) return true;
  const built = fs.statSync(out).mtimeMs;
  let inputs;
  try {
    inputs = JSON.parse(fs.readFileSync(inputsFile, "utf8"));
  } catch {
    return true;
  }
  for (const f of inputs) {
    const st = fs.statSync(path.join(ROOT, f), { throwIfNoEntry: false });
    if (!st || st.mtimeMs > built) return true;
  }
  return false;
}

/**
 * The compiled module for entry (a path from the project root), built now if stale; name is its
 * file name in the cache.
 */
export async function bundled(entry, name) {
  const out = path.join(CACHE, `${name}.mjs`);
  const inputsFile = path.join(CACHE, `${name}.inputs.json`);
  if (!stale(out, inputsFile)) return out;
  fs.mkdirSync(CACHE, { recursive: true });
  const tmp = `${out}.${process.pid}.tmp.mjs`;
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile: tmp,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    metafile: true,
    logLevel: "error",
  });
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith("node_modules/"));
  fs.writeFileSync(`${inputsFile}.${process.pid}.tmp`, JSON.stringify(inputs));
  fs.renameSync(tmp, out);
  fs.renameSync(`${inputsFile}.${process.pid}.tmp`, inputsFile);
  return out;
}
