/**
 * busybox 1.36's pagers and man where there is no terminal to page on: less (miscutils/less.c)
 * and more (util-linux/more.c) turn into cat (`if (!isatty(STDOUT_FILENO)) return bb_cat(argv)`,
 * so cat's messages), and man (miscutils/man.c) finds no pages (the image ships none):
 * `man: no manual entry for 'X'`, status 1.
 */
import { busyboxUsage } from "./busyboxusage";
import { cat } from "./cat";
import { type Applet, complain, programName } from "./common";

/** A pager without a terminal: its options are taken (and ignored), its files catted. */
export const bbPager: Applet = () => (ctx) => {
  const args = ctx.argv.slice(1);
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") {
      files.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("-") && a !== "-") continue;
    files.push(a);
  }
  return cat("busybox")({ ...ctx, argv: [programName(ctx), ...files] });
};

/** `man [-aw] [SECTION] MANPAGE...`: no manual pages are installed. */
export const bbMan: Applet = () => (ctx) => {
  const words = ctx.argv.slice(1).filter((a) => !/^-[aw]+$/.test(a));
  if (!words.length) {
    ctx.stderr.write(busyboxUsage("man"));
    return 1;
  }
  // A first word of digits (and letters) is a section when a page follows it.
  const pages = words.length > 1 && /^\d[a-z]*$/.test(words[0] as string) ? words.slice(1) : words;
  for (const page of pages) complain(ctx, `no manual entry for '${page}'`);
  return 1;
};
