/**
 * Pagers and manuals where there is no terminal to page on (a script, a pipe, the headless CLI):
 * less 590 and util-linux 2.37's more then copy their files to the output as cat does (more
 * heads each of several files with `::::::::::::::` lines, more.c); man-db's man has no pages
 * installed here (`No manual entry for X`, exit 16); util-linux's whereis finds programs along
 * the standard binary directories.
 */
import { type Applet, abs, complain, fsReason } from "./common";

/** `less [FILE]...`: the files (or stdin) as they are. */
export const less: Applet = () => (ctx) => {
  const files = ctx.argv.slice(1).filter((a) => !a.startsWith("-") || a === "-");
  if (!files.length) {
    ctx.stdout.write(ctx.stdin);
    return 0;
  }
  let status = 0;
  for (const f of files) {
    if (f === "-") {
      ctx.stdout.write(ctx.stdin);
      continue;
    }
    const path = abs(ctx, f);
    if (ctx.fs.isDir(path)) {
      ctx.stderr.write(`${f} is a directory\n`);
      status = 1;
      continue;
    }
    try {
      ctx.stdout.write(ctx.fs.read(path));
    } catch (e) {
      ctx.stderr.write(`${f}: ${fsReason(e)}\n`);
      status = 1;
    }
  }
  return status;
};

/** `more [FILE]...`: the files, each under a `::::` header when there are several. */
export const more: Applet = () => (ctx) => {
  const files = ctx.argv.slice(1).filter((a) => !a.startsWith("-"));
  if (!files.length) {
    ctx.stdout.write(ctx.stdin);
    return 0;
  }
  let status = 0;
  for (const f of files) {
    const path = abs(ctx, f);
    if (ctx.fs.isDir(path)) {
      ctx.stdout.write(`\n*** ${f}: directory ***\n\n`);
      continue;
    }
    let text: string;
    try {
      text = ctx.fs.read(path);
    } catch (e) {
      complain(ctx, `cannot open ${f}: ${fsReason(e)}`);
      status = 1;
      continue;
    }
    if (files.length > 1) ctx.stdout.write(`::::::::::::::\n${f}\n::::::::::::::\n`);
    ctx.stdout.write(text);
  }
  return status;
};

/** man-db's exit status when a page is not found. */
const MAN_NOT_FOUND = 16;

/** `man [SECTION] PAGE...`: no manual pages are installed on these hosts. */
export const man: Applet = () => (ctx) => {
  const pages = ctx.argv.slice(1).filter((a) => !a.startsWith("-") && !/^\d[a-z]*$/.test(a));
  if (!pages.length) {
    ctx.stderr.write("What manual page do you want?\nFor example, try 'man man'.\n");
    return 1;
  }
  for (const p of pages) ctx.stderr.write(`No manual entry for ${p}\n`);
  return MAN_NOT_FOUND;
};

/** The binary directories whereis looks in first (util-linux misc-utils/whereis.c bindirs). */
const BIN_DIRS = ["/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin", "/opt/cni/bin"];

/** `whereis [-b] NAME...`: `NAME: /usr/bin/NAME` for each directory that has it. */
export const whereis: Applet = () => (ctx) => {
  for (const name of ctx.argv.slice(1).filter((a) => !a.startsWith("-"))) {
    const base = name.slice(name.lastIndexOf("/") + 1);
    const hits = BIN_DIRS.filter(
      (d) => ctx.userland?.lookup(base, `${d}/${base}`) !== undefined || ctx.fs.isFile(`${d}/${base}`),
    ).map((d) => `${d}/${base}`);
    ctx.stdout.write(`${base}:${hits.map((h) => ` ${h}`).join("")}\n`);
  }
  return 0;
};
