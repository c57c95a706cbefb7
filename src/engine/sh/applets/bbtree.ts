/**
 * busybox 1.36's tree (miscutils/tree.c): no options (every operand is a directory), names in
 * alphasort order with hidden ones skipped, a link shown as `NAME -> TARGET` and counted as a
 * file, `N directories, M files` always plural. Whether an entry is drawn last is decided among
 * all entries, hidden ones included (`index == size`), as the C does.
 */
import type { CommandContext } from "../interface";
import { type Applet, abs } from "./common";

/** Draws one directory's entries under prefix, counting directories and files. */
function walk(ctx: CommandContext, path: string, prefix: string, count: [number, number]): string {
  // scandir lists `.` and `..` too; they sort first and are hidden, so they never end the list.
  const names = ctx.fs.list(path).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let out = "";
  names.forEach((name, i) => {
    if (name.startsWith(".")) return;
    const last = i === names.length - 1;
    const child = `${path === "/" ? "" : path}/${name}`;
    out += prefix + (last ? "└── " : "├── ");
    const link = ctx.fs.stat?.(child)?.link;
    if (link !== undefined) {
      out += `${name} -> ${link}\n`;
      count[1]++;
    } else if (ctx.fs.isDir(child)) {
      out += `${name}\n`;
      out += walk(ctx, child, prefix + (last ? "    " : "│   "), count);
      count[0]++;
    } else {
      out += `${name}\n`;
      count[1]++;
    }
  });
  return out;
}

/** `tree [DIRECTORY]...`. */
export const bbTree: Applet = () => (ctx) => {
  const count: [number, number] = [0, 0];
  let out = "";
  for (const dir of ctx.argv.length > 1 ? ctx.argv.slice(1) : ["."]) {
    const path = abs(ctx, dir);
    if (!ctx.fs.isDir(path)) {
      out += `${dir} [error opening dir]\n`;
      continue;
    }
    out += `${dir}\n${walk(ctx, path, "", count)}`;
  }
  ctx.stdout.write(`${out}\n${count[0]} directories, ${count[1]} files\n`);
  return 0;
};
