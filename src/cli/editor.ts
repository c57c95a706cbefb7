/**
 * The CLI lends its terminal to the simulated shell's full-screen editors: `vi FILE` (and
 * `kubectl edit`, whose editor is vi unless KUBE_EDITOR or EDITOR says otherwise) opens the real
 * program on a real temporary copy of the node's file, and the saved text goes back into it.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { resolvePath } from "../engine/node/fs";
import type { FileSystem } from "../engine/sh/interface";
import type { CommandResult } from "../kubectl/interface";
import type { FullScreenEditor } from "../shell";

/** Opens each file operand of `EDITOR [OPTION]... FILE...` in the real editor, around pause/resume of the prompt. */
export function realEditor(pause: () => void, resume: () => void): FullScreenEditor {
  return (argv: string[], nodeFs: FileSystem, cwd: string): CommandResult => {
    const [name, ...args] = argv as [string, ...string[]];
    const options = args.filter((a) => a.startsWith("-") || a.startsWith("+"));
    const files = args.filter((a) => !(a.startsWith("-") || a.startsWith("+")));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubeglass-"));
    const copies = files.map((f) => {
      const simPath = resolvePath(cwd, f);
      const existed = nodeFs.isFile(simPath);
      const real = path.join(dir, path.basename(simPath) || "file");
      fs.writeFileSync(real, existed ? nodeFs.read(simPath) : "");
      return { simPath, existed, real, before: existed ? nodeFs.read(simPath) : "" };
    });
    pause();
    let r: ReturnType<typeof spawnSync>;
    try {
      r = spawnSync(name, [...options, ...copies.map((c) => c.real)], { stdio: "inherit" });
    } finally {
      resume();
    }
    try {
      if (r.error) return { stdout: "", stderr: `bash: ${name}: command not found\n`, exit: 127 };
      for (const c of copies) {
        const after = fs.readFileSync(c.real, "utf8");
        if (after !== c.before || (!c.existed && after !== "")) nodeFs.write(c.simPath, after);
      }
      return { stdout: "", stderr: "", exit: r.status ?? 1 };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}
