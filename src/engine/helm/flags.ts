/**
 * Reading helm's command line as cobra/pflag do: `--flag value`, `--flag=value`, `-n value`,
 * `-nvalue`, boolean flags (`--dry-run` also takes `--dry-run=server`), repeatable flags
 * (--set, -f), flags anywhere among the arguments, `--` ending them; unknown flags are pflag's
 * errors (`unknown flag: --x`, `unknown shorthand flag: 'x' in -x`).
 */

/** A flag a command takes. */
export interface FlagSpec {
  name: string;
  short?: string;
  /** bool: no value; optional: a value only after `=` (pflag's NoOptDefVal); value: needs one. */
  kind: "bool" | "value" | "optional";
}

/** What was read: the flags by long name (each value given, in order) and the arguments. */
export interface ParsedFlags {
  values: Map<string, string[]>;
  args: string[];
}

/** helm's global flags (pkg/cli/environment.go AddFlags). */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: "namespace", short: "n", kind: "value" },
  { name: "kube-context", kind: "value" },
  { name: "kubeconfig", kind: "value" },
  { name: "debug", kind: "bool" },
  { name: "help", short: "h", kind: "bool" },
  { name: "burst-limit", kind: "value" },
  { name: "qps", kind: "value" },
  { name: "registry-config", kind: "value" },
  { name: "repository-config", kind: "value" },
  { name: "repository-cache", kind: "value" },
];

/** Reads argv against the flags; a pflag message when a flag is unknown or lacks its value. */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): ParsedFlags | string {
  const all = [...specs, ...GLOBAL_FLAGS];
  const values = new Map<string, string[]>();
  const args: string[] = [];
  const put = (name: string, v: string) => values.set(name, [...(values.get(name) ?? []), v]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--") {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const spec = all.find((s) => s.name === name);
      if (!spec) return `unknown flag: --${name}`;
      if (eq >= 0) put(name, a.slice(eq + 1));
      else if (spec.kind === "value") {
        if (i + 1 >= argv.length) return `flag needs an argument: --${name}`;
        put(name, argv[++i] as string);
      } else put(name, spec.kind === "bool" ? "true" : "");
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      // Shorthands may be grouped: -An, -ndefault.
      for (let j = 1; j < a.length; j++) {
        const c = a[j] as string;
        const spec = all.find((s) => s.short === c);
        if (!spec) return `unknown shorthand flag: '${c}' in ${a}`;
        if (spec.kind !== "value") {
          put(spec.name, spec.kind === "bool" ? "true" : "");
          continue;
        }
        const rest = a.slice(j + 1).replace(/^=/, "");
        if (rest) put(spec.name, rest);
        else {
          if (i + 1 >= argv.length) return `flag needs an argument: '${c}' in -${c}`;
          put(spec.name, argv[++i] as string);
        }
        break;
      }
      continue;
    }
    args.push(a);
  }
  return { values, args };
}

/** The last value of a flag, if given. */
export function flag(p: ParsedFlags, name: string): string | undefined {
  const v = p.values.get(name);
  return v?.[v.length - 1];
}

/** Whether a boolean flag is on (`--x`, `--x=true`). */
export function bool(p: ParsedFlags, name: string): boolean {
  const v = flag(p, name);
  return v !== undefined && v !== "false";
}

/** Every value of a repeatable flag, in order. */
export function all(p: ParsedFlags, name: string): string[] {
  return p.values.get(name) ?? [];
}
