/**
 * systemctl's command line (systemctl.c systemctl_parse_argv): options that take a value
 * (`--type service`, `-t service`, `--type=service`) are kept apart from the verb and units.
 */

/** Long options of systemctl that take a value. */
const VALUE_LONG = new Set([
  "type",
  "state",
  "property",
  "lines",
  "output",
  "host",
  "machine",
  "root",
  "kill-whom",
  "kill-value",
  "signal",
  "job-mode",
  "what",
  "timestamp",
  "message",
  "preset-mode",
  "boot-loader-entry",
  "reboot-argument",
  "check-inhibitors",
]);
/** Short options of systemctl that take a value. */
const VALUE_SHORT = new Set(["t", "p", "n", "o", "H", "M", "s"]);

/** What a systemctl command line asks for. */
export interface SystemctlArgs {
  /** The verb and its units or patterns. */
  operands: string[];
  /** --type/-t values, split at commas. */
  types: string[];
  /** False under --no-legend. */
  legend: boolean;
  /** --state values, split at commas. */
  states: string[];
  /** -a / --all. */
  all: boolean;
}

/** Parses systemctl's arguments. */
export function parseSystemctlArgs(args: string[]): SystemctlArgs {
  const out: SystemctlArgs = { operands: [], types: [], legend: true, states: [], all: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    let name: string | undefined;
    let value: string | undefined;
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (eq > 0) value = a.slice(eq + 1);
      else if (VALUE_LONG.has(name)) value = args[++i] ?? "";
    } else if (a.startsWith("-") && a.length > 1) {
      // A cluster of short flags; one taking a value takes the rest of the word or the next one.
      for (let j = 1; j < a.length; j++) {
        const c = a[j] as string;
        if (c === "a") out.all = true;
        if (VALUE_SHORT.has(c)) {
          name = c;
          value = j + 1 < a.length ? a.slice(j + 1) : (args[++i] ?? "");
          break;
        }
      }
    } else {
      out.operands.push(a);
      continue;
    }
    if (name === "no-legend") out.legend = false;
    if (name === "all") out.all = true;
    if (name === "state" && value !== undefined) out.states.push(...value.split(",").filter(Boolean));
    if ((name === "type" || name === "t") && value !== undefined)
      out.types.push(...value.split(",").filter(Boolean));
  }
  return out;
}
