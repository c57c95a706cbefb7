/**
 * perl, for what containers run with it: `perl -v`, and `-e`/`-E`/`-l` scripts and script files
 * through the small interpreter of ./script/perl (print and say, scalars, arithmetic, strings with
 * interpolation, $ENV{X}, bpi(N) under -Mbignum=bpi: the Kubernetes Job example
 * `perl -Mbignum=bpi -wle 'print bpi(2000)'`). A program beyond it gets one line on stderr saying
 * the simulator does not run it, and exit 1.
 */
import type { CommandContext } from "../../sh/interface";
import { Unsupported } from "./script/expr";
import { PerlDie, PerlExit, runPerl } from "./script/perl";

/** What this perl prints when a program goes beyond what the simulator runs. */
export const PERL_UNSUPPORTED =
  "kubeglass: the simulated perl runs print/say, scalars, arithmetic, strings and %ENV; it does not run this program";

function perlVersion(ctx: CommandContext): string {
  const m = /perl(5\.\d+\.\d+)/.exec(ctx.argv[0] ?? "");
  return m?.[1] ?? "5.40.0";
}

/** perl. */
export function perl(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  const version = perlVersion(ctx);
  let l = false;
  let bpi = false;
  let say = false;
  let script: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "-v") {
      const [, minor, patch] = version.split(".");
      ctx.stdout.write(
        `\nThis is perl 5, version ${minor}, subversion ${patch} (v${version}) built for x86_64-linux-gnu\n\nCopyright 1987-2024, Larry Wall\n\nPerl may be copied only under the terms of either the Artistic License or the\nGNU General Public License, which may be found in the Perl 5 source kit.\n\nComplete documentation for Perl, including FAQ lists, should be found on\nthis system using "man perl" or "perldoc perl".  If you have access to the\nInternet, point your browser at https://www.perl.org/, the Perl Home Page.\n\n`,
      );
      return 0;
    }
    if (a.startsWith("-M")) {
      if (/^-Mbignum(=.*\bbpi\b.*)?$/.test(a)) bpi = true;
      continue;
    }
    if (/^-[wl]*[eE]$/.test(a)) {
      if (a.includes("l")) l = true;
      if (a.includes("E")) say = true;
      if (a.endsWith("e") || a.endsWith("E")) script = args[++i] ?? "";
      continue;
    }
    if (/^-[wl]+$/.test(a)) {
      if (a.includes("l")) l = true;
      continue;
    }
    if (a.startsWith("-")) {
      // -n, -p, -i, -a...: loops over input and in-place edits are beyond the simulation.
      ctx.stderr.write(`${PERL_UNSUPPORTED}\n`);
      return 1;
    }
    // A script file: read and run it like -e.
    const path = a.startsWith("/") ? a : `${ctx.cwd}/${a}`;
    if (!ctx.fs.isFile(path)) {
      ctx.stderr.write(`Can't open perl script "${a}": No such file or directory\n`);
      return 2;
    }
    script = ctx.fs.read(path).replace(/^#!.*\n/, "");
    break;
  }
  if (script === undefined) script = ctx.stdin;
  try {
    ctx.stdout.write(runPerl(script, { l, bpi, sayAllowed: say, env: ctx.env, now: () => ctx.sys.now() }));
    return 0;
  } catch (e) {
    if (e instanceof PerlExit) {
      ctx.stdout.write(e.out);
      return e.status & 0xff;
    }
    if (e instanceof PerlDie) {
      ctx.stderr.write(`${e.message} at -e line 1.\n`);
      return 255;
    }
    if (!(e instanceof Unsupported)) throw e;
    ctx.stderr.write(`${PERL_UNSUPPORTED}\n`);
    return 1;
  }
}
