/**
 * tree 2.0.2 (Ubuntu 22.04): the directory drawn with `├── `, `└── `, `│   `, names sorted,
 * hidden ones shown with -a only, then `N directories, M files` (the root not counted; tree.c's
 * singular forms). -L limits the depth, -d lists directories only, -f prints full paths.
 */
import { type Applet, abs, getopt, has, last, type Parsed, usage } from "./common";

/** `tree [-a] [-d] [-f] [-L LEVEL] [DIR]...`. */
export const tree: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "adfL:", {});
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const all = has(p, "a");
  const dirsOnly = has(p, "d");
  const full = has(p, "f");
  const level = last(p, "L") === undefined ? Number.POSITIVE_INFINITY : Number(last(p, "L"));
  if (!(level > 0)) {
    ctx.stderr.write("tree: Invalid level, must be greater than 0.\n");
    return 1;
  }
  let dirs = 0;
  let files = 0;
  let out = "";
  const walk = (path: string, shown: string, prefix: string, depth: number) => {
    const names = ctx.fs
      .list(path)
      .filter((n) => all || !n.startsWith("."))
      .filter((n) => !dirsOnly || ctx.fs.isDir(`${path.replace(/\/$/, "")}/${n}`))
      .sort();
    names.forEach((n, i) => {
      const child = `${path.replace(/\/$/, "")}/${n}`;
      const lastOne = i === names.length - 1;
      // A symbolic link is shown with its target, not followed (tree's default without -l).
      const link = ctx.fs.stat?.(child)?.link;
      const isDir = ctx.fs.isDir(child) && link === undefined;
      out += `${prefix}${lastOne ? "└── " : "├── "}${full ? `${shown.replace(/\/$/, "")}/${n}` : n}${link === undefined ? "" : ` -> ${link}`}\n`;
      if (isDir) {
        dirs++;
        if (depth < level)
          walk(child, `${shown.replace(/\/$/, "")}/${n}`, `${prefix}${lastOne ? "    " : "│   "}`, depth + 1);
      } else files++;
    });
  };
  for (const d of p.operands.length ? p.operands : ["."]) {
    const path = abs(ctx, d);
    if (!ctx.fs.isDir(path)) {
      out += `${d}  [error opening dir]\n`;
      continue;
    }
    out += `${d}\n`;
    walk(path, d, "", 1);
  }
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  out += `\n${plural(dirs, "directory", "directories")}${dirsOnly ? "" : `, ${plural(files, "file", "files")}`}\n`;
  ctx.stdout.write(out);
  return 0;
};
