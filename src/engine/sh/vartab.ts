/**
 * The order ash (busybox) and dash pass their exported variables to a program they run: both
 * keep variables in a table of VTABSIZE (39) buckets chosen by hashvar (var.c: the first
 * character shifted left four bits plus every character of the name), each bucket a list with
 * the shell's own initial variables (varinit) first and the others in the order they were
 * first set; environment() walks the buckets in order. So `sh -c env` prints the environment
 * shuffled, not in the order the shell got it.
 */
import type { Dialect } from "./parse";

/** var.c VTABSIZE. */
const VTABSIZE = 39;

/** The variables varinit puts in the table before the environment (ash.c and dash var.c). */
const VARINIT = ["IFS", "MAIL", "MAILPATH", "PATH", "PS1", "PS2", "PS4", "OPTIND", "LINENO"];

/** hashvar's bucket for a variable name. */
export function varBucket(name: string): number {
  let h = (name.charCodeAt(0) & 0xff) << 4;
  for (let i = 0; i < name.length; i++) h += name.charCodeAt(i) & 0xff;
  return h % VTABSIZE;
}

/**
 * Entries (in the order the shell first set them) in the order environment() lists them for
 * dialect: bucket by bucket for ash and dash, unchanged for bash.
 */
export function environOrder(dialect: Dialect, entries: [string, string][]): [string, string][] {
  if (dialect === "bash") return entries;
  const rank = (name: string) => {
    const i = VARINIT.indexOf(name);
    return i < 0 ? VARINIT.length : i;
  };
  return entries
    .map((e, i) => ({ e, i, bucket: varBucket(e[0]), init: rank(e[0]) }))
    .sort((a, b) => a.bucket - b.bucket || a.init - b.init || a.i - b.i)
    .map((x) => x.e);
}

/**
 * The environment a sh script's `exec "$@"` hands on (an image's entrypoint script): the
 * shell's exported variables in environment() order, with the PWD it exports at start-up and,
 * for busybox ash, its SHLVL.
 */
export function scriptExecEnviron(
  dialect: Dialect,
  env: Readonly<Record<string, string>>,
  cwd: string,
): Record<string, string> {
  const vars = new Map(Object.entries(env));
  if (dialect === "ash") {
    const level = Number.parseInt(vars.get("SHLVL") ?? "0", 10);
    vars.set("SHLVL", String((Number.isNaN(level) ? 0 : level) + 1));
  }
  vars.set("PWD", cwd);
  return Object.fromEntries(environOrder(dialect, [...vars]));
}
