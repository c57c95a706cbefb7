/** The argument parsing, file access and failures the openssl subcommands share. */
import { resolvePath } from "../node/fs";
import type { CommandContext } from "../sh/interface";

/** A failure openssl reports on stderr, exiting 1. */
export class Failure extends Error {}

/** Parsed options: values, flags in order, operands. */
export interface Args {
  flags: Map<string, string | true>;
  /** Output options in the order given (x509's -text, -subject, -dates...). */
  order: string[];
  operands: string[];
  /** Every value of a valued option that may repeat (-addext). */
  all: Map<string, string[]>;
}

const VALUED = new Set([
  "out",
  "in",
  "key",
  "subj",
  "days",
  "CA",
  "CAkey",
  "CAserial",
  "set_serial",
  "inform",
  "outform",
  "passout",
  "passin",
  "keyout",
  "newkey",
  "extfile",
  "extensions",
  "config",
  "nameopt",
  "addext",
  "connect",
  "servername",
  "CAfile",
  "algorithm",
  "pkeyopt",
  "certopt",
  "ext",
]);

/** Parses openssl's single-dash options (those in VALUED take a value). */
export function parseArgs(argv: string[]): Args {
  const flags = new Map<string, string | true>();
  const order: string[] = [];
  const operands: string[] = [];
  const all = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith("-") && a.length > 1) {
      const name = a.replace(/^--?/, "");
      if (VALUED.has(name)) {
        const v = argv[++i];
        if (v === undefined) throw new Failure(`Option -${name} needs a value`);
        flags.set(name, v);
        all.set(name, [...(all.get(name) ?? []), v]);
      } else {
        flags.set(name, true);
        order.push(name);
      }
    } else operands.push(a);
  }
  return { flags, order, operands, all };
}

/** The value of a valued option. */
export function str(args: Args, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === "string" ? v : undefined;
}

/** One invocation's file access and output. */
export class Io {
  constructor(readonly ctx: CommandContext) {}

  path(p: string): string {
    return resolvePath(this.ctx.cwd, p);
  }

  read(p: string | undefined, what: string): string {
    if (p === undefined || p === "-") return this.ctx.stdin;
    const full = this.path(p);
    if (!this.ctx.fs.isFile(full))
      throw new Failure(
        `Could not open file or uri for loading ${what} from ${p}\n` +
          `40C7B5F4B57F0000:error:80000002:system library:file_open:No such file or directory:../providers/implementations/storemgmt/file_store.c:267:calling stat(${p})`,
      );
    return this.ctx.fs.read(full);
  }

  /** Writes to -out FILE, else stdout. */
  out(p: string | undefined, text: string): void {
    if (p === undefined || p === "-") {
      this.ctx.stdout.write(text);
      return;
    }
    const full = this.path(p);
    const dir = full.slice(0, full.lastIndexOf("/")) || "/";
    if (!this.ctx.fs.isDir(dir)) throw new Failure(`${p}: No such file or directory`);
    this.ctx.fs.write(full, text);
  }
}
