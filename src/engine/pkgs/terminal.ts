/**
 * The full-screen programs packages bring (vim, nano, top): without a terminal they say so and
 * stop, as they do under `kubectl exec` without `-t` (no TERM, standard input not a terminal).
 * Texts: vim 9's main.c check_tty and getchar.c read_error_exit ("Vim: Error reading input,
 * exiting..."), ncurses' "Error opening terminal: unknown." (nano), procps-ng top's "failed tty get".
 */
import type { Program } from "../sh/interface";

/** vim without a terminal: its two warnings, then it reads no input and exits. */
export const vim: Program = (ctx) => {
  ctx.stderr.write("Vim: Warning: Output is not to a terminal\n");
  ctx.stderr.write("Vim: Warning: Input is not from a terminal\n");
  ctx.stderr.write("Vim: Error reading input, exiting...\n");
  ctx.stderr.write("Vim: Finished.\n");
  return 1;
};

/** nano (ncurses) with no TERM: it cannot open the terminal. */
export const nano: Program = (ctx) => {
  const term = ctx.env.TERM || "unknown";
  ctx.stderr.write(`Error opening terminal: ${term}.\n`);
  return 1;
};

/** procps-ng top without a terminal (batch mode, -b, is not modelled). */
export const top: Program = (ctx) => {
  ctx.stderr.write("top: failed tty get\n");
  return 1;
};
