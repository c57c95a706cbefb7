/** Linux signal numbers (x86-64), as `kill -l` lists them, and the shells' name handling. */

/** Signal names (without SIG) to numbers. */
export const SIGNALS: Record<string, number> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  ILL: 4,
  TRAP: 5,
  ABRT: 6,
  BUS: 7,
  FPE: 8,
  KILL: 9,
  USR1: 10,
  SEGV: 11,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
  STKFLT: 16,
  CHLD: 17,
  CONT: 18,
  STOP: 19,
  TSTP: 20,
  TTIN: 21,
  TTOU: 22,
  URG: 23,
  XCPU: 24,
  XFSZ: 25,
  VTALRM: 26,
  PROF: 27,
  WINCH: 28,
  IO: 29,
  PWR: 30,
  SYS: 31,
};

/** Signals whose default action is to do nothing (the shell is not killed by them). */
export const IGNORED_BY_DEFAULT = new Set(["CHLD", "CONT", "URG", "WINCH"]);

/** The canonical name of a signal spec (`TERM`, `SIGTERM`, `15`, `term`; `EXIT`/`0`); undefined if unknown. */
export function signalName(spec: string): string | undefined {
  const s = spec.toUpperCase();
  if (s === "EXIT" || s === "0") return "EXIT";
  if (/^[0-9]+$/.test(s)) return Object.keys(SIGNALS).find((k) => SIGNALS[k] === Number(s));
  const name = s.startsWith("SIG") ? s.slice(3) : s;
  if (name === "ERR" || name === "DEBUG" || name === "RETURN") return name;
  return name in SIGNALS ? name : undefined;
}
