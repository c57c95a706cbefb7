/**
 * Command-line flags parsed as cobra/pflag parse them: `--flag=value`, `--flag value`, `-n ns`,
 * `-nns`, `-n=ns`, grouped bool shorthands (`-it`), flags interspersed with arguments, and `--`
 * ending flag parsing (what follows is kept apart, as cobra's ArgsLenAtDash).
 */

/** The type of a flag's value. */
export type FlagType = "bool" | "string" | "int" | "stringArray";

/** One flag a command accepts. */
export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  /** pflag's NoOptDefVal: the value of `--flag` given without `=value` (e.g. --dry-run → "unchanged"). */
  noOptDefault?: string;
}

/** Parsed flags and arguments. */
export interface ParsedArgs {
  /** Flag values by long name (strings as typed; arrays for stringArray; booleans). */
  flags: Map<string, string | boolean | string[]>;
  /** Positional arguments before `--`. */
  args: string[];
  /** Arguments after `--` (undefined when there was no `--`). */
  dashArgs?: string[];
}

/** A flag error, printed as `error: MESSAGE\nSee 'kubectl CMD --help' for usage.` */
export class FlagError extends Error {}

/** Flags every kubectl command accepts (kubeconfig flags; most are accepted and ignored). */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: "namespace", short: "n", type: "string" },
  { name: "context", type: "string" },
  { name: "cluster", type: "string" },
  { name: "user", type: "string" },
  { name: "kubeconfig", type: "string" },
  { name: "server", short: "s", type: "string" },
  { name: "request-timeout", type: "string" },
  { name: "v", short: "v", type: "string" },
  { name: "insecure-skip-tls-verify", type: "bool" },
  { name: "as", type: "string" },
  { name: "help", short: "h", type: "bool" },
];

const BOOL_WORDS: Record<string, boolean> = {
  "1": true,
  t: true,
  T: true,
  true: true,
  TRUE: true,
  True: true,
  "0": false,
  f: false,
  F: false,
  false: false,
  FALSE: false,
  False: false,
};

/** Parses argv against the given flag specs (plus the global ones). Throws FlagError. */
export function parseFlags(argv: string[], specs: FlagSpec[]): ParsedArgs {
  // A command's own flag hides the global one of the same name, shorthand and all (cobra).
  const all = [...specs, ...GLOBAL_FLAGS.filter((g) => !specs.some((s) => s.name === g.name))];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short as string, s]));
  const flags = new Map<string, string | boolean | string[]>();
  const args: string[] = [];
  let dashArgs: string[] | undefined;

  const set = (spec: FlagSpec, raw: string | undefined, flagText: string) => {
    if (spec.type === "bool") {
      if (raw === undefined) flags.set(spec.name, true);
      else {
        const b = BOOL_WORDS[raw];
        if (b === undefined)
          throw new FlagError(
            `invalid argument "${raw}" for "${flagText}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`,
          );
        flags.set(spec.name, b);
      }
      return;
    }
    const value = raw as string;
    if (spec.type === "int" && !/^-?\d+$/.test(value))
      throw new FlagError(
        `invalid argument "${value}" for "${flagText}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`,
      );
    if (spec.type === "stringArray") {
      const prev = (flags.get(spec.name) as string[] | undefined) ?? [];
      flags.set(spec.name, [...prev, value]);
    } else flags.set(spec.name, value);
  };

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--") {
      dashArgs = argv.slice(i + 1);
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      const flagText = spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
      if (eq >= 0) set(spec, a.slice(eq + 1), flagText);
      else if (spec.type === "bool") set(spec, undefined, flagText);
      else if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault, flagText);
      else {
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
        set(spec, argv[++i], flagText);
      }
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      // Shorthands: -it, -nfoo, -n=foo, -n foo.
      let j = 1;
      while (j < a.length) {
        const c = a[j] as string;
        const spec = byShort.get(c);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`);
        const flagText = `-${c}, --${spec.name}`;
        if (spec.type === "bool") {
          if (a[j + 1] === "=") {
            set(spec, a.slice(j + 2), flagText);
            break;
          }
          set(spec, undefined, flagText);
          j++;
          continue;
        }
        let rest = a.slice(j + 1);
        if (rest.startsWith("=")) rest = rest.slice(1);
        else if (rest === "") {
          if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
          rest = argv[++i] as string;
        }
        set(spec, rest, flagText);
        break;
      }
      continue;
    }
    args.push(a);
  }
  return { flags, args, dashArgs };
}

/** Typed accessors over ParsedArgs. */
export class Flags {
  constructor(readonly parsed: ParsedArgs) {}

  has(name: string): boolean {
    return this.parsed.flags.has(name);
  }

  str(name: string, fallback = ""): string {
    const v = this.parsed.flags.get(name);
    return typeof v === "string" ? v : fallback;
  }

  bool(name: string, fallback = false): boolean {
    const v = this.parsed.flags.get(name);
    return typeof v === "boolean" ? v : fallback;
  }

  int(name: string, fallback: number): number {
    const v = this.parsed.flags.get(name);
    return typeof v === "string" ? Number.parseInt(v, 10) : fallback;
  }

  list(name: string): string[] {
    const v = this.parsed.flags.get(name);
    return Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
  }

  get args(): string[] {
    return this.parsed.args;
  }

  get dashArgs(): string[] | undefined {
    return this.parsed.dashArgs;
  }
}
